import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { canonicalLangMap } from '../../shared/lang-map-validate';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { listRecordMedia } from '../media/media.service';
import { recordRepository } from '../records/record.repository';
import { inTransaction, type Store } from '../records/record.store';
import { requireCurator } from './exhibition.access';
import { exhibitionRepository as repo } from './exhibition.repository';
import { getDraft, getExhibition } from './exhibition.service';
import { EVENT_KINDS, LAYOUTS, type ExhibitionDraft, type Layout } from './exhibition.types';

export interface ChapterInput {
  layout?: string;
  title?: LangMap;
  body?: LangMap;
}

export interface ItemInput {
  chapterId: string;
  recordId: string;
  mediaId?: string | null;
  region?: string | null;
  caption?: LangMap;
}

export interface EventInput {
  kind: string;
  title: LangMap;
  startsAt: string;
  endsAt?: string | null;
  url?: string | null;
}

/** A IIIF Image API 3 region other than `full`: pixels `x,y,w,h`, percentages `pct:x,y,w,h`, or `square`. */
export const REGION_PATTERN = '^(square|\\d{1,6},\\d{1,6},\\d{1,6},\\d{1,6}|pct:\\d{1,3}(\\.\\d+)?,\\d{1,3}(\\.\\d+)?,\\d{1,3}(\\.\\d+)?,\\d{1,3}(\\.\\d+)?)$';
const REGION = new RegExp(REGION_PATTERN);
const MAX_BODY = 50_000;
const MAX_CHAPTERS = 60;
const MAX_ITEMS = 400;

/** Adds a chapter at the end (curators). */
export async function addChapter(store: Store, actor: Actor, ref: string, input: ChapterInput): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  if (ex.chapters.length >= MAX_CHAPTERS) throw new AppError('CONFLICT', `An exhibition has at most ${MAX_CHAPTERS} chapters`);
  const fields = cleanChapter(input, true);
  const position = (ex.chapters.at(-1)?.position ?? 0) + 1;
  await repo.insertChapter(store.db, { id: newId('xc'), exhibition_id: ex.id, position, layout: fields.layout ?? 'text-image', title: JSON.stringify(fields.title ?? {}), body: JSON.stringify(fields.body ?? {}) });
  return touched(store, actor, ex.id);
}

/** Changes a chapter's layout, title or text; texts given replace those languages only. */
export async function updateChapter(store: Store, actor: Actor, ref: string, chapterId: string, input: ChapterInput): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const chapter = ex.chapters.find((c) => c.id === chapterId);
  if (!chapter) throw new AppError('NOT_FOUND', `No chapter "${chapterId}" in this exhibition`);
  const fields = cleanChapter(input, false);
  await repo.updateChapter(store.db, chapterId, {
    ...(fields.layout ? { layout: fields.layout } : {}),
    ...(fields.title ? { title: JSON.stringify(merge(chapter.title, fields.title, input.title)) } : {}),
    ...(fields.body ? { body: JSON.stringify(merge(chapter.body, fields.body, input.body)) } : {}),
  });
  return touched(store, actor, ex.id);
}

/** Moves a chapter one place up or down. */
export async function moveChapter(store: Store, actor: Actor, ref: string, chapterId: string, direction: 'up' | 'down'): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const i = ex.chapters.findIndex((c) => c.id === chapterId);
  if (i < 0) throw new AppError('NOT_FOUND', `No chapter "${chapterId}" in this exhibition`);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= ex.chapters.length) return ex;
  await inTransaction(store, async (trx) => {
    const order = ex.chapters.map((c) => c.id);
    [order[i], order[j]] = [order[j], order[i]];
    for (const [k, id] of order.entries()) await repo.updateChapter(trx.db, id, { position: k + 1 });
  });
  return touched(store, actor, ex.id);
}

/** Deletes a chapter and its items. */
export async function deleteChapter(store: Store, actor: Actor, ref: string, chapterId: string): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const chapter = ex.chapters.find((c) => c.id === chapterId);
  if (!chapter) throw new AppError('NOT_FOUND', `No chapter "${chapterId}" in this exhibition`);
  await inTransaction(store, async (trx) => {
    await repo.deleteChapter(trx.db, chapterId);
    for (const item of chapter.items) await forgetApprovalIfUnused(trx, ex.id, item.recordId);
  });
  return touched(store, actor, ex.id);
}

/**
 * Adds a record the curator may see to a chapter. A record that is not public asks its holder for
 * approval, unless the curator edits that holder's records (then it is granted at once); the
 * request of a refused record is asked again.
 */
export async function addItem(store: Store, actor: Actor, ref: string, input: ItemInput): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const problems: FieldProblem[] = [];
  const chapter = ex.chapters.find((c) => c.id === input.chapterId);
  if (!chapter) problems.push({ field: 'chapterId', message: 'is not a chapter of this exhibition' });
  const recordId = input.recordId?.trim() ?? '';
  const row = ID_REGEX.test(recordId) ? await recordRepository.findVisible(store.db, actor, recordId) : undefined;
  if (!row) problems.push({ field: 'recordId', message: `"${recordId}" is not a record you can see` });
  const region = input.region?.trim() || null;
  if (region && !REGION.test(region)) problems.push({ field: 'region', message: 'must be a IIIF region: x,y,w,h in pixels or pct:x,y,w,h' });
  const mediaId = input.mediaId?.trim() || null;
  if (row && mediaId) {
    const media = await listRecordMedia(store, actor, row.id, '');
    if (!media.some((m) => m.id === mediaId)) problems.push({ field: 'mediaId', message: 'is not an image of this record' });
  }
  const caption = canonicalLangMap(input.caption ?? {}, 'caption', problems);
  if (chapter && chapter.items.length >= MAX_ITEMS) problems.push({ field: 'chapterId', message: `holds ${MAX_ITEMS} items already` });
  if (problems.length || !row || !chapter) throw validationError(problems, 'exhibition item');
  const now = nowIso();
  const needsApproval = row.visibility !== 'public' || (row.embargo_until !== null && row.embargo_until > now);
  await inTransaction(store, async (trx) => {
    await repo.insertItem(trx.db, {
      id: newId('xi'),
      exhibition_id: ex.id,
      chapter_id: chapter.id,
      position: (chapter.items.at(-1)?.position ?? 0) + 1,
      record_id: row.id,
      media_id: mediaId,
      region,
      caption: JSON.stringify(caption),
    });
    if (!needsApproval) return;
    const existing = await repo.findApproval(trx.db, ex.id, row.id);
    const by = actor.kind === 'user' && actor.userId !== 'system' ? actor.userId : null;
    const own = can(actor, 'edit', { institutionId: row.institution_id });
    if (!existing) {
      await repo.insertApproval(trx.db, {
        exhibition_id: ex.id,
        record_id: row.id,
        institution_id: row.institution_id,
        status: own ? 'granted' : 'pending',
        requested_by: by,
        requested_at: now,
        decided_by: own ? by : null,
        decided_at: own ? now : null,
        note: null,
      });
      if (!own) await audit(trx.db, actor, [{ action: 'exhibition.approval.request', targetType: 'exhibition', targetId: ex.id, institutionId: row.institution_id, detail: { record: row.id } }]);
    } else if (existing.status === 'refused' && !own) {
      await repo.decideApproval(trx.db, ex.id, row.id, { status: 'pending', decided_by: null, decided_at: null, note: existing.note });
    }
  });
  return touched(store, actor, ex.id);
}

/** Removes an item; the approval request of its record goes when no other item shows it. */
export async function removeItem(store: Store, actor: Actor, ref: string, itemId: string): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const item = ex.chapters.flatMap((c) => c.items).find((i) => i.id === itemId);
  if (!item) throw new AppError('NOT_FOUND', `No item "${itemId}" in this exhibition`);
  await inTransaction(store, async (trx) => {
    await repo.deleteItem(trx.db, itemId);
    await forgetApprovalIfUnused(trx, ex.id, item.recordId);
  });
  return touched(store, actor, ex.id);
}

/** Adds an event (opening, guided tour, live stream, talk) with its dates and link. */
export async function addEvent(store: Store, actor: Actor, ref: string, input: EventInput): Promise<ExhibitionDraft> {
  const ex = await getDraft(store, actor, ref);
  const problems: FieldProblem[] = [];
  if (!(EVENT_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: `must be one of ${EVENT_KINDS.join(', ')}` });
  const title = canonicalLangMap(input.title ?? {}, 'title', problems);
  if (!Object.keys(title).length) problems.push({ field: 'title', message: 'is required in at least one language' });
  const startsAt = isoOrNull(input.startsAt);
  if (!startsAt) problems.push({ field: 'startsAt', message: 'must be a date and time (ISO 8601)' });
  const endsAt = input.endsAt ? isoOrNull(input.endsAt) : null;
  if (input.endsAt && !endsAt) problems.push({ field: 'endsAt', message: 'must be a date and time (ISO 8601)' });
  if (startsAt && endsAt && endsAt < startsAt) problems.push({ field: 'endsAt', message: 'is before the start' });
  const url = input.url?.trim() || null;
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) problems.push({ field: 'url', message: 'must be an http(s) address' });
  if (problems.length) throw validationError(problems, 'event');
  await repo.insertEvent(store.db, { id: newId('xe'), exhibition_id: ex.id, kind: input.kind, title: JSON.stringify(title), starts_at: startsAt!, ends_at: endsAt, url });
  return touched(store, actor, ex.id);
}

/** Removes an event. */
export async function removeEvent(store: Store, actor: Actor, ref: string, eventId: string): Promise<ExhibitionDraft> {
  const ex = await getExhibition(store, actor, ref);
  requireCurator(actor, ex);
  if (!(await repo.deleteEvent(store.db, ex.id, eventId))) throw new AppError('NOT_FOUND', `No event "${eventId}" in this exhibition`);
  return touched(store, actor, ex.id);
}

async function forgetApprovalIfUnused(store: Store, exhibitionId: string, recordId: string): Promise<void> {
  if ((await repo.countItemsOfRecord(store.db, exhibitionId, recordId)) === 0) await repo.deleteApproval(store.db, exhibitionId, recordId);
}

async function touched(store: Store, actor: Actor, id: string): Promise<ExhibitionDraft> {
  await repo.update(store.db, id, { updated_at: nowIso() });
  return getDraft(store, actor, id);
}

function cleanChapter(input: ChapterInput, creating: boolean): { layout?: Layout; title?: LangMap; body?: LangMap } {
  const problems: FieldProblem[] = [];
  const out: { layout?: Layout; title?: LangMap; body?: LangMap } = {};
  if (input.layout !== undefined) {
    if ((LAYOUTS as readonly string[]).includes(input.layout)) out.layout = input.layout as Layout;
    else problems.push({ field: 'layout', message: `must be one of ${LAYOUTS.join(', ')}` });
  }
  if (input.title !== undefined) out.title = canonicalLangMap(input.title, 'title', problems);
  if (input.body !== undefined) {
    out.body = canonicalLangMap(input.body, 'body', problems);
    for (const [lang, v] of Object.entries(out.body)) if (v.join('').length > MAX_BODY) problems.push({ field: `body/${lang}`, message: `is longer than ${MAX_BODY} characters` });
  }
  if (creating && (!out.title || !Object.keys(out.title).length)) problems.push({ field: 'title', message: 'is required in at least one language' });
  if (problems.length) throw validationError(problems, 'chapter');
  return out;
}

/** Replaces the languages given; a language given empty is removed. */
function merge(old: LangMap, patch: LangMap, raw: LangMap | undefined): LangMap {
  const out: LangMap = { ...old, ...patch };
  for (const [lang, values] of Object.entries(raw ?? {})) if (!values.some((v) => v.trim())) delete out[lang];
  return out;
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
