import type { RecordInput } from '../src/modules/records/record.schema';
import type { InstitutionInput } from '../src/modules/institutions/institution.schema';
import { BENCH_INSTITUTIONS, LANG_SHARES, MATERIALS, PLACES, AGENTS, TITLE_PARTS, ZH_TITLE_PARTS, HEAD_WORDS, PROVENANCE } from './vocabulary';

/**
 * Deterministic benchmark data: record i depends only on (seed, i), so a stream of N records is
 * byte-identical between runs, any record can be rebuilt alone, and nothing is kept in memory.
 */
export const BENCH_SEED = 20261121;
export const VOCABULARY_SIZE = 100_000;
/** Words of a record's description: uniform in this range (about 600 bytes of text a record in all). */
export const DESCRIPTION_WORDS: readonly [number, number] = [64, 96];

export { BENCH_INSTITUTIONS };

/** mulberry32: a small, fast, seedable PRNG answering floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s. */
export class Zipf {
  private readonly cdf: Float64Array;
  constructor(readonly n: number, readonly s = 1) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cdf[r] = sum += 1 / Math.pow(r + 1, s);
    for (let r = 0; r < n; r++) this.cdf[r] /= sum;
  }
  /** Probability of one draw landing on this rank. */
  p(rank: number): number {
    return this.cdf[rank] - (rank ? this.cdf[rank - 1] : 0);
  }
  sample(rand: () => number): number {
    const u = rand();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The description vocabulary: real words first (the head of the distribution), then invented ones. */
export const VOCABULARY: readonly string[] = buildVocabulary();
const RANK = new Map(VOCABULARY.map((w, i) => [w, i]));
const wordZipf = new Zipf(VOCABULARY_SIZE, 1);
const institutionZipf = new Zipf(BENCH_INSTITUTIONS.length, 0.8);
const materialZipf = new Zipf(MATERIALS.length, 1.1);
const agentZipf = new Zipf(AGENTS.length, 1);
const placeZipf = new Zipf(PLACES.length, 0.9);

/** Share of records whose description contains the word (analytic, from the Zipf law). */
export function expectedDocFrequency(word: string): number {
  const rank = RANK.get(word);
  if (rank === undefined) return 0;
  const p = wordZipf.p(rank);
  const [lo, hi] = DESCRIPTION_WORDS;
  let sum = 0;
  for (let l = lo; l <= hi; l++) sum += 1 - Math.pow(1 - p, l);
  return sum / (hi - lo + 1);
}

/** Query terms chosen from the vocabulary by their expected share of matching records. */
export const QUERY_TERMS = chooseQueryTerms();

/** The record at position i of the stream of a seed. */
export function recordAt(i: number, seed = BENCH_SEED): RecordInput {
  const rand = mulberry32(mix(seed, i));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const inst = BENCH_INSTITUTIONS[institutionZipf.sample(rand)];
  const lang = pickWeighted(rand, LANG_SHARES);
  const title = lang === 'zh' ? zhTitle(pick) : latinTitle(lang, pick, rand);
  if (lang !== 'en' && lang !== 'zh' && rand() < 0.2) title.en = [latinTitle('en', pick, rand).en[0]];
  const record: RecordInput = {
    id: recordId(i),
    institutionId: inst.id!,
    kind: pickWeighted(rand, KIND_SHARES),
    title,
    description: { en: [description(rand)] },
    identifiers: [{ type: 'inventory', value: `${inst.id!.slice(6).toUpperCase()}-${i}` }],
    source: { kind: 'import', system: 'bench', identifier: `INV-${i}` },
  };
  const agentCount = rand() < 0.7 ? 1 + Math.floor(rand() * 2) : 0;
  if (agentCount) record.agents = Array.from({ length: agentCount }, () => ({ name: AGENTS[agentZipf.sample(rand)], role: pick(ROLES) }));
  if (rand() < 0.9) record.date = { display: dateDisplay(rand, pick) };
  if (rand() < 0.75) {
    record.places = Array.from({ length: rand() < 0.8 ? 1 : 2 }, () => {
      const p = PLACES[placeZipf.sample(rand)];
      return { name: { en: [p.name] }, role: 'origin', country: p.country, lat: jitter(p.lat, rand), lon: jitter(p.lon, rand) };
    });
  }
  if (rand() < 0.9) {
    const count = rand() < 0.7 ? 1 : 2;
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) seen.add(materialZipf.sample(rand));
    record.materials = [...seen].map((m) => ({ label: { en: [MATERIALS[m]] }, uri: `http://vocab.getty.edu/aat/${300010000 + m}` }));
  }
  if (rand() < 0.6) record.languages = [lang === 'en' && rand() < 0.3 ? pick(['la', 'grc', 'fa', 'syr', 'sa', 'bo']) : lang];
  const rights = rand();
  if (rights < 0.5) record.rights = 'https://creativecommons.org/publicdomain/zero/1.0/';
  else if (rights < 0.65) record.rights = 'https://creativecommons.org/licenses/by/4.0/';
  else if (rights < 0.85) record.rights = 'http://rightsstatements.org/vocab/InC/1.0/';
  const v = rand();
  if (v < 0.025) record.visibility = 'members';
  else if (v < 0.035) record.visibility = 'private';
  else if (v < 0.045) record.embargoUntil = '2099-12-31T00:00:00.000Z';
  return record;
}

/** Records [start, start + count) of a seed, one at a time. */
export function* generateRecords(count: number, opts: { seed?: number; start?: number } = {}): Generator<RecordInput> {
  const start = opts.start ?? 0;
  for (let i = start; i < start + count; i++) yield recordAt(i, opts.seed);
}

/** The stream cut in batches (only one batch is in memory at a time). */
export function* recordBatches(count: number, size: number, seed = BENCH_SEED): Generator<RecordInput[]> {
  for (let start = 0; start < count; start += size) {
    const batch: RecordInput[] = [];
    for (let i = start; i < Math.min(count, start + size); i++) batch.push(recordAt(i, seed));
    yield batch;
  }
}

/** A record's text as plain strings: the title apart, everything else together (for raw loads). */
export function recordText(r: RecordInput): { title: string; body: string } {
  const texts = (m: Record<string, string[]> | undefined) => (m ? Object.values(m).flat() : []);
  const body = [
    ...texts(r.description),
    ...(r.agents ?? []).flatMap((a) => texts(a.name)),
    ...(r.places ?? []).flatMap((p) => texts(p.name)),
    ...(r.materials ?? []).flatMap((m) => texts(m.label)),
    ...(r.identifiers ?? []).map((x) => x.value),
    r.date?.display ?? '',
  ];
  return { title: texts(r.title).join(' '), body: body.filter(Boolean).join(' ') };
}

/** Unique, random-looking ids shaped like the platform's own (a bijection of i, so never a collision). */
export function recordId(i: number): string {
  // A 4-round Feistel network on 40 bits (two 20-bit halves).
  let l = Math.floor(i / 0x100000) & 0xfffff;
  let r = i & 0xfffff;
  for (let round = 0; round < 4; round++) {
    const f = (mix(r, round + 0x5bd1) >>> 12) & 0xfffff;
    [l, r] = [r, l ^ f];
  }
  let n = l * 0x100000 + r;
  let out = '';
  for (let k = 0; k < 8; k++) {
    out = ID_ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return `r-${out}`;
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const KIND_SHARES = [['object', 45], ['manuscript', 15], ['rare-book', 15], ['archival-unit', 15], ['site', 5], ['audiovisual', 5]] as const;
const ROLES = ['creator', 'author', 'scribe', 'photographer', 'donor', 'previous owner'];

function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pickWeighted<T>(rand: () => number, shares: readonly (readonly [T, number])[]): T {
  const total = shares.reduce((s, [, w]) => s + w, 0);
  let u = rand() * total;
  for (const [value, w] of shares) if ((u -= w) < 0) return value;
  return shares[shares.length - 1][0];
}

function latinTitle(lang: string, pick: <T>(l: readonly T[]) => T, rand: () => number): Record<string, string[]> {
  const parts = TITLE_PARTS[lang as keyof typeof TITLE_PARTS];
  const text = `${pick(parts.nouns)} ${pick(parts.quals)}${rand() < 0.6 ? ` ${pick(parts.tails)}` : ''}`;
  return { [lang]: [lang === 'en' ? text[0].toUpperCase() + text.slice(1) : text] };
}

function zhTitle(pick: <T>(l: readonly T[]) => T): Record<string, string[]> {
  return { zh: [`${pick(ZH_TITLE_PARTS.dynasties)}${pick(ZH_TITLE_PARTS.subjects)}${pick(ZH_TITLE_PARTS.objects)}`] };
}

function description(rand: () => number): string {
  const [lo, hi] = DESCRIPTION_WORDS;
  let remaining = lo + Math.floor(rand() * (hi - lo + 1));
  const sentences: string[] = [];
  while (remaining > 0) {
    const n = Math.min(remaining, 6 + Math.floor(rand() * 9));
    const words: string[] = [];
    for (let k = 0; k < n; k++) words.push(VOCABULARY[wordZipf.sample(rand)]);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    sentences.push(`${words.join(' ')}.`);
    remaining -= n;
  }
  if (rand() < 0.3) sentences.push(`${PROVENANCE} ${AGENTS[agentZipf.sample(rand)].en[0]}.`);
  return sentences.join(' ');
}

function dateDisplay(rand: () => number, pick: <T>(l: readonly T[]) => T): string {
  const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  if (rand() < 0.08) {
    const y = 1 + Math.floor(rand() * 800);
    const f = rand();
    return f < 0.4 ? `c. ${y} BCE` : f < 0.7 ? `${y} BCE` : `${ordinal(Math.ceil(y / 100))} century BCE`;
  }
  const y = 100 + Math.floor(1920 * Math.sqrt(rand()));
  const c = Math.ceil(y / 100);
  const f = rand();
  if (f < 0.35) return String(y);
  if (f < 0.5) return `c. ${y}`;
  if (f < 0.65) return `${y}–${Math.min(2020, y + 1 + Math.floor(rand() * 30))}`;
  if (f < 0.75 && y >= 1000) return `${Math.floor(y / 10)}0s`;
  if (f < 0.9) return `${ordinal(c)} century`;
  return `${pick(['early', 'mid', 'late'])} ${ordinal(c)} century`;
}

function jitter(x: number, rand: () => number): number {
  return Math.round((x + (rand() - 0.5) / 10) * 10000) / 10000;
}

function buildVocabulary(): string[] {
  const words: string[] = [...HEAD_WORDS];
  const taken = new Set<string>(words);
  // Words of titles, names and places must not reappear as invented words (rare terms would not be rare).
  const constants = JSON.stringify([TITLE_PARTS, AGENTS, PLACES, MATERIALS, PROVENANCE]).toLowerCase();
  for (const w of constants.split(/[^\p{L}]+/u)) taken.add(w);
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  const syllables = [...consonants].flatMap((c) => [...vowels].map((v) => c + v));
  const space = syllables.length ** 3;
  for (let k = 0; words.length < VOCABULARY_SIZE; k++) {
    // 7919 is prime to the space (2^3 * 5^3 * 7^3), so k -> code visits every code once.
    let code = (k * 7919 + 13) % space;
    let w = '';
    for (let s = 0; s < 3; s++) {
      w += syllables[code % syllables.length];
      code = Math.floor(code / syllables.length);
    }
    if (!taken.has(w)) {
      taken.add(w);
      words.push(w);
    }
  }
  return words;
}

function chooseQueryTerms() {
  // Expected share falls with rank, so each band is one run of ranks: find its ends by bisection.
  const firstBelow = (share: number) => {
    let lo = HEAD_WORDS.length;
    let hi = VOCABULARY_SIZE;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (expectedDocFrequency(VOCABULARY[mid]) < share) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const byShare = (lo: number, hi: number) => VOCABULARY.slice(firstBelow(hi), firstBelow(lo));
  const frequent = ['bronze', 'manuscript', 'painting', 'ritual', 'temple', 'scroll', 'seal', 'portrait'];
  for (const w of frequent) if (expectedDocFrequency(w) < 0.12) throw new Error(`"${w}" is not frequent enough (${expectedDocFrequency(w)})`);
  const rareBand = byShare(0.00008, 0.00012);
  const spread = (band: string[], n: number) => Array.from({ length: n }, (_, k) => band[Math.floor((k * band.length) / n)]);
  return {
    /** Heritage words matching over 10% of records. */
    frequent,
    /** Invented words matching about 0.01% of records. */
    rare: spread(rareBand, 12),
    /** Every word of the rare band (thousands), for queries that must never repeat. */
    rareBand,
    /** Invented words matching about 1% of records. */
    mid: spread(byShare(0.009, 0.011), 8),
    prefixes: ['bron', 'manu', 'insc', 'por', 'ca', 'ka'],
    phrases: ['"from the collection of"', '"bronze vessel"', '"silk scroll"', '"painting of the"'],
    /** Two-character Chinese words found inside longer title words. */
    chinese: ['山水', '花鸟'],
  };
}

export type { RecordInput, InstitutionInput };
