import { AppError, type FieldProblem } from '../../shared/errors';
import { pickLang } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { getInstitution, listInstitutions } from '../institutions/institution.service';
import { diffDocs, type FieldChange } from './record.diff';
import { getVersion } from './record.history';
import { toRecord } from './record.mapper';
import { docToInput, type RecordDoc } from './record.normalize';
import { recordRepository as repo } from './record.repository';
import type { HeritageRecord, RecordInput } from './record.schema';
import { createRecord, editable, updateRecord } from './record.service';
import type { Store } from './record.store';
import { formToInput, placeOf, isKind, isRelationType, isVisibility, type EditorForm } from './record.editor.form';

/** An institution the actor may catalogue for, with its name in the UI language. */
export interface EditableInstitution {
  id: string;
  name: string;
  lang: string | null;
}

/** What a refused save tells the form: problems placed on inputs, or what changed meanwhile. */
export type SaveOutcome =
  | { ok: true; record: HeritageRecord; created: boolean }
  | { ok: false; problems: PlacedProblem[] }
  | { ok: false; conflict: { current: HeritageRecord; changes: FieldChange[] } };

/** A problem of the saved document with the form input it belongs to (null: the form as a whole). */
export interface PlacedProblem extends FieldProblem {
  inputId: string | null;
}

/** The institutions whose records the actor may create (alliance admins: every institution). */
export async function editorInstitutions(store: Store, actor: Actor, lang: string): Promise<EditableInstitution[]> {
  if (actor.kind !== 'user') return [];
  const list = actor.isAdmin
    ? (await listInstitutions(store.db, { limit: 500 })).items
    : await Promise.all(actor.memberships.filter((m) => can(actor, 'edit', { institutionId: m.institutionId })).map((m) => getInstitution(store.db, m.institutionId)));
  return list.map((i) => {
    const name = pickLang(i.name, lang);
    return { id: i.id, name: name?.values[0] ?? i.id, lang: name?.lang ?? null };
  });
}

/** The record as its editor opens it (deleted ones included); 404 to those who may not see it, 403 to those who only may. */
export async function recordForEditing(store: Store, actor: Actor, id: string): Promise<HeritageRecord> {
  return toRecord(await editable(store, actor, id));
}

/**
 * Saves the editor's form: a new record, or a new version of `id` when the form's version is still
 * current. Problems come back placed on the form's inputs; a stale version comes back with what
 * changed since the version the form was opened on, and nothing is saved.
 */
export async function saveFromEditor(store: Store, actor: Actor, input: { id: string | null; form: EditorForm; lang: string }): Promise<SaveOutcome> {
  const { id, form } = input;
  const current = id ? await recordForEditing(store, actor, id) : null;
  const base = current ? docToInput(stripDerived(current) as unknown as RecordDoc) : null;
  const { input: doc, places } = formToInput(form, base, input.lang);
  const place = (problems: FieldProblem[]): SaveOutcome => ({ ok: false, problems: problems.map((p) => ({ ...p, inputId: placeOf(places, p.field) })) });

  const early = formProblems(form, doc, id === null);
  for (const [i, r] of (doc.relations ?? []).entries()) {
    if (r.target === id) early.push({ field: `/relations/${i}/target`, message: 'a record cannot be related to itself' });
    else if (!(await repo.findVisible(store.db, actor, r.target))) early.push({ field: `/relations/${i}/target`, message: `no record "${r.target}" you may see` });
  }
  if (early.length) return place(early);

  try {
    if (!current) return { ok: true, record: await createRecord(store, actor, doc), created: true };
    if (form.expected === null) throw new AppError('VALIDATION_FAILED', 'The form does not say which version it edits', { problems: [{ field: '/version', message: 'is missing' }] });
    return { ok: true, record: await updateRecord(store, actor, current.id, doc, form.expected), created: false };
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED' && err.details?.problems) return place(err.details.problems);
    if (err instanceof AppError && err.code === 'STALE_VERSION' && current && form.expected !== null) {
      const fresh = await recordForEditing(store, actor, current.id);
      const seen = await getVersion(store, actor, current.id, form.expected).catch(() => null);
      return { ok: false, conflict: { current: fresh, changes: seen ? diffDocs(stripDerived(seen), stripDerived(fresh as unknown as RecordDoc)) : [] } };
    }
    throw err;
  }
}

// Choices a browser cannot send wrong unless tampered with, checked before the schema speaks of unions.
function formProblems(form: EditorForm, doc: RecordInput, isNew: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (isNew && !form.institutionId) problems.push({ field: '/institutionId', message: 'choose an institution' });
  if (!isKind(form.kind)) problems.push({ field: '/kind', message: 'choose a kind' });
  if (!isVisibility(form.visibility)) problems.push({ field: '/visibility', message: 'choose a visibility' });
  doc.relations?.forEach((r, i) => {
    if (!isRelationType(r.type)) problems.push({ field: `/relations/${i}/type`, message: 'choose a relation' });
  });
  if (form.embargo && !/^\d{4}-\d{2}-\d{2}$/.test(form.embargo)) problems.push({ field: '/embargoUntil', message: 'is not a date (YYYY-MM-DD)' });
  if (form.rights === 'other' && !/^(https?|urn|info):/.test(form.rightsOther)) problems.push({ field: '/rights', message: 'is not a URI' });
  return problems;
}

// The platform's own fields are not the curators' changes.
function stripDerived(doc: RecordDoc | HeritageRecord): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, deletedAt: _d, hasMedia: _h, country: _k, ...rest } = doc as Record<string, unknown>;
  return rest;
}
