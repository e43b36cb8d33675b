import type { Db } from '../../db/database';
import { AppError, validationError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import { bumpCatalogueEpoch } from '../../db/app-state';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import { firstText } from '../../shared/lang-map';
import { isCountryCode } from '../../shared/country';
import { assertValid } from '../../shared/schema-helpers';
import { foldWord } from '../search/text-analysis';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { institutionRepository as repo } from './institution.repository';
import { InstitutionInputSchema, type Institution, type InstitutionInput } from './institution.schema';
import type { InstitutionRow } from './institution.table';

/** Reads one institution (institutions are public: membership itself is not secret). */
export async function getInstitution(db: Db, id: string): Promise<Institution> {
  const row = await repo.findById(db, id);
  if (!row) throw new AppError('INSTITUTION_NOT_FOUND', `No institution "${id}"`);
  return toInstitution(row);
}

/** Lists institutions by id, a page at a time. */
export async function listInstitutions(
  db: Db,
  opts: { country?: string; kind?: string; cursor?: string; limit?: number },
): Promise<{ items: Institution[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const rows = await repo.list(db, { country: opts.country, kind: opts.kind, after: opts.cursor, limit: limit + 1 });
  const items = rows.slice(0, limit).map(toInstitution);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
}

/** Admits a new institution (alliance admins only). */
export async function createInstitution(db: Db, actor: Actor, input: InstitutionInput): Promise<Institution> {
  if (!can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only an alliance admin may add institutions');
  const clean = validate(input);
  const id = clean.id ?? slugFor(clean);
  if (await repo.existsAny(db, id)) throw new AppError('ALREADY_EXISTS', `An institution with the id "${id}" exists already`, { problems: [{ field: '/id', message: 'is taken' }] });
  const now = nowIso();
  const row = toRow({ ...clean, id }, 1, now, now);
  await repo.insert(db, row);
  return toInstitution(row);
}

/** Updates an institution if `expectedVersion` is still current (409 otherwise, nothing changed). */
export async function updateInstitution(db: Db, actor: Actor, id: string, input: InstitutionInput, expectedVersion: number): Promise<Institution> {
  const current = await repo.findById(db, id);
  if (!current) throw new AppError('INSTITUTION_NOT_FOUND', `No institution "${id}"`);
  if (!can(actor, 'manage', { institutionId: id })) throw new AppError('FORBIDDEN', 'You may not edit this institution');
  const clean = validate(input);
  if (current.version !== expectedVersion) throw staleError(current.version, expectedVersion);
  const row = toRow({ ...clean, id }, current.version + 1, current.created_at, nowIso());
  return db.transaction().execute(async (trx) => {
    if (!(await repo.update(trx, row, expectedVersion))) throw staleError(current.version + 1, expectedVersion);
    if (row.country !== current.country) {
      await trx.updateTable('record').set({ country: row.country }).where('institution_id', '=', id).execute();
      await bumpCatalogueEpoch(trx);
    }
    return toInstitution(row);
  });
}

/** Maps a row to the institution the API and pages show. */
export function toInstitution(row: InstitutionRow): Institution {
  return {
    id: row.id,
    name: JSON.parse(row.name),
    country: row.country,
    kind: row.kind,
    city: row.city,
    lat: row.lat,
    lon: row.lon,
    website: row.website,
    description: JSON.parse(row.description),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function validate(input: InstitutionInput): InstitutionInput {
  assertValid(InstitutionInputSchema, input, 'institution');
  const problems = [];
  if (!isCountryCode(input.country)) problems.push({ field: '/country', message: `"${input.country}" is not an ISO 3166-1 alpha-2 country code` });
  const name = canonicalLangMap(input.name, '/name', problems);
  const description = canonicalLangMap(input.description ?? {}, '/description', problems);
  if (!Object.keys(name).length) problems.push({ field: '/name', message: 'needs at least one non-empty name' });
  if ((input.lat == null) !== (input.lon == null)) problems.push({ field: input.lat == null ? '/lat' : '/lon', message: 'lat and lon go together' });
  if (problems.length) throw validationError(problems, 'institution');
  return { ...input, name, description };
}

function toRow(i: InstitutionInput & { id: string }, version: number, createdAt: string, updatedAt: string): InstitutionRow {
  return {
    id: i.id,
    name: JSON.stringify(i.name),
    name_sort: foldWord(firstText(i.name, 'en')),
    country: i.country,
    kind: i.kind,
    city: i.city ?? null,
    lat: i.lat ?? null,
    lon: i.lon ?? null,
    website: i.website ?? null,
    description: JSON.stringify(i.description ?? {}),
    version,
    created_at: createdAt,
    updated_at: updatedAt,
    deleted_at: null,
  };
}

function slugFor(i: InstitutionInput): string {
  const base = (i.name.en?.[0] ?? firstText(i.name, 'en'))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return base || `inst-${Date.now().toString(36)}`;
}

function staleError(current: number, expected: number): AppError {
  return new AppError('STALE_VERSION', `The institution was changed meanwhile: you edited version ${expected}, the current one is ${current}. Reload and apply your edit again.`, {
    currentVersion: current,
  });
}
