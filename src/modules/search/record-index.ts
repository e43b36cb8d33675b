/**
 * An in-memory column store of what search filters, counts and sorts on, one slot per record
 * `seq`: a few bytes a record in typed arrays (about 40 MB for a million records). Full-text
 * matching stays in the database; everything after it (visibility, filters, facet counts,
 * date order) runs here in microseconds instead of a SQL GROUP BY per facet.
 */

export const FLAG_LIVE = 1;
export const FLAG_PUBLIC = 2;
export const FLAG_MEMBERS = 4;
export const FLAG_OPEN = 8;
export const FLAG_MEDIA = 16;
export const FLAG_EMBARGO = 32;

export const NO_YEAR = -2147483648;
export const MULTI = ['century', 'material', 'language'] as const;
export type MultiFacetName = (typeof MULTI)[number];

/** A record's facts as the index keeps them. */
export interface RecordFacts {
  seq: number;
  version: number;
  institutionId: string;
  country: string;
  kind: string;
  visibility: string;
  embargoUntil: string | null;
  rightsOpen: boolean;
  hasMedia: boolean;
  deleted: boolean;
  yearFrom: number | null;
  yearTo: number | null;
  lat: number | null;
  lon: number | null;
  multi: Record<MultiFacetName, string[]>;
}

/** Strings interned as small integers. */
export class Dict {
  readonly values: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

/** Sets of values of a multi-valued facet, interned: records usually share a few combinations. */
export class ComboTable {
  readonly values = new Dict();
  readonly combos: Uint16Array[] = [new Uint16Array(0)];
  private readonly index = new Map<string, number>([['', 0]]);
  id(list: string[]): number {
    if (!list.length) return 0;
    const ids = [...new Set(list.map((v) => this.values.id(v)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.combos.length;
      this.combos.push(Uint16Array.from(ids));
      this.index.set(key, c);
    }
    return c;
  }
}

export class RecordIndex {
  capacity = 0;
  maxSeq = 0;
  flags = new Uint8Array(0);
  version = new Uint32Array(0);
  inst = new Uint16Array(0);
  country = new Uint16Array(0);
  kind = new Uint8Array(0);
  yearFrom = new Int32Array(0);
  yearTo = new Int32Array(0);
  lat = new Float32Array(0);
  lon = new Float32Array(0);
  readonly multi: Record<MultiFacetName, Uint32Array> = { century: new Uint32Array(0), material: new Uint32Array(0), language: new Uint32Array(0) };
  readonly embargo = new Map<number, number>();
  readonly insts = new Dict();
  readonly countries = new Dict();
  readonly kinds = new Dict();
  readonly combos: Record<MultiFacetName, ComboTable> = { century: new ComboTable(), material: new ComboTable(), language: new ComboTable() };

  /** Stores or replaces one record's facts. */
  put(f: RecordFacts): void {
    this.ensure(f.seq);
    const s = f.seq;
    let flags = f.deleted ? 0 : FLAG_LIVE;
    if (f.visibility === 'public') flags |= FLAG_PUBLIC | FLAG_MEMBERS;
    else if (f.visibility === 'members') flags |= FLAG_MEMBERS;
    if (f.rightsOpen) flags |= FLAG_OPEN;
    if (f.hasMedia) flags |= FLAG_MEDIA;
    if (f.embargoUntil) {
      flags |= FLAG_EMBARGO;
      this.embargo.set(s, Date.parse(f.embargoUntil));
    } else this.embargo.delete(s);
    this.flags[s] = flags;
    this.version[s] = f.version;
    this.inst[s] = this.insts.id(f.institutionId);
    this.country[s] = this.countries.id(f.country);
    this.kind[s] = this.kinds.id(f.kind);
    this.yearFrom[s] = f.yearFrom ?? NO_YEAR;
    this.yearTo[s] = f.yearTo ?? NO_YEAR;
    this.lat[s] = f.lat ?? NaN;
    this.lon[s] = f.lon ?? NaN;
    for (const m of MULTI) this.multi[m][s] = this.combos[m].id(f.multi[m]);
    if (s > this.maxSeq) this.maxSeq = s;
  }

  private ensure(seq: number): void {
    if (seq < this.capacity) return;
    const cap = Math.max(1024, seq + 1, Math.ceil(this.capacity * 1.5));
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array>(a: T, C: new (n: number) => T, fill?: number): T => {
      const b = new C(cap);
      if (fill !== undefined) b.fill(fill as never);
      b.set(a as never);
      return b;
    };
    this.flags = grow(this.flags, Uint8Array);
    this.version = grow(this.version, Uint32Array);
    this.inst = grow(this.inst, Uint16Array);
    this.country = grow(this.country, Uint16Array);
    this.kind = grow(this.kind, Uint8Array);
    this.yearFrom = grow(this.yearFrom, Int32Array, NO_YEAR);
    this.yearTo = grow(this.yearTo, Int32Array, NO_YEAR);
    this.lat = grow(this.lat, Float32Array, NaN);
    this.lon = grow(this.lon, Float32Array, NaN);
    for (const m of MULTI) this.multi[m] = grow(this.multi[m], Uint32Array);
    this.capacity = cap;
  }
}
