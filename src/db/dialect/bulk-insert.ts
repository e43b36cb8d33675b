import { CompiledQuery, sql, type Kysely } from 'kysely';

/** Rows per statement: full chunks share one SQL text, so the connection's statement cache prepares it once. */
const CHUNK_ROWS = 256;

const placeholders = new WeakMap<Kysely<any>, (n: number) => string>();
const texts = new Map<string, string>();

/**
 * Inserts rows (value arrays in `columns` order) with multi-row INSERTs whose SQL is written
 * once per shape and run with fresh values: no query builder or compiler per batch, and the
 * statements are reused from the connection's cache. Chunks are CHUNK_ROWS rows, the rest in
 * power-of-two chunks, so a table sees at most nine statement shapes whatever the batch size.
 * With `returning`, answers that column of every row in insertion order.
 */
export async function insertRows(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly unknown[][], opts: { maxParams: number; returning?: string }): Promise<unknown[]> {
  const out: unknown[] = [];
  if (!rows.length) return out;
  const max = Math.max(1, Math.min(CHUNK_ROWS, Math.floor(opts.maxParams / columns.length)));
  const place = placeholderOf(db);
  for (let i = 0; i < rows.length; ) {
    const left = rows.length - i;
    const n = left >= max ? max : 2 ** Math.floor(Math.log2(left));
    const params: unknown[] = [];
    for (let k = i; k < i + n; k++) for (const v of rows[k]) params.push(v);
    const key = `${place(1)}\u0000${table}\u0000${columns.join(',')}\u0000${n}\u0000${opts.returning ?? ''}`;
    let text = texts.get(key);
    if (!text) {
      text = insertText(table, columns, n, place, opts.returning);
      if (texts.size > 1000) texts.clear();
      texts.set(key, text);
    }
    const r = await db.executeQuery(CompiledQuery.raw(text, params));
    if (opts.returning) for (const row of r.rows as Record<string, unknown>[]) out.push(row[opts.returning]);
    i += n;
  }
  return out;
}

function insertText(table: string, columns: readonly string[], rows: number, place: (n: number) => string, returning?: string): string {
  const q = (name: string) => `"${name}"`;
  const tuples: string[] = [];
  for (let r = 0, p = 1; r < rows; r++) {
    const values: string[] = [];
    for (let c = 0; c < columns.length; c++) values.push(place(p++));
    tuples.push(`(${values.join(', ')})`);
  }
  return `insert into ${q(table)} (${columns.map(q).join(', ')}) values ${tuples.join(', ')}${returning ? ` returning ${q(returning)}` : ''}`;
}

/** The dialect's n-th parameter placeholder (`?` or `$n`), learnt once by compiling one parameter. */
function placeholderOf(db: Kysely<any>): (n: number) => string {
  let p = placeholders.get(db);
  if (!p) {
    const numbered = sql`${1}`.compile(db).sql.startsWith('$');
    p = numbered ? (n) => `$${n}` : () => '?';
    placeholders.set(db, p);
  }
  return p;
}
