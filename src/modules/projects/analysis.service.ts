import type { Db } from '../../db/database';
import { AppError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { staffOf, type Actor } from '../accounts/actor';
import { hasScope } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { analysisRepository as repo } from './analysis.repository';
import { ANALYSIS_METHODS, ANALYSIS_VISIBILITIES, type AnalysisMethod, type AnalysisRow } from './analysis.table';
import { mayEditProject } from './project.policy';
import { projectRepository } from './project.repository';
import { visibleProject } from './project.service';
import { assertValid, dateField, enumField, textField } from './project.validate';

/** A scientific analysis as the API and pages show it. */
export interface Analysis {
  id: string;
  institutionId: string;
  recordId: string | null;
  recordTitle: LangMap | null;
  site: string | null;
  /** The project it was made in, when the actor may see that project. */
  projectId: string | null;
  projectTitle: LangMap | null;
  method: AnalysisMethod;
  sample: string;
  result: string;
  date: string | null;
  laboratory: string;
  people: string[];
  visibility: 'public' | 'members' | 'private';
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

/** What recording an analysis takes: a record or a site (or both), the method, sample, result and laboratory. */
export interface AnalysisInput {
  institutionId?: string;
  recordId?: string | null;
  site?: string | null;
  projectId?: string | null;
  method: AnalysisMethod;
  sample: string;
  result: string;
  date?: string | null;
  laboratory: string;
  people?: string[];
  visibility?: 'public' | 'members' | 'private';
}

/** Analyses the actor may see: words in `q` (sample, result, laboratory, people, site), a method, a record, a project. */
export async function searchAnalyses(db: Db, actor: Actor, f: { q?: string; method?: string; recordId?: string; projectId?: string; institutionId?: string; limit?: number; offset?: number }) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { rows, total, methods } = await repo.list(db, actor, { words: words(f.q ?? ''), method: f.method, recordId: f.recordId, projectId: f.projectId, institutionId: f.institutionId }, { limit, offset: Math.max(f.offset ?? 0, 0) });
  const projects = await projectRepository.visibleTitles(db, actor, [...new Set(rows.flatMap((r) => (r.project_id ? [r.project_id] : [])))]);
  return { total, items: rows.map((r) => toAnalysis(actor, r, projects)), facets: { method: Object.fromEntries(methods) } };
}

/** One analysis the actor may see; NOT_FOUND otherwise. */
export async function getAnalysis(db: Db, actor: Actor, id: string): Promise<Analysis> {
  const row = ID_REGEX.test(id) ? await repo.findVisible(db, actor, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `No analysis "${id}"`);
  return toAnalysis(actor, row, await projectRepository.visibleTitles(db, actor, row.project_id ? [row.project_id] : []));
}

/** Records an analysis for an institution the actor is staff of (alliance admins: any), on a record or site it may see. */
export async function createAnalysis(db: Db, actor: Actor, input: AnalysisInput): Promise<Analysis> {
  const user = requireWriter(actor);
  const own = staffOf(actor);
  const problems: FieldProblem[] = [];
  const institutionId = typeof input?.institutionId === 'string' && input.institutionId ? input.institutionId : own[0] ?? '';
  if (!user.isAdmin && !own.includes(institutionId)) problems.push({ field: 'institutionId', message: 'is not an institution you are staff of' });
  else if (!(await db.selectFrom('institution').select('id').where('id', '=', institutionId).executeTakeFirst())) problems.push({ field: 'institutionId', message: 'is not an institution of the alliance' });
  const fields = await analysisFields(db, actor, input, problems);
  assertValid(problems, 'analysis');
  const now = nowIso();
  const id = newId('ana');
  await repo.insert(db, { id, institution_id: institutionId, ...fields, created_by: user.userId === 'system' ? null : user.userId, created_at: now, updated_at: now });
  await audit(db, actor, [{ action: 'analysis.create', targetType: 'analysis', targetId: id, institutionId, detail: { method: fields.method, recordId: fields.record_id } }]);
  return getAnalysis(db, actor, id);
}

/** Changes an analysis (the recording institution's staff). */
export async function updateAnalysis(db: Db, actor: Actor, id: string, input: AnalysisInput): Promise<Analysis> {
  const current = await getAnalysis(db, actor, id);
  requireWriter(actor);
  if (!current.canEdit) throw new AppError('FORBIDDEN', 'Only the institution that recorded this analysis may change it');
  const problems: FieldProblem[] = [];
  const fields = await analysisFields(db, actor, input, problems);
  assertValid(problems, 'analysis');
  await repo.update(db, id, { ...fields, updated_at: nowIso() });
  await audit(db, actor, [{ action: 'analysis.update', targetType: 'analysis', targetId: id, institutionId: current.institutionId }]);
  return getAnalysis(db, actor, id);
}

/** Deletes an analysis (the recording institution's staff). */
export async function deleteAnalysis(db: Db, actor: Actor, id: string): Promise<void> {
  const current = await getAnalysis(db, actor, id);
  requireWriter(actor);
  if (!current.canEdit) throw new AppError('FORBIDDEN', 'Only the institution that recorded this analysis may delete it');
  await repo.delete(db, id);
  await audit(db, actor, [{ action: 'analysis.delete', targetType: 'analysis', targetId: id, institutionId: current.institutionId }]);
}

/** Lower-cased, diacritics folded: what `search_text` holds and queries are matched with. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query, folded; LIKE wildcards dropped; at most 8. */
export function words(q: string): string[] {
  return foldText(q.replace(/[%_\\]/g, ' '))
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
}

async function analysisFields(db: Db, actor: Actor, input: AnalysisInput, problems: FieldProblem[]) {
  const recordRef = typeof input?.recordId === 'string' ? input.recordId.trim() : '';
  const site = textField(input?.site, 'site', problems, { max: 300 }) || null;
  let recordId: string | null = null;
  if (recordRef) {
    if (ID_REGEX.test(recordRef) && (await repo.recordVisible(db, actor, recordRef))) recordId = recordRef;
    else problems.push({ field: 'recordId', message: 'is not a record you can see' });
  } else if (!site) problems.push({ field: 'site', message: 'give a record or a site the analysis concerns' });
  let projectId: string | null = null;
  if (typeof input?.projectId === 'string' && input.projectId.trim()) {
    projectId = input.projectId.trim();
    const facts = await visibleProject(db, actor, projectId).then((p) => p.facts, () => null);
    if (!facts) problems.push({ field: 'projectId', message: 'is not a project you can see' });
    else if (!mayEditProject(actor, facts)) problems.push({ field: 'projectId', message: 'is not a project you are a partner of' });
  }
  const method = enumField(input?.method, ANALYSIS_METHODS, 'method', problems);
  const sample = textField(input?.sample, 'sample', problems, { required: true, max: 2000, multiline: true });
  const result = textField(input?.result, 'result', problems, { required: true, max: 10_000, multiline: true });
  const laboratory = textField(input?.laboratory, 'laboratory', problems, { required: true, max: 300 });
  const date = dateField(input?.date, 'date', problems);
  const rawPeople = Array.isArray(input?.people) ? input.people : [];
  if (rawPeople.length > 50) problems.push({ field: 'people', message: 'lists more than 50 people' });
  const people = rawPeople.slice(0, 50).map((p, i) => textField(p, `people/${i}`, problems, { max: 200 })).filter(Boolean);
  const visibility = enumField(input?.visibility, ANALYSIS_VISIBILITIES, 'visibility', problems, 'public');
  return {
    record_id: recordId,
    site,
    project_id: projectId,
    method,
    sample,
    result,
    analysed_on: date.value,
    laboratory,
    people: JSON.stringify(people),
    visibility,
    search_text: foldText([method, sample, result, laboratory, site ?? '', ...people].join(' ')),
  };
}

function requireWriter(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to record analyses');
  if (!hasScope(actor, 'write')) throw new AppError('FORBIDDEN', 'Your token lacks the "write" scope');
  if (!actor.isAdmin && !staffOf(actor).length) throw new AppError('FORBIDDEN', 'Only staff of member institutions record analyses');
  return actor;
}

function toAnalysis(actor: Actor, r: AnalysisRow & { record_metadata: string | null }, projects: Map<string, string>): Analysis {
  const projectTitle = r.project_id ? projects.get(r.project_id) : undefined;
  const mayEdit = actor.kind === 'user' && hasScope(actor, 'write') && (actor.isAdmin || staffOf(actor).includes(r.institution_id));
  return {
    id: r.id,
    institutionId: r.institution_id,
    recordId: r.record_id,
    recordTitle: r.record_metadata ? ((JSON.parse(r.record_metadata) as { title?: LangMap }).title ?? null) : null,
    site: r.site,
    projectId: projectTitle ? r.project_id : null,
    projectTitle: projectTitle ? JSON.parse(projectTitle) : null,
    method: r.method,
    sample: r.sample,
    result: r.result,
    date: r.analysed_on,
    laboratory: r.laboratory,
    people: JSON.parse(r.people),
    visibility: r.visibility,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    canEdit: mayEdit,
  };
}
