import type { VisibilityRule } from '../records/record.visibility';
import { FLAG_EMBARGO, FLAG_LIVE, FLAG_MEDIA, FLAG_MEMBERS, FLAG_OPEN, FLAG_PUBLIC, MULTI, NO_YEAR, type Dict, type MultiFacetName, type RecordIndex } from './record-index';
import type { FacetName, SearchParams } from './search.types';

const FACET_LIMIT = 50;

/**
 * The records (seqs, ascending) that the rule lets the actor see and that pass every filter,
 * among `candidates` (the full-text matches) or among all records when there is no text.
 */
export function filterRecords(index: RecordIndex, rule: VisibilityRule, p: SearchParams, candidates: Uint32Array | null): { hits: Uint32Array; nextChange: number } {
  const { flags, inst, country, kind, yearFrom, yearTo, lat, lon, embargo } = index;
  const own = membership(index.insts, rule.own);
  const levelFlag = rule.members ? FLAG_MEMBERS : FLAG_PUBLIC;
  const instSet = p.institution?.length ? membership(index.insts, p.institution) : null;
  const countrySet = p.country?.length ? membership(index.countries, p.country) : null;
  const kindSet = p.kind?.length ? membership(index.kinds, p.kind) : null;
  const rights = p.rights?.length === 1 ? (p.rights[0] === 'open' ? 1 : 0) : -1;
  const images = p.hasImages === undefined ? -1 : p.hasImages ? 1 : 0;
  const multiSets = MULTI.filter((m) => p[m]?.length).map((m) => ({ combos: index.multi[m], allowed: allowedCombos(index, m, p[m]!) }));
  const [w, s, e, n] = p.bbox ?? [0, 0, 0, 0];
  const yf = p.yearFrom;
  const yt = p.yearTo;

  const total = candidates ? candidates.length : index.maxSeq;
  const out = new Uint32Array(total);
  let count = 0;
  // The earliest embargo end among records held back by one: until then the answer stays the same.
  let nextChange = Number.POSITIVE_INFINITY;
  for (let i = 0; i < total; i++) {
    const seq = candidates ? candidates[i] : i + 1;
    if (seq >= index.capacity) continue;
    const f = flags[seq];
    if (!(f & FLAG_LIVE)) continue;
    if (!rule.all && !own[inst[seq]]) {
      if (!(f & levelFlag)) continue;
      if (f & FLAG_EMBARGO) {
        const until = embargo.get(seq) ?? 0;
        if (until > rule.now) {
          if (until < nextChange) nextChange = until;
          continue;
        }
      }
    }
    if (instSet && !instSet[inst[seq]]) continue;
    if (countrySet && !countrySet[country[seq]]) continue;
    if (kindSet && !kindSet[kind[seq]]) continue;
    if (rights !== -1 && (f & FLAG_OPEN ? 1 : 0) !== rights) continue;
    if (images !== -1 && (f & FLAG_MEDIA ? 1 : 0) !== images) continue;
    if (yf !== undefined && (yearTo[seq] === NO_YEAR || yearTo[seq] < yf)) continue;
    if (yt !== undefined && (yearFrom[seq] === NO_YEAR || yearFrom[seq] > yt)) continue;
    if (p.bbox) {
      const la = lat[seq];
      const lo = lon[seq];
      if (!(la >= s && la <= n)) continue;
      if (w <= e ? !(lo >= w && lo <= e) : !(lo >= w || lo <= e)) continue;
    }
    let ok = true;
    for (const m of multiSets) {
      if (!m.allowed[m.combos[seq]]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    out[count++] = seq;
  }
  return { hits: out.slice(0, count), nextChange };
}

/** Counts of one facet's values over the hits, most frequent first (ties by value), at most 50. */
export function countFacets(index: RecordIndex, hits: Uint32Array, facet: FacetName): { value: string; count: number }[] {
  const pairs: { value: string; count: number }[] = [];
  const tally = (dict: Dict, column: Uint8Array | Uint16Array) => {
    const c = new Uint32Array(dict.values.length);
    for (let i = 0; i < hits.length; i++) c[column[hits[i]]]++;
    c.forEach((n, id) => n && pairs.push({ value: dict.values[id], count: n }));
  };
  const flag = (bit: number) => {
    let yes = 0;
    for (let i = 0; i < hits.length; i++) if (index.flags[hits[i]] & bit) yes++;
    if (yes) pairs.push({ value: '1', count: yes });
    if (hits.length - yes) pairs.push({ value: '0', count: hits.length - yes });
  };
  if (facet === 'institution') tally(index.insts, index.inst);
  else if (facet === 'country') tally(index.countries, index.country);
  else if (facet === 'kind') tally(index.kinds, index.kind);
  else if (facet === 'rights') flag(FLAG_OPEN);
  else if (facet === 'hasImages') flag(FLAG_MEDIA);
  else {
    const table = index.combos[facet];
    const column = index.multi[facet];
    const perCombo = new Uint32Array(table.combos.length);
    for (let i = 0; i < hits.length; i++) perCombo[column[hits[i]]]++;
    const perValue = new Uint32Array(table.values.values.length);
    perCombo.forEach((n, c) => {
      if (n) for (const v of table.combos[c]) perValue[v] += n;
    });
    perValue.forEach((n, id) => n && pairs.push({ value: table.values.values[id], count: n }));
  }
  return pairs.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, FACET_LIMIT);
}

function membership(dict: Dict, values: string[]): Uint8Array {
  const set = new Uint8Array(dict.values.length + 1);
  for (const v of values) {
    const id = dict.find(v);
    if (id !== undefined) set[id] = 1;
  }
  return set;
}

function allowedCombos(index: RecordIndex, facet: MultiFacetName, values: string[]): Uint8Array {
  const table = index.combos[facet];
  const wanted = new Set(values.map((v) => table.values.find(v)).filter((x): x is number => x !== undefined));
  const allowed = new Uint8Array(table.combos.length);
  table.combos.forEach((combo, c) => {
    for (const v of combo) if (wanted.has(v)) allowed[c] = 1;
  });
  return allowed;
}
