import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/** Reads one value of the process-wide state table. */
export async function getState(db: Db, key: string): Promise<string | null> {
  const r = await db.selectFrom('app_state').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

/** Writes one value of the process-wide state table. */
export async function setState(db: Db, key: string, value: string): Promise<void> {
  const r = await db.updateTable('app_state').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('app_state').values({ key, value }).execute();
}

/** Marks the catalogue as changed, so caches of counts and facets keyed by its version expire. */
export async function bumpCatalogueVersion(db: Db): Promise<void> {
  await setState(db, 'catalogue_version', `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
}

/** The catalogue's current version (changes on every write). */
export async function catalogueVersion(db: Db): Promise<string> {
  return (await getState(db, 'catalogue_version')) ?? 'initial';
}

/** Marks a change that incremental readers cannot follow (rows removed outright): caches reload from scratch. */
export async function bumpCatalogueEpoch(db: Db): Promise<void> {
  await setState(db, 'catalogue_epoch', `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  await bumpCatalogueVersion(db);
}
