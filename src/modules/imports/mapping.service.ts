import { AppError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { can, hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import type { Store } from '../records/record.store';
import { validateMapping } from './formats/csv-mapping';
import type { CsvMapping } from './import.types';
import { mappingRepository as repo } from './mapping.repository';
import type { ImportMappingRow } from './mapping.table';

/** A saved column mapping, as the API and pages show it. */
export interface SavedMapping {
  id: string;
  institutionId: string;
  name: string;
  format: 'csv';
  mapping: CsvMapping;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface MappingInput {
  institutionId: string;
  name: string;
  /** A CsvMapping; checked by validateMapping. */
  mapping: unknown;
}

const MAX_NAME = 100;

/**
 * The saved mappings the actor may use: those of the institutions whose records it edits (curators
 * and institution admins; alliance admins: all), optionally of one institution.
 */
export async function listMappings(store: Store, actor: Actor, filter: { institutionId?: string } = {}): Promise<SavedMapping[]> {
  const mine = editableInstitutions(actor);
  const ids = filter.institutionId ? (mine && !mine.includes(filter.institutionId) ? [] : [filter.institutionId]) : mine;
  return (await repo.list(store.db, ids, 1000)).map(toMapping);
}

/** One saved mapping; NOT_FOUND when absent or not the actor's to use alike. */
export async function getMapping(store: Store, actor: Actor, id: string): Promise<SavedMapping> {
  return toMapping(await visibleMapping(store, actor, id));
}

/** A saved mapping of an institution by its id or its name (for imports); NOT_FOUND otherwise. */
export async function findSavedMapping(store: Store, actor: Actor, institutionId: string, ref: string): Promise<SavedMapping> {
  editableInstitutions(actor); // refuses the public
  const row = (ID_REGEX.test(ref) ? await repo.find(store.db, ref) : undefined) ?? (await repo.findByName(store.db, institutionId, ref.trim()));
  if (!row || row.institution_id !== institutionId || !mayUse(actor, row.institution_id)) {
    throw new AppError('NOT_FOUND', `No saved mapping "${ref}" in institution "${institutionId}"`, { problems: [{ field: 'savedMapping', message: 'is not a saved mapping of this institution' }] });
  }
  return toMapping(row);
}

/** The mapping an import names by `savedMapping` (of its institution; CSV only, and not together with `mapping`). */
export async function savedMappingFor(store: Store, actor: Actor, req: { format: string; institutionId: string; savedMapping?: string; mapping?: unknown }): Promise<CsvMapping> {
  const ref = req.savedMapping ?? '';
  if (req.mapping !== undefined) throw new AppError('VALIDATION_FAILED', 'Give either a mapping or a saved mapping, not both', { problems: [{ field: 'savedMapping', message: 'is given with mapping' }] });
  if (req.format !== 'csv') throw new AppError('VALIDATION_FAILED', `A saved mapping maps CSV columns; this import is ${req.format}`, { problems: [{ field: 'savedMapping', message: 'applies to CSV only' }] });
  return (await findSavedMapping(store, actor, req.institutionId, ref)).mapping;
}

/** Saves a new mapping for an institution (its curators and admins; a token needs the "import" scope). */
export async function createMapping(store: Store, actor: Actor, input: MappingInput): Promise<SavedMapping> {
  const user = requireEditor(actor, input.institutionId);
  await getInstitution(store.db, input.institutionId);
  const name = checkName(input.name);
  const mapping = validateMapping(input.mapping);
  await assertNameFree(store, input.institutionId, name);
  const now = nowIso();
  const by = user.userId === 'system' ? null : user.userId;
  const row = { id: newId('imap'), institution_id: input.institutionId, name, format: 'csv' as const, mapping: JSON.stringify(mapping), created_by: by, created_at: now, updated_by: by, updated_at: now };
  await repo.insert(store.db, row);
  await audit(store.db, actor, [{ action: 'import.mapping.create', targetType: 'import_mapping', targetId: row.id, institutionId: row.institution_id, detail: { name } }]);
  return toMapping(row);
}

/** Renames a mapping or replaces its columns and defaults. */
export async function updateMapping(store: Store, actor: Actor, id: string, patch: { name?: string; mapping?: unknown }): Promise<SavedMapping> {
  const row = await visibleMapping(store, actor, id);
  const user = requireEditor(actor, row.institution_id);
  const name = patch.name === undefined ? row.name : checkName(patch.name);
  const mapping = patch.mapping === undefined ? undefined : validateMapping(patch.mapping);
  if (name !== row.name) await assertNameFree(store, row.institution_id, name);
  await repo.update(store.db, id, { name, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}), updated_by: user.userId === 'system' ? null : user.userId, updated_at: nowIso() });
  await audit(store.db, actor, [{ action: 'import.mapping.update', targetType: 'import_mapping', targetId: id, institutionId: row.institution_id, detail: { name } }]);
  return toMapping((await repo.find(store.db, id))!);
}

/** Removes a saved mapping (imports that used it keep their own copy in their job). */
export async function deleteMapping(store: Store, actor: Actor, id: string): Promise<void> {
  const row = await visibleMapping(store, actor, id);
  requireEditor(actor, row.institution_id);
  await repo.delete(store.db, id);
  await audit(store.db, actor, [{ action: 'import.mapping.delete', targetType: 'import_mapping', targetId: id, institutionId: row.institution_id, detail: { name: row.name } }]);
}

/** Institutions whose mappings the actor may use (null: all, for alliance admins). */
function editableInstitutions(actor: Actor): string[] | null {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to use saved import mappings');
  return actor.isAdmin ? null : actor.memberships.filter((m) => m.role === 'curator' || m.role === 'institution-admin').map((m) => m.institutionId);
}

// Reading follows the role alone (like import jobs); changing also needs the "import" scope.
function mayUse(actor: Actor, institutionId: string): boolean {
  return actor.kind === 'user' && can({ ...actor, scopes: undefined }, 'edit', { institutionId });
}

async function visibleMapping(store: Store, actor: Actor, id: string): Promise<ImportMappingRow> {
  editableInstitutions(actor); // refuses the public
  const row = ID_REGEX.test(id) ? await repo.find(store.db, id) : undefined;
  if (!row || !mayUse(actor, row.institution_id)) throw new AppError('NOT_FOUND', `No saved mapping "${id}"`);
  return row;
}

function requireEditor(actor: Actor, institutionId: string): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token with the "import" scope to save import mappings');
  if (!hasScope(actor, 'import')) throw new AppError('FORBIDDEN', 'Your token lacks the "import" scope');
  if (!mayUse(actor, institutionId)) throw new AppError('FORBIDDEN', `You may not save import mappings for institution "${institutionId}"`);
  return actor;
}

function checkName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  const problem: FieldProblem | null =
    !name ? { field: 'name', message: 'is empty' }
    : name.length > MAX_NAME ? { field: 'name', message: `is longer than ${MAX_NAME} characters` }
    : /[\u0000-\u001f\u007f]/.test(name) ? { field: 'name', message: 'contains control characters' }
    : null;
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid mapping name: ${problem.message}`, { problems: [problem] });
  return name;
}

async function assertNameFree(store: Store, institutionId: string, name: string): Promise<void> {
  if (await repo.findByName(store.db, institutionId, name)) {
    throw new AppError('ALREADY_EXISTS', `Institution "${institutionId}" has a mapping named "${name}" already`, { problems: [{ field: 'name', message: 'is taken in this institution' }] });
  }
}

function toMapping(r: ImportMappingRow): SavedMapping {
  return {
    id: r.id,
    institutionId: r.institution_id,
    name: r.name,
    format: 'csv',
    mapping: JSON.parse(r.mapping) as CsvMapping,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}
