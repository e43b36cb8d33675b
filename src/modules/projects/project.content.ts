import type { Db } from '../../db/database';
import { AppError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { isAllianceMember, type Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { isProjectStaff, requireProjectEdit } from './project.policy';
import { projectRepository as repo } from './project.repository';
import { visibleProject } from './project.service';
import { OUTPUT_KINDS, OUTPUT_RELATIONS, OUTPUT_VISIBILITIES, type OutputKind, type OutputRelation } from './project.table';
import { assertValid, dateField, enumField, langMapField, textField, urlField } from './project.validate';

export interface Milestone {
  id: string;
  title: LangMap;
  dueDate: string | null;
  doneAt: string | null;
}

export interface ProjectUpdate {
  id: string;
  title: LangMap;
  body: LangMap;
  /** Path of the update's image, if it has one. */
  image: string | null;
  imageAlt: string | null;
  publishedAt: string;
}

export interface ProjectOutput {
  id: string;
  kind: OutputKind;
  title: string;
  url: string | null;
  recordId: string | null;
  /** The linked record's title, when the actor may see the record (otherwise the link is left out). */
  recordTitle: LangMap | null;
  relation: OutputRelation | null;
  visibility: 'public' | 'members';
  createdAt: string;
  /** The download path of an uploaded document, with its type and size. */
  file: { href: string; mime: string; size: number } | null;
}

export interface OutputInput {
  kind: OutputKind;
  recordId?: string | null;
  title?: string | null;
  url?: string | null;
  relation?: OutputRelation | null;
  visibility?: 'public' | 'members';
}

/** The milestones of a project the actor may see, by due date. */
export async function listMilestones(db: Db, actor: Actor, projectId: string): Promise<Milestone[]> {
  await visibleProject(db, actor, projectId);
  return (await repo.milestones(db, projectId)).map((m) => ({ id: m.id, title: JSON.parse(m.title), dueDate: m.due_date, doneAt: m.done_at }));
}

/** Adds a milestone (partners' staff). */
export async function addMilestone(db: Db, actor: Actor, projectId: string, input: { title: LangMap; dueDate?: string | null }): Promise<Milestone> {
  const { row, facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  const problems: FieldProblem[] = [];
  const title = langMapField(input?.title, 'title', problems, { required: true, max: 300 });
  const due = dateField(input?.dueDate, 'dueDate', problems);
  assertValid(problems, 'milestone');
  const m = { id: newId('pms'), project_id: projectId, title: JSON.stringify(title), due_date: due.value, done_at: null, created_at: nowIso() };
  await repo.insertMilestone(db, m);
  await audit(db, actor, [{ action: 'project.milestone.add', targetType: 'project', targetId: projectId, institutionId: row.owner_institution_id, detail: { milestoneId: m.id } }]);
  return { id: m.id, title, dueDate: m.due_date, doneAt: null };
}

/** Marks a milestone reached (or open again). */
export async function setMilestoneDone(db: Db, actor: Actor, projectId: string, milestoneId: string, done: boolean): Promise<void> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  if (!(await repo.updateMilestone(db, projectId, milestoneId, { done_at: done ? nowIso() : null }))) throw new AppError('NOT_FOUND', `No milestone "${milestoneId}" in this project`);
}

/** Removes a milestone. */
export async function removeMilestone(db: Db, actor: Actor, projectId: string, milestoneId: string): Promise<void> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  if (!(await repo.deleteMilestone(db, projectId, milestoneId))) throw new AppError('NOT_FOUND', `No milestone "${milestoneId}" in this project`);
}

/** The news feed of a project the actor may see, newest first. */
export async function listUpdates(db: Db, actor: Actor, projectId: string, limit = 50): Promise<ProjectUpdate[]> {
  await visibleProject(db, actor, projectId);
  return (await repo.updates(db, projectId, Math.min(Math.max(limit, 1), 200))).map((u) => ({
    id: u.id,
    title: JSON.parse(u.title),
    body: JSON.parse(u.body),
    image: u.image_key ? `/projects/${projectId}/updates/${u.id}/image` : null,
    imageAlt: u.image_alt,
    publishedAt: u.published_at,
  }));
}

/** Checks an update's text; the image (already stored and sniffed) comes separately. */
export function checkUpdate(input: { title?: unknown; body?: unknown; imageAlt?: unknown }): { title: LangMap; body: LangMap; imageAlt: string | null } {
  const problems: FieldProblem[] = [];
  const title = langMapField(input?.title, 'title', problems, { required: true, max: 300 });
  const body = langMapField(input?.body, 'body', problems, { required: true, max: 20_000 });
  const imageAlt = textField(input?.imageAlt, 'imageAlt', problems, { max: 300 }) || null;
  assertValid(problems, 'update');
  return { title, body, imageAlt };
}

/** Publishes an update to the project's news feed (partners' staff); `image` is a stored, sniffed file. */
export async function publishUpdate(
  db: Db,
  actor: Actor,
  projectId: string,
  input: { title: LangMap; body: LangMap; imageAlt?: string | null },
  image?: { key: string; mime: string } | null,
): Promise<ProjectUpdate> {
  const { row, facts } = await visibleProject(db, actor, projectId);
  const user = requireProjectEdit(actor, facts);
  const text = checkUpdate(input);
  const u = {
    id: newId('pup'),
    project_id: projectId,
    title: JSON.stringify(text.title),
    body: JSON.stringify(text.body),
    image_key: image?.key ?? null,
    image_mime: image?.mime ?? null,
    image_alt: image ? text.imageAlt : null,
    published_at: nowIso(),
    created_by: user.userId === 'system' ? null : user.userId,
  };
  await repo.insertUpdate(db, u);
  await audit(db, actor, [{ action: 'project.update.publish', targetType: 'project', targetId: projectId, institutionId: row.owner_institution_id, detail: { updateId: u.id } }]);
  return { id: u.id, title: text.title, body: text.body, image: image ? `/projects/${projectId}/updates/${u.id}/image` : null, imageAlt: u.image_alt, publishedAt: u.published_at };
}

/** Removes an update; answers the store key of its image so the caller can delete the file. */
export async function removeUpdate(db: Db, actor: Actor, projectId: string, updateId: string): Promise<string | null> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  const u = await repo.findUpdate(db, projectId, updateId);
  if (!u) throw new AppError('NOT_FOUND', `No update "${updateId}" in this project`);
  await repo.deleteUpdate(db, projectId, updateId);
  return u.image_key;
}

/** The stored image of an update the actor may see; NOT_FOUND otherwise. */
export async function updateImage(db: Db, actor: Actor, projectId: string, updateId: string): Promise<{ key: string; mime: string }> {
  await visibleProject(db, actor, projectId);
  const u = ID_REGEX.test(updateId) ? await repo.findUpdate(db, projectId, updateId) : undefined;
  if (!u?.image_key || !u.image_mime) throw new AppError('NOT_FOUND', 'No such image');
  return { key: u.image_key, mime: u.image_mime };
}

/**
 * The outputs of a project the actor may see: members-only documents only for members of the
 * alliance and the partners; a linked record only when the actor may see that record.
 */
export async function listOutputs(db: Db, actor: Actor, projectId: string): Promise<ProjectOutput[]> {
  const { facts } = await visibleProject(db, actor, projectId);
  const members = isAllianceMember(actor) || isProjectStaff(actor, facts);
  return (await repo.outputs(db, actor, projectId))
    .filter((o) => (o.visibility === 'public' || members) && (o.kind !== 'record' || o.record_metadata))
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      title: o.title,
      url: o.url,
      recordId: o.record_id,
      recordTitle: o.record_metadata ? ((JSON.parse(o.record_metadata) as { title?: LangMap }).title ?? null) : null,
      relation: o.relation,
      visibility: o.visibility,
      createdAt: o.created_at,
      file: o.file_key ? { href: `/projects/${projectId}/outputs/${o.id}/file`, mime: o.file_mime ?? 'application/octet-stream', size: Number(o.file_size ?? 0) } : null,
    }));
}

/**
 * Adds an output (partners' staff): a record the actor may see (once per project), or a publication,
 * dataset or document; a document may carry an uploaded file (already stored and sniffed).
 */
export async function addOutput(db: Db, actor: Actor, projectId: string, input: OutputInput, file?: { key: string; mime: string; size: number } | null): Promise<ProjectOutput> {
  const { row, facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  const problems: FieldProblem[] = [];
  const kind = enumField(input?.kind, OUTPUT_KINDS, 'kind', problems);
  const visibility = enumField(input?.visibility, OUTPUT_VISIBILITIES, 'visibility', problems, 'public');
  let recordId: string | null = null;
  let relation: OutputRelation | null = null;
  let recordTitle: LangMap | null = null;
  const title = textField(input?.title, 'title', problems, { required: kind !== 'record', max: 1000 });
  const url = urlField(input?.url, 'url', problems);
  if (kind === 'record') {
    const ref = typeof input?.recordId === 'string' ? input.recordId.trim().replace(/^.*\/records\//, '').replace(/[?#].*$/, '') : '';
    relation = enumField(input?.relation, OUTPUT_RELATIONS, 'relation', problems, 'studied');
    const rec = ref && ID_REGEX.test(ref) ? await repo.recordVisible(db, actor, ref) : undefined;
    if (!rec) problems.push({ field: 'recordId', message: 'is not a record you can see' });
    else if (await repo.hasRecordOutput(db, projectId, rec.id)) problems.push({ field: 'recordId', message: 'is linked to this project already' });
    else {
      recordId = rec.id;
      recordTitle = (JSON.parse(rec.metadata) as { title?: LangMap }).title ?? null;
    }
  } else if (!url && kind !== 'document') {
    problems.push({ field: 'url', message: 'is required for a publication or dataset (a DOI or web address)' });
  }
  assertValid(problems, 'output');
  const stored = kind === 'document' ? (file ?? null) : null;
  const o = { id: newId('pou'), project_id: projectId, kind, record_id: recordId, title, url, relation, visibility, created_at: nowIso(), file_key: stored?.key ?? null, file_mime: stored?.mime ?? null, file_size: stored?.size ?? null };
  await repo.insertOutput(db, o);
  await audit(db, actor, [{ action: 'project.output.add', targetType: 'project', targetId: projectId, institutionId: row.owner_institution_id, detail: { kind, recordId, file: !!stored } }]);
  return { id: o.id, kind, title, url, recordId, recordTitle, relation, visibility, createdAt: o.created_at, file: stored ? { href: `/projects/${projectId}/outputs/${o.id}/file`, mime: stored.mime, size: stored.size } : null };
}

/** Removes an output (the record itself stays); answers the store key of its uploaded file so the caller can delete it. */
export async function removeOutput(db: Db, actor: Actor, projectId: string, outputId: string): Promise<string | null> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  const key = await repo.outputFileKey(db, projectId, outputId);
  if (!(await repo.deleteOutput(db, projectId, outputId))) throw new AppError('NOT_FOUND', `No output "${outputId}" in this project`);
  return key;
}

/** The uploaded file of a document the actor may see (members-only ones for members and partners); NOT_FOUND otherwise. */
export async function outputFile(db: Db, actor: Actor, projectId: string, outputId: string): Promise<{ key: string; mime: string; size: number; title: string }> {
  const { facts } = await visibleProject(db, actor, projectId);
  const o = ID_REGEX.test(outputId) ? await repo.findOutput(db, projectId, outputId) : undefined;
  const members = isAllianceMember(actor) || isProjectStaff(actor, facts);
  if (!o?.file_key || !o.file_mime || (o.visibility !== 'public' && !members)) throw new AppError('NOT_FOUND', 'No such document');
  return { key: o.file_key, mime: o.file_mime, size: Number(o.file_size ?? 0), title: o.title };
}

/** The projects the actor may see that worked on a record (the record page's "Projects" section). */
export async function projectsOfRecord(db: Db, actor: Actor, recordId: string): Promise<{ id: string; kind: string; status: string; title: LangMap; relation: string | null }[]> {
  return (await repo.projectsOfRecord(db, actor, recordId)).map((p) => ({ id: p.id, kind: p.kind, status: p.status, title: JSON.parse(p.title), relation: p.relation }));
}
