import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { canonicalTag, type LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { docToInput, normalizeOrThrow, type RecordDoc } from './record.normalize';
import { VISIBILITIES, type Visibility } from './record.schema';
import { recordRepository as repo } from './record.repository';
import { editable } from './record.service';
import { inTransaction, type Store } from './record.store';
import type { RecordRow } from './record.table';
import { writeRecords, type WriteOne } from './record.write';

/** The most records one batch edit changes (a page of search results at most). */
export const MAX_BATCH = 100;

/** What a batch edit does to each selected record; at least one part is given. */
export interface BatchEdit {
  visibility?: Visibility;
  /** A rights statement or licence URI. */
  rights?: string;
  /** A subject added unless the record has one with the same label in that language already. */
  addSubject?: { label: LangMap; uri?: string };
}

/** What happened to each selected record: none is skipped without being named. */
export interface BatchOutcome {
  changed: BatchItem[];
  /** Already as asked: nothing to change, no new version. */
  unchanged: BatchItem[];
  /** Visible to the actor, who may not edit them. */
  forbidden: BatchItem[];
  /** Not found, in the trash, or hidden from the actor (told apart from nothing, as everywhere). */
  missing: string[];
}

export interface BatchItem {
  id: string;
  title: LangMap;
  /** The record's version after the edit. */
  version: number;
}

/**
 * Applies one change to many records: each is checked on its own (the actor must be allowed to
 * edit its institution's records) and written as a new version, all in one transaction, with an
 * audit event per record. Records the actor may not edit are reported, not skipped in silence.
 */
export async function batchEditRecords(store: Store, actor: Actor, input: { ids: string[]; edit: BatchEdit }): Promise<BatchOutcome> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to change records');
  const ids = [...new Set(input.ids)];
  const edit = checkEdit(input.edit, ids);
  return inTransaction(store, async (trx) => {
    const outcome: BatchOutcome = { changed: [], unchanged: [], forbidden: [], missing: [] };
    const writes: WriteOne[] = [];
    for (const id of ids) {
      let row: RecordRow;
      try {
        row = await editable(trx, actor, id);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'FORBIDDEN') {
          const seen = await repo.findVisible(trx.db, actor, id);
          outcome.forbidden.push({ id, title: seen ? (JSON.parse(seen.metadata) as RecordDoc).title : {}, version: seen?.version ?? 0 });
        } else outcome.missing.push(id);
        continue;
      }
      if (row.deleted_at) {
        outcome.missing.push(id);
        continue;
      }
      const doc = JSON.parse(row.metadata) as RecordDoc;
      const next = applyEdit(doc, edit);
      if (!next) {
        outcome.unchanged.push({ id, title: doc.title, version: row.version });
        continue;
      }
      const normalized = normalizeOrThrow({ ...docToInput(next), id });
      writes.push({ doc: { ...normalized, id }, country: row.country, existing: row, action: 'batch-edit', deleted: false });
    }
    const stored = writes.length ? await writeRecords(trx, actor, writes) : [];
    for (const r of stored) outcome.changed.push({ id: r.id, title: (JSON.parse(r.metadata) as RecordDoc).title, version: r.version });
    return outcome;
  });
}

/** The document with the edit applied, or null when it already is as asked. */
export function applyEdit(doc: RecordDoc, edit: BatchEdit): RecordDoc | null {
  const next: RecordDoc = { ...doc };
  let changed = false;
  if (edit.visibility && doc.visibility !== edit.visibility) {
    next.visibility = edit.visibility;
    changed = true;
  }
  if (edit.rights && doc.rights !== edit.rights) {
    next.rights = edit.rights;
    changed = true;
  }
  if (edit.addSubject) {
    const [lang, values] = Object.entries(edit.addSubject.label)[0];
    const wanted = values[0].toLocaleLowerCase(lang);
    const has = (doc.subjects ?? []).some((s) => (s.label[lang] ?? []).some((v) => v.toLocaleLowerCase(lang) === wanted) || (!!edit.addSubject!.uri && s.uri === edit.addSubject!.uri));
    if (!has) {
      next.subjects = [...(doc.subjects ?? []), { label: edit.addSubject.label, ...(edit.addSubject.uri ? { uri: edit.addSubject.uri } : {}) }];
      changed = true;
    }
  }
  return changed ? next : null;
}

/** Checks the edit and the selection, naming every wrong field. */
function checkEdit(edit: BatchEdit, ids: string[]): BatchEdit {
  const problems: FieldProblem[] = [];
  if (!ids.length) problems.push({ field: 'records', message: 'select at least one record' });
  if (ids.length > MAX_BATCH) problems.push({ field: 'records', message: `at most ${MAX_BATCH} records at once` });
  if (edit.visibility !== undefined && !(VISIBILITIES as readonly string[]).includes(edit.visibility)) problems.push({ field: 'visibility', message: `must be one of ${VISIBILITIES.join(', ')}` });
  if (edit.rights !== undefined && !/^https?:\/\/\S{1,2000}$/.test(edit.rights)) problems.push({ field: 'rights', message: 'must be a rights statement or licence URI' });
  let subject = edit.addSubject;
  if (subject) {
    const entries = Object.entries(subject.label);
    const lang = entries.length === 1 ? canonicalTag(entries[0][0]) : null;
    const text = entries.length === 1 ? (entries[0][1][0] ?? '').trim() : '';
    if (!lang) problems.push({ field: 'subjectLang', message: 'must be a language tag' });
    if (!text) problems.push({ field: 'subject', message: 'must not be empty' });
    if (text.length > 500) problems.push({ field: 'subject', message: 'must have at most 500 characters' });
    if (subject.uri !== undefined && !/^https?:\/\/\S{1,2000}$/.test(subject.uri)) problems.push({ field: 'subjectUri', message: 'must be a URI' });
    if (lang && text) subject = { label: { [lang]: [text] }, ...(subject.uri ? { uri: subject.uri } : {}) };
  }
  if (!edit.visibility && !edit.rights && !subject) problems.push({ field: 'edit', message: 'choose a visibility, rights or a subject to add' });
  if (problems.length) throw validationError(problems, 'batch edit');
  return { ...edit, addSubject: subject };
}
