/** The facts of a record row that decide what the public sees of it. */
export interface PublicFacts {
  visibility: string;
  embargo_until: string | null;
  deleted_at: string | null;
  updated_at: string;
  ever_public?: number;
}

/** True when the public sees a row with these facts at `now` (the one visibility rule, for the anonymous). */
export function publicAt(row: PublicFacts, now: string): boolean {
  return !row.deleted_at && row.visibility === 'public' && (!row.embargo_until || row.embargo_until <= now);
}

/**
 * The public trace of a record after a write (`next`), given the row it replaces (`prev`) at `now`:
 * - `ever_public` stays 1 once the public could see the record (before or by this write);
 * - `public_at` is when the public sees the change: the write itself, or the end of its embargo
 *   when a public record waits for one. A record the public has already seen that is put back
 *   under embargo is announced gone now (so feeds tell harvesters to drop it), not when the
 *   embargo ends; it comes back at its next change.
 * Feeds order and select by `public_at`, so an embargo that ends needs no job to be announced.
 */
export function publicTrace(next: PublicFacts, prev: PublicFacts | undefined, now: string): { public_at: string; ever_public: number } {
  const seenBefore = !!prev && (prev.ever_public === 1 || publicAt(prev, now));
  const everPublic = seenBefore || publicAt(next, now) ? 1 : 0;
  const waitsForEmbargo = !next.deleted_at && next.visibility === 'public' && !!next.embargo_until && next.embargo_until > next.updated_at;
  const publicFrom = waitsForEmbargo && !(seenBefore && next.embargo_until! > now) ? next.embargo_until! : next.updated_at;
  return { public_at: publicFrom, ever_public: everPublic };
}
