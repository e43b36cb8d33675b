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

/** Identifiers that are safe in URLs and file names: letters, digits, `-`, `_`, `.`, at most 128 characters. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
export const ID_REGEX = new RegExp(ID_PATTERN);

/** The current instant as an ISO 8601 string (what every timestamp column holds). */
export function nowIso(): string {
  return new Date().toISOString();
}
