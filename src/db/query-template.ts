import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './database';

const templates = new WeakMap<Db, Map<string, { compiled: CompiledQuery; slots: (string | null)[] }>>();

/**
 * Builds and compiles a query once, with marker values for its parameters, then runs it with
 * real values in their places: hot paths (a record read) skip building and compiling each time.
 */
export async function runTemplate<R>(db: Db, key: string, build: (param: (name: string) => string) => Compilable<R>, values: Record<string, unknown>): Promise<R[]> {
  let perDb = templates.get(db);
  if (!perDb) templates.set(db, (perDb = new Map()));
  let t = perDb.get(key);
  if (!t) {
    const marker = (name: string) => `\u0000template:${name}\u0000`;
    const compiled = build(marker).compile();
    const slots = compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith('\u0000template:') ? v.slice(10, -1) : null));
    t = { compiled, slots };
    perDb.set(key, t);
  }
  const template = t;
  const parameters = template.compiled.parameters.map((v, i) => (template.slots[i] ? values[template.slots[i]!] : v));
  const result = await db.executeQuery<R>(CompiledQuery.raw(template.compiled.sql, parameters));
  return result.rows;
}
