import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a client asking for a record's URL gets: the page, the Linked Art document or the API's JSON. */
export type RecordRepresentation = 'html' | 'linked-art' | 'json';

// In order of preference when a client accepts several equally (browsers and `*/*` get the page).
const OFFERS: { rep: RecordRepresentation; types: string[] }[] = [
  { rep: 'html', types: ['text/html'] },
  { rep: 'linked-art', types: ['application/ld+json'] },
  { rep: 'json', types: ['application/json'] },
];

/**
 * Chooses the representation of a record URL from an Accept header (RFC 9110 section 12.5.1):
 * each offer gets the quality of the most specific range that matches it; the best non-zero one
 * wins, the page on a tie; no header or nothing acceptable gives the page.
 */
export function negotiateRecord(accept: string | string[] | undefined): RecordRepresentation {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (!header?.trim()) return 'html';
  const ranges = parseAccept(header);
  let best: RecordRepresentation = 'html';
  let bestQ = 0;
  for (const offer of OFFERS) {
    const q = Math.max(...offer.types.map((t) => qualityOf(t, ranges)));
    if (q > bestQ) {
      best = offer.rep;
      bestQ = q;
    }
  }
  return best;
}

/** An onSend hook for answers chosen by content negotiation: adds `Accept` to their Vary header. */
export async function varyByAccept<T>(_request: FastifyRequest, reply: FastifyReply, payload: T): Promise<T> {
  reply.header('vary', varyWithAccept(reply.getHeader('vary')));
  return payload;
}

/** A Vary header value with `Accept` added to what was there. */
export function varyWithAccept(current: unknown): string {
  const parts = String(current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.some((p) => p.toLowerCase() === 'accept') ? parts.join(', ') : [...parts, 'Accept'].join(', ');
}

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const out: Range[] = [];
  for (const part of header.split(',').slice(0, 50)) {
    const [media, ...params] = part.split(';');
    const [type, subtype] = media.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    out.push({ type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 });
  }
  return out;
}

function qualityOf(mediaType: string, ranges: Range[]): number {
  const [type, subtype] = mediaType.split('/');
  let specificity = -1;
  let q = 0;
  for (const r of ranges) {
    const s = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (s > specificity) {
      specificity = s;
      q = r.q;
    }
  }
  return q;
}
