import { describe, expect, it } from 'vitest';
import { BENCH_INSTITUTIONS, BENCH_SEED, QUERY_TERMS, expectedDocFrequency, generateRecords, recordAt, recordId, recordText } from '../bench/generate';
import { normalizeRecord } from '../src/modules/records/record.normalize';
import { indexTokens } from '../src/modules/search/text-analysis';

const SAMPLE = 20_000;

/** Share of the sample whose indexed tokens contain each word (as the search index sees them). */
function shares(words: string[]): Map<string, number> {
  const hits = new Map(words.map((w) => [w, 0]));
  for (const r of generateRecords(SAMPLE)) {
    const t = recordText(r);
    const tokens = new Set(indexTokens(`${t.title} ${t.body}`));
    for (const w of words) if (tokens.has(w)) hits.set(w, hits.get(w)! + 1);
  }
  return new Map([...hits].map(([w, n]) => [w, n / SAMPLE]));
}

describe('benchmark data generator', () => {
  it('generates byte-identical records for the same seed, and others for another seed', () => {
    const a = JSON.stringify([...generateRecords(500)]);
    const b = JSON.stringify([...generateRecords(500)]);
    expect(a).toBe(b);
    expect(JSON.stringify(recordAt(123))).toBe(JSON.stringify([...generateRecords(1, { start: 123 })][0]));
    expect(JSON.stringify([...generateRecords(50, { seed: BENCH_SEED + 1 })])).not.toBe(JSON.stringify([...generateRecords(50)]));
  });

  it('gives every record a distinct id and source', () => {
    const ids = new Set<string>();
    for (let i = 0; i < SAMPLE; i++) ids.add(recordId(i));
    expect(ids.size).toBe(SAMPLE);
    expect(recordId(999_999)).toMatch(/^r-[0-9a-z]{8}$/);
  });

  it('produces records the API accepts, about 600 bytes of text each, a tenth with Chinese titles', () => {
    let bytes = 0;
    let chinese = 0;
    let restricted = 0;
    const institutions = new Set<string>();
    for (const r of generateRecords(2_000)) {
      const n = normalizeRecord(r);
      expect('problems' in n ? n.problems : []).toEqual([]);
      const t = recordText(r);
      bytes += Buffer.byteLength(t.title) + Buffer.byteLength(t.body);
      if (r.title.zh) chinese++;
      if (r.visibility || r.embargoUntil) restricted++;
      institutions.add(r.institutionId);
    }
    expect(bytes / 2_000).toBeGreaterThan(500);
    expect(bytes / 2_000).toBeLessThan(700);
    expect(chinese / 2_000).toBeGreaterThan(0.07);
    expect(chinese / 2_000).toBeLessThan(0.13);
    expect(restricted / 2_000).toBeGreaterThan(0.02);
    expect(restricted / 2_000).toBeLessThan(0.08);
    expect(institutions.size).toBe(BENCH_INSTITUTIONS.length);
    expect(new Set(BENCH_INSTITUTIONS.map((i) => i.country)).size).toBe(12);
  });

  it('has frequent terms in over 10% of records, rare ones in about 0.01%, and findable Chinese words', () => {
    const { frequent, rare, mid, chinese } = QUERY_TERMS;
    const seen = shares([...frequent, ...rare, ...mid, ...chinese]);
    for (const w of frequent) {
      expect(expectedDocFrequency(w)).toBeGreaterThan(0.1);
      expect(seen.get(w)).toBeGreaterThan(0.1);
    }
    for (const w of mid) expect(seen.get(w)).toBeGreaterThan(0.005);
    for (const w of mid) expect(seen.get(w)).toBeLessThan(0.02);
    // About 2 records each in 20,000: check each stays rare and all together match about 0.01%.
    for (const w of rare) expect(seen.get(w)).toBeLessThanOrEqual(0.0005);
    const meanRare = rare.reduce((s, w) => s + seen.get(w)!, 0) / rare.length;
    expect(meanRare).toBeGreaterThan(0.00003);
    expect(meanRare).toBeLessThan(0.0003);
    // Two-character words found inside longer title words, through the index's character pairs.
    for (const w of chinese) expect(seen.get(w)).toBeGreaterThan(0.005);
  });
});
