import type { Db } from '../../db/database';
import { AppError, type FieldProblem } from '../../shared/errors';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import { maySeeProject, mayEditProject, mayManageProject, requireProjectEdit, type ProjectAccessFacts } from './project.policy';
import { projectRepository as repo, type ProjectFilter } from './project.repository';
import { PROJECT_KINDS, PROJECT_STATUSES, PROJECT_VISIBILITIES, type PartnerRole, type ProjectKind, type ProjectRow, type ProjectStatus, type ProjectVisibility } from './project.table';
import { assertValid, dateField, enumField, langMapField, sortKey } from './project.validate';
import { addPartnerRows, addSiteRows, type PartnerInput, type SiteInput } from './project.partners';

export type { PartnerInput, SiteInput } from './project.partners';

/**
 * What `createProject` takes. Only `kind`, `title` and `ownerInstitutionId` are required; the lead
 * institution becomes the `lead` partner by itself (with its country) unless `partners` names a lead.
 * Dates are EDTF (an ISO date is EDTF). Defaults: status `planned`, visibility `public`.
 *
 * @example createProject(db, actor, { kind: 'restoration', title: { en: ['Restoring the temple'] }, ownerInstitutionId: 'inst-1' })
 */
export interface ProjectInput {
  kind: ProjectKind;
  title: LangMap;
  summary?: LangMap;
  ownerInstitutionId: string;
  status?: ProjectStatus;
  visibility?: ProjectVisibility;
  startDate?: string | null;
  endDate?: string | null;
  partners?: PartnerInput[];
  sites?: SiteInput[];
  /** A chosen id (the demo and imports, so a reload finds its projects); a new random one otherwise. */
  id?: string;
}

/** A change to a project's own fields (partners and sites change through their own calls). */
export type ProjectPatch = Partial<Omit<ProjectInput, 'ownerInstitutionId' | 'partners' | 'sites'>>;

export interface ProjectPartner {
  id: string;
  institutionId: string | null;
  institutionName: LangMap | null;
  name: string | null;
  countryCode: string;
  role: PartnerRole;
}

export interface ProjectSite {
  id: string;
  name: string;
  countryCode: string;
  lat: number | null;
  lon: number | null;
}

/** A project as the API and pages show it. */
export interface Project {
  id: string;
  kind: ProjectKind;
  status: ProjectStatus;
  visibility: ProjectVisibility;
  ownerInstitutionId: string;
  title: LangMap;
  summary: LangMap;
  startDate: string | null;
  endDate: string | null;
  partners: ProjectPartner[];
  sites: ProjectSite[];
  /** Distinct countries of partners and sites. */
  countries: string[];
  createdAt: string;
  updatedAt: string;
  /** What the asking actor may do. */
  canEdit: boolean;
  canManage: boolean;
}

/** Creates a project led by an institution; its staff (or an alliance admin) may create it. */
export async function createProject(db: Db, actor: Actor, input: ProjectInput): Promise<Project> {
  // One transaction, so a partner or site refused leaves no half-made project.
  return db.isTransaction ? create(db, actor, input) : db.transaction().execute((trx) => create(trx, actor, input));
}

async function create(db: Db, actor: Actor, input: ProjectInput): Promise<Project> {
  const problems: FieldProblem[] = [];
  const owner = typeof input.ownerInstitutionId === 'string' ? input.ownerInstitutionId : '';
  const user = requireProjectEdit(actor, { visibility: 'private', ownerInstitutionId: owner, partnerInstitutionIds: [] }, true);
  const inst = await getInstitution(db, owner).catch(() => null);
  if (!inst) problems.push({ field: 'ownerInstitutionId', message: 'is not an institution of the alliance' });
  const fields = projectFields(input, problems, true);
  assertValid(problems, 'project');
  const now = nowIso();
  const id = input.id ?? newId('prj');
  if (input.id !== undefined && (!ID_REGEX.test(input.id) || (await repo.find(db, input.id)))) throw new AppError('ALREADY_EXISTS', `A project "${input.id}" exists already`, { problems: [{ field: 'id', message: 'is taken or not a valid id' }] });
  const by = user.userId === 'system' ? null : user.userId;
  await repo.insert(db, { id, owner_institution_id: owner, ...fields, created_by: by, created_at: now, updated_by: by, updated_at: now } as Parameters<typeof repo.insert>[1]);
  const partners = [...(input.partners ?? [])];
  // Appended, so problems keep the indices of the caller's list; lists show the lead first anyway.
  if (!partners.some((p) => p.role === 'lead')) partners.push({ institutionId: owner, countryCode: inst!.country, role: 'lead' });
  await addPartnerRows(db, id, partners, 'partners');
  await addSiteRows(db, id, input.sites ?? [], 'sites');
  await audit(db, actor, [{ action: 'project.create', targetType: 'project', targetId: id, institutionId: owner, detail: { kind: fields.kind } }]);
  return getProject(db, actor, id);
}

/** One project the actor may see; NOT_FOUND otherwise. */
export async function getProject(db: Db, actor: Actor, id: string): Promise<Project> {
  const { row, facts } = await visibleProject(db, actor, id);
  const [partners, sites] = await Promise.all([repo.partners(db, [id]), repo.sitesOf(db, id)]);
  return toProject(actor, row, facts, partners, sites);
}

/** Projects the actor may see, filtered, by title; with facet counts. */
export async function listProjects(db: Db, actor: Actor, f: ProjectFilter & { limit?: number; offset?: number }) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const offset = Math.max(f.offset ?? 0, 0);
  const [{ rows, total }, facets] = await Promise.all([repo.list(db, actor, f, { limit, offset }), repo.facets(db, actor, f)]);
  const partners = await repo.partners(db, rows.map((r) => r.id));
  const items = rows.map((r) => {
    const own = partners.filter((p) => p.project_id === r.id);
    return toProject(actor, r, factsOf(r, own), own, []);
  });
  return { total, items, facets };
}

/** Sites of the projects the actor may see under a filter, for the map (at most 2,000). */
export async function listProjectSites(db: Db, actor: Actor, f: ProjectFilter) {
  return repo.sites(db, actor, f, 2000);
}

/** Changes a project's own fields (partners' staff); visibility only by the lead institution. */
export async function updateProject(db: Db, actor: Actor, id: string, patch: ProjectPatch): Promise<Project> {
  const { row, facts } = await visibleProject(db, actor, id);
  const user = requireProjectEdit(actor, facts, patch.visibility !== undefined && patch.visibility !== row.visibility);
  const problems: FieldProblem[] = [];
  const merged: ProjectInput = {
    kind: patch.kind ?? row.kind,
    title: patch.title ?? JSON.parse(row.title),
    summary: patch.summary ?? JSON.parse(row.summary),
    status: patch.status ?? row.status,
    visibility: patch.visibility ?? row.visibility,
    startDate: patch.startDate === undefined ? row.start_date : patch.startDate,
    endDate: patch.endDate === undefined ? row.end_date : patch.endDate,
    ownerInstitutionId: row.owner_institution_id,
  };
  const fields = projectFields(merged, problems, false);
  assertValid(problems, 'project');
  await repo.update(db, id, { ...fields, updated_by: user.userId === 'system' ? null : user.userId, updated_at: nowIso() });
  await audit(db, actor, [{ action: 'project.update', targetType: 'project', targetId: id, institutionId: row.owner_institution_id }]);
  return getProject(db, actor, id);
}

/** Deletes a project with its partners, milestones, updates, outputs and needs (the lead institution); answers its files' store keys, for the caller to delete. */
export async function deleteProject(db: Db, actor: Actor, id: string): Promise<string[]> {
  const { row, facts } = await visibleProject(db, actor, id);
  requireProjectEdit(actor, facts, true);
  const keys = await repo.fileKeys(db, id);
  await repo.delete(db, id);
  await audit(db, actor, [{ action: 'project.delete', targetType: 'project', targetId: id, institutionId: row.owner_institution_id }]);
  return keys;
}

/** The project row and its access facts, when the actor may see it; NOT_FOUND otherwise. */
export async function visibleProject(db: Db, actor: Actor, id: string): Promise<{ row: ProjectRow; facts: ProjectAccessFacts }> {
  const row = ID_REGEX.test(id) ? await repo.find(db, id) : undefined;
  if (row) {
    const facts = factsOf(row, await repo.partners(db, [id]));
    if (maySeeProject(actor, facts)) return { row, facts };
  }
  throw new AppError('NOT_FOUND', `No project "${id}"`);
}

function factsOf(row: ProjectRow, partners: { institution_id: string | null }[]): ProjectAccessFacts {
  return { visibility: row.visibility, ownerInstitutionId: row.owner_institution_id, partnerInstitutionIds: partners.flatMap((p) => (p.institution_id ? [p.institution_id] : [])) };
}

function projectFields(input: ProjectInput, problems: FieldProblem[], creating: boolean) {
  const title = langMapField(input.title, 'title', problems, { required: true, max: 300 });
  const summary = langMapField(input.summary, 'summary', problems, { max: 5000 });
  const start = dateField(input.startDate, 'startDate', problems);
  const end = dateField(input.endDate, 'endDate', problems);
  if (start.from !== null && end.to !== null && end.to < start.from) problems.push({ field: 'endDate', message: 'is before the start date' });
  return {
    kind: enumField(input.kind, PROJECT_KINDS, 'kind', problems),
    status: enumField(input.status, PROJECT_STATUSES, 'status', problems, creating ? 'planned' : undefined),
    visibility: enumField(input.visibility, PROJECT_VISIBILITIES, 'visibility', problems, creating ? 'public' : undefined),
    title: JSON.stringify(title),
    title_sort: sortKey(title),
    summary: JSON.stringify(summary),
    start_date: start.value,
    end_date: end.value,
    year_from: start.from,
    year_to: end.to,
  };
}

function toProject(actor: Actor, r: ProjectRow, facts: ProjectAccessFacts, partners: Awaited<ReturnType<typeof repo.partners>>, sites: Awaited<ReturnType<typeof repo.sitesOf>>): Project {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    visibility: r.visibility,
    ownerInstitutionId: r.owner_institution_id,
    title: JSON.parse(r.title),
    summary: JSON.parse(r.summary),
    startDate: r.start_date,
    endDate: r.end_date,
    partners: partners.map((p) => ({ id: p.id, institutionId: p.institution_id, institutionName: p.institution_name ? JSON.parse(p.institution_name) : null, name: p.name, countryCode: p.country_code, role: p.role })),
    sites: sites.map((s) => ({ id: s.id, name: s.name, countryCode: s.country_code, lat: s.lat, lon: s.lon })),
    countries: [...new Set([...partners.map((p) => p.country_code), ...sites.map((s) => s.country_code)])].sort(),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    canEdit: mayEditProject(actor, facts),
    canManage: mayManageProject(actor, facts),
  };
}
