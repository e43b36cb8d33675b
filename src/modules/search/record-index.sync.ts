import { catalogueVersion, getState } from '../../db/app-state';
import type { Store } from '../records/record.store';
import type { RecordRow } from '../records/record.table';
import { RecordIndex, type MultiFacetName, type RecordFacts } from './record-index';

const CHUNK = 20_000;
// Writers stamp updated_at before they commit; re-reading this much before the last stamp seen
// catches a transaction that committed after a later one.
const OVERLAP_MS = 5_000;

type FactRow = Pick<
  RecordRow,
  'seq' | 'version' | 'institution_id' | 'country' | 'kind' | 'visibility' | 'embargo_until' | 'rights_open' | 'has_media' | 'deleted_at' | 'year_from' | 'year_to' | 'lat' | 'lon' | 'updated_at'
>;
const COLUMNS = ['seq', 'version', 'institution_id', 'country', 'kind', 'visibility', 'embargo_until', 'rights_open', 'has_media', 'deleted_at', 'year_from', 'year_to', 'lat', 'lon', 'updated_at'] as const;

/**
 * Keeps a RecordIndex equal to the database: a full load at first, then before each search a
 * cheap check of the catalogue version and, when it moved, a read of the records changed since.
 */
export class RecordIndexSync {
  index = new RecordIndex();
  private version: string | null = null;
  private epoch: string | null = null;
  private cursor = '';
  private pending: Promise<boolean> | null = null;

  constructor(private readonly store: Store) {}

  /** Brings the index up to date; resolves true when anything changed. Concurrent callers share one refresh. */
  refresh(): Promise<boolean> {
    this.pending ??= this.doRefresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async doRefresh(): Promise<boolean> {
    const { db } = this.store;
    const version = await catalogueVersion(db);
    if (version === this.version) return false;
    const epoch = await getState(db, 'catalogue_epoch');
    if (this.version === null || epoch !== this.epoch) {
      await this.fullLoad();
    } else {
      const since = this.cursor ? new Date(Date.parse(this.cursor) - OVERLAP_MS).toISOString() : '';
      // Ordered by the indexed column, so both planners read only the changed rows.
      const rows = (await db.selectFrom('record').select(COLUMNS).where('updated_at', '>=', since).orderBy('updated_at').orderBy('seq').execute()) as FactRow[];
      rows.sort((a, b) => a.seq - b.seq);
      await this.apply(this.index, rows);
    }
    this.version = version;
    this.epoch = epoch;
    return true;
  }

  private async fullLoad(): Promise<void> {
    const fresh = new RecordIndex();
    this.cursor = '';
    let after = 0;
    for (;;) {
      const rows = (await this.store.db.selectFrom('record').select(COLUMNS).where('seq', '>', after).orderBy('seq').limit(CHUNK).execute()) as FactRow[];
      if (!rows.length) break;
      await this.apply(fresh, rows);
      after = rows[rows.length - 1].seq;
    }
    this.index = fresh;
  }

  private async apply(index: RecordIndex, rows: FactRow[]): Promise<void> {
    if (!rows.length) return;
    const multi = await this.multiValues(rows);
    for (const r of rows) {
      const m = multi.get(r.seq);
      const facts: RecordFacts = {
        seq: r.seq,
        version: r.version,
        institutionId: r.institution_id,
        country: r.country,
        kind: r.kind,
        visibility: r.visibility,
        embargoUntil: r.embargo_until,
        rightsOpen: r.rights_open === 1,
        hasMedia: r.has_media === 1,
        deleted: r.deleted_at !== null,
        yearFrom: r.year_from,
        yearTo: r.year_to,
        lat: r.lat,
        lon: r.lon,
        multi: { century: m?.century ?? [], material: m?.material ?? [], language: m?.language ?? [] },
      };
      index.put(facts);
      if (r.updated_at > this.cursor) this.cursor = r.updated_at;
    }
  }

  /** Multi-valued facet values of these records (rows sorted by seq): a range scan when dense, by seq when sparse. */
  private async multiValues(rows: FactRow[]): Promise<Map<number, Record<MultiFacetName, string[]>>> {
    const out = new Map<number, Record<MultiFacetName, string[]>>();
    const from = rows[0].seq;
    const to = rows[rows.length - 1].seq;
    const q = this.store.db.selectFrom('record_facet').select(['seq', 'facet', 'value']);
    if (to - from < rows.length * 4) {
      for (const r of await q.where('seq', '>=', from).where('seq', '<=', to).execute()) add(out, r);
    } else {
      const seqs = rows.map((r) => r.seq);
      for (let i = 0; i < seqs.length; i += 5000) {
        for (const r of await q.where('seq', 'in', seqs.slice(i, i + 5000)).execute()) add(out, r);
      }
    }
    return out;
  }
}

function add(out: Map<number, Record<MultiFacetName, string[]>>, r: { seq: number; facet: string; value: string }) {
  let m = out.get(r.seq);
  if (!m) {
    m = { century: [], material: [], language: [] };
    out.set(r.seq, m);
  }
  (m[r.facet as MultiFacetName] ??= []).push(r.value);
}
