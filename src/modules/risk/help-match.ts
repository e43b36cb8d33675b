export const HELP_KINDS = ['expert', 'funds', 'equipment', 'materials', 'digitisation', 'storage'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/** What the matcher needs of a request or an offer. */
export interface HelpSide {
  kind: string;
  skill: string | null;
  languages: string[];
  lat: number | null;
  lon: number | null;
  /** The window needed (request) or available (offer), ISO dates. */
  from: string;
  until: string;
  /** What is left to cover (request) or to give (offer). */
  remaining: number;
}

export interface MatchScore {
  score: number;
  skill: number;
  languages: string[];
  distanceKm: number | null;
  /** What the offer could cover of the request. */
  quantity: number;
}

/**
 * How well an offer fits a request, or null when it cannot help at all (another kind of help,
 * nothing left on either side, or not available while the help is needed). The score weighs
 * skill (0.4), a shared language (0.2), distance (0.2) and how much of the need it covers (0.2).
 */
export function scoreMatch(request: HelpSide, offer: HelpSide): MatchScore | null {
  if (request.kind !== offer.kind || request.remaining <= 0 || offer.remaining <= 0) return null;
  if (offer.until < request.from || offer.from > request.until) return null;
  const skill = skillOverlap(request.skill, offer.skill);
  const wanted = new Set(request.languages.map(primaryTag));
  const languages = offer.languages.filter((l) => wanted.has(primaryTag(l)));
  const languageScore = wanted.size === 0 ? 1 : languages.length ? 1 : 0;
  const distanceKm = request.lat !== null && request.lon !== null && offer.lat !== null && offer.lon !== null ? haversineKm(request.lat, request.lon, offer.lat, offer.lon) : null;
  const distanceScore = distanceKm === null ? 0.5 : 1 / (1 + distanceKm / 500);
  const quantity = Math.min(request.remaining, offer.remaining);
  const coverScore = quantity / request.remaining;
  const score = 0.4 * skill + 0.2 * languageScore + 0.2 * distanceScore + 0.2 * coverScore;
  return { score: Math.round(score * 1000) / 1000, skill, languages, distanceKm: distanceKm === null ? null : Math.round(distanceKm), quantity };
}

/** The share of the request's skill words the offer names (1 when the request names no skill). */
export function skillOverlap(wanted: string | null, offered: string | null): number {
  const a = words(wanted);
  if (!a.size) return 1;
  const b = words(offered);
  if (!b.size) return 0;
  let hit = 0;
  for (const w of a) if ([...b].some((x) => x === w || (w.length > 4 && x.length > 4 && (x.startsWith(w.slice(0, 5)) || w.startsWith(x.slice(0, 5)))))) hit++;
  return hit / a.size;
}

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** What a request has covered: accepted and delivered matches count, proposals and refusals do not. */
export function coverage(quantity: number, matches: { quantity: number; status: string }[]): { covered: number; delivered: number; remaining: number } {
  const covered = matches.filter((m) => m.status === 'accepted' || m.status === 'delivered').reduce((s, m) => s + m.quantity, 0);
  const delivered = matches.filter((m) => m.status === 'delivered').reduce((s, m) => s + m.quantity, 0);
  return { covered, delivered, remaining: Math.max(0, quantity - covered) };
}

const STOP = new Set(['and', 'of', 'the', 'for', 'in', 'et', 'de', 'la', 'le', 'des', 'y', 'del']);

function words(s: string | null): Set<string> {
  if (!s) return new Set();
  const seg = new Intl.Segmenter(undefined, { granularity: 'word' });
  return new Set(
    [...seg.segment(s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())]
      .filter((x) => x.isWordLike && !STOP.has(x.segment))
      .map((x) => x.segment),
  );
}

function primaryTag(tag: string): string {
  return tag.toLowerCase().split('-')[0];
}
