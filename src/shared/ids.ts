import { randomBytes } from 'node:crypto';

// Crockford base32 without ambiguous letters: ids are read aloud and typed in citations.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new random identifier with a readable prefix, e.g. `r-7k3m9x2q1c4t`. */
export function newId(prefix: string, length = 12): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] & 31];
  return `${prefix}-${out}`;
}

/**
 * Identifiers for a batch of new rows written together, of the same shape as `newId`'s: a random
 * stem shared by the batch and a counter in its last characters. The batch's ids sort next to
 * each other, so writing them touches a few pages of the id index instead of one page per id
 * (in a million-record import that random scatter was most of the data written to disk). The
 * ids of one batch are neighbours (knowing one tells the others; visibility, not secrecy of ids,
 * protects records), and each batch's stem is as random as a single id.
 */
export function idAllocator(prefix: string, length = 12): () => string {
  const counterLength = 4;
  let stem = '';
  let n = 32 ** counterLength;
  return () => {
    if (n === 32 ** counterLength) {
      stem = newId(prefix, length - counterLength);
      n = 0;
    }
    let suffix = '';
    for (let i = 0, k = n++; i < counterLength; i++, k >>= 5) suffix = ALPHABET[k & 31] + suffix;
    return stem + suffix;
  };
}

/** Identifiers that are safe in URLs and file names: letters, digits, `-`, `_`, `.`, at most 128 characters. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
export const ID_REGEX = new RegExp(ID_PATTERN);

/** The current instant as an ISO 8601 string (what every timestamp column holds). */
export function nowIso(): string {
  return new Date().toISOString();
}
