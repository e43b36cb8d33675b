import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { actorLabel, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { createProject } from '../projects/project.service';
import { getRecord } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import type { Db } from '../../db/database';
import { areaBox, incidentDates, INCIDENT_KINDS, INCIDENT_STATUSES, validateArea, type IncidentArea, type IncidentKind, type IncidentStatus } from './incident';
import { incidentRepository as repo } from './incident.repository';
import { alertLinkedRecord, alertNewIncident } from './incident.alerts';
import type { RiskIncidentRow } from './risk.table';
import { generalise } from './sensitive-location';
import { sensitiveLocationRepository } from './sensitive-location.repository';
import { seesExact } from './sensitive-location.service';

export interface IncidentSite {
  recordId: string;
  institutionId: string;
  title: LangMap;
  kind: string;
}

export interface Incident {
  id: string;
  title: string;
  kind: IncidentKind;
  status: IncidentStatus;
  date: string;
  dateFrom: string;
  dateTo: string;
  /** Generalised to 0.1° when it concerns a sensitive site the actor may not locate exactly. */
  area: IncidentArea | null;
  description: string | null;
  institutionId: string;
  /** The restoration project it became, if any. */
  projectId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The affected sites and records the actor may see. */
  sites: IncidentSite[];
  canEdit: boolean;
}

export interface IncidentInput {
  title: string;
  kind: string;
  status?: string;
  date: string;
  area?: unknown;
  description?: string | null;
  institutionId: string;
}

const LIMIT = 200;

/** Incidents, newest first; each with the affected sites the actor may see. */
export async function listIncidents(store: Store, actor: Actor, f: { status?: string; kind?: string } = {}): Promise<Incident[]> {
  const rows = await repo.list(store.db, f, LIMIT);
  const sites = await repo.visibleSites(store.db, actor, rows.map((r) => r.id));
  return Promise.all(rows.map((r) => toIncident(store.db, actor, r, sites.filter((s) => s.incident_id === r.id))));
}

/** One incident (incidents are public; their sites only as far as the actor may see them). */
export async function getIncident(store: Store, actor: Actor, id: string): Promise<Incident> {
  const row = await repo.find(store.db, id);
  if (!row) throw incidentNotFound(id);
  return toIncident(store.db, actor, row, await repo.visibleSites(store.db, actor, [id]));
}

/** Opens an incident, coordinated by an institution whose records the actor edits (or by the secretariat). */
export async function createIncident(store: Store, actor: Actor, input: IncidentInput): Promise<Incident> {
  requireSignedIn(actor);
  const clean = validIncident(input);
  if (!can(actor, 'edit', { institutionId: clean.institution_id })) throw new AppError('FORBIDDEN', `You may not open incidents for ${clean.institution_id}`);
  const id = newId('inc');
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    await repo.insert(trx.db, { id, ...clean, status: clean.status ?? 'reported', project_id: null, created_by: actorLabel(actor), created_at: now, updated_at: now });
    await audit(trx.db, actor, [{ action: 'risk.incident.create', targetType: 'incident', targetId: id, institutionId: clean.institution_id }]);
    await alertNewIncident(trx.db, actor, { id, title: clean.title, institutionId: clean.institution_id, area: clean.area ? (JSON.parse(clean.area) as IncidentArea) : null });
  });
  return getIncident(store, actor, id);
}

/** Updates an incident (its status above all) — the coordinating institution's editors and the secretariat. */
export async function updateIncident(store: Store, actor: Actor, id: string, input: IncidentInput): Promise<Incident> {
  await inTransaction(store, async (trx) => {
    const row = await editableIncident(trx.db, actor, id);
    // Without an area in the input, the stored one stays (a status change does not touch it).
    const clean = validIncident(input.area === undefined ? { ...input, area: row.area ? JSON.parse(row.area) : null } : input);
    if (clean.institution_id !== row.institution_id && !can(actor, 'edit', { institutionId: clean.institution_id })) throw new AppError('FORBIDDEN', `You may not hand incidents to ${clean.institution_id}`);
    await repo.update(trx.db, id, { ...clean, status: clean.status ?? row.status, updated_at: nowIso() });
    await audit(trx.db, actor, [{ action: 'risk.incident.update', targetType: 'incident', targetId: id, institutionId: row.institution_id, detail: row.status !== clean.status ? { status: { from: row.status, to: clean.status } } : undefined }]);
  });
  return getIncident(store, actor, id);
}

/** Links an affected site or record the actor may see: the incident's coordinators, or the record's own editors. */
export async function linkSite(store: Store, actor: Actor, id: string, recordId: string): Promise<void> {
  await inTransaction(store, async (trx) => {
    const row = await repo.find(trx.db, id);
    if (!row) throw incidentNotFound(id);
    const record = await getRecord(trx, actor, recordId);
    if (!can(actor, 'edit', { institutionId: row.institution_id }) && !can(actor, 'edit', { institutionId: record.institutionId })) throw new AppError('FORBIDDEN', 'You may not link sites to this incident');
    const already = (await repo.linkedIds(trx.db, id)).includes(recordId);
    await repo.link(trx.db, id, recordId, nowIso());
    if (!already && record.institutionId !== row.institution_id) await alertLinkedRecord(trx.db, actor, { id, title: row.title }, record.institutionId);
    await trx.db.updateTable('risk_incident').set({ updated_at: nowIso() }).where('id', '=', id).execute();
  });
}

/** Unlinks a site (the coordinators). */
export async function unlinkSite(store: Store, actor: Actor, id: string, recordId: string): Promise<void> {
  await inTransaction(store, async (trx) => {
    await editableIncident(trx.db, actor, id);
    if (!(await repo.unlink(trx.db, id, recordId))) throw new AppError('NOT_FOUND', `${recordId} is not linked to incident ${id}`);
  });
}

/** Turns an incident into a restoration project of its coordinating institution (projects module), once. */
export async function incidentToProject(store: Store, actor: Actor, id: string): Promise<string> {
  return inTransaction(store, async (trx) => {
    const row = await editableIncident(trx.db, actor, id);
    if (row.project_id) throw new AppError('CONFLICT', `Incident ${id} is a project already: /projects/${row.project_id}`);
    const project = await createProject(trx.db, actor, {
      kind: 'restoration',
      status: 'planned',
      visibility: 'members',
      title: { en: [`Restoration after: ${row.title}`] },
      ...(row.description ? { summary: { en: [row.description] } } : {}),
      ownerInstitutionId: row.institution_id,
      startDate: nowIso().slice(0, 10),
    });
    await repo.update(trx.db, id, { project_id: project.id, updated_at: nowIso() });
    await audit(trx.db, actor, [{ action: 'risk.incident.project', targetType: 'incident', targetId: id, institutionId: row.institution_id, detail: { projectId: project.id } }]);
    return project.id;
  });
}

/** The 404 of an incident. */
export function incidentNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No incident "${id}"`);
}

async function editableIncident(db: Db, actor: Actor, id: string): Promise<RiskIncidentRow> {
  const row = await repo.find(db, id);
  if (!row) throw incidentNotFound(id);
  requireSignedIn(actor);
  if (!can(actor, 'edit', { institutionId: row.institution_id })) throw new AppError('FORBIDDEN', 'Only the coordinating institution and the secretariat change this incident');
  return row;
}

function requireSignedIn(actor: Actor): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to report incidents');
}

function validIncident(input: IncidentInput) {
  const problems: FieldProblem[] = [];
  const title = input.title?.trim() ?? '';
  if (!title) problems.push({ field: '/title', message: 'is required' });
  else if (title.length > 300) problems.push({ field: '/title', message: 'is longer than 300 characters' });
  if (!(INCIDENT_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: '/kind', message: `must be one of ${INCIDENT_KINDS.join(', ')}` });
  if (input.status !== undefined && !(INCIDENT_STATUSES as readonly string[]).includes(input.status)) problems.push({ field: '/status', message: `must be one of ${INCIDENT_STATUSES.join(', ')}` });
  const dates = incidentDates(input.date ?? '');
  if (!dates) problems.push({ field: '/date', message: 'must be an EDTF date, e.g. 2026-11-03 or 2026-11-03/2026-11-05' });
  const { area, problems: areaProblems } = validateArea(input.area);
  problems.push(...areaProblems);
  const description = input.description?.trim() || null;
  if (description && description.length > 10_000) problems.push({ field: '/description', message: 'is longer than 10000 characters' });
  if (!input.institutionId) problems.push({ field: '/institutionId', message: 'is required' });
  if (problems.length) throw validationError(problems, 'incident');
  const box = area ? areaBox(area) : null;
  return {
    title,
    kind: input.kind,
    status: input.status as IncidentStatus | undefined,
    date_text: input.date.trim(),
    date_from: dates!.from,
    date_to: dates!.to,
    area: area ? JSON.stringify(area) : null,
    min_lat: box?.minLat ?? null,
    min_lon: box?.minLon ?? null,
    max_lat: box?.maxLat ?? null,
    max_lon: box?.maxLon ?? null,
    description,
    institution_id: input.institutionId,
  };
}

async function toIncident(db: Db, actor: Actor, r: RiskIncidentRow, sites: Awaited<ReturnType<typeof repo.visibleSites>>): Promise<Incident> {
  let area = r.area ? (JSON.parse(r.area) as IncidentArea) : null;
  if (area) {
    // An incident placed at a sensitive site must not locate it for those who may not.
    const flagged = await sensitiveLocationRepository.findMany(db, await repo.linkedIds(db, r.id));
    if (flagged.some((f) => !seesExact(actor, f.institution_id))) area = generaliseArea(area);
  }
  return {
    id: r.id,
    title: r.title,
    kind: r.kind as IncidentKind,
    status: r.status as IncidentStatus,
    date: r.date_text,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    area,
    description: r.description,
    institutionId: r.institution_id,
    projectId: r.project_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sites: sites.map((s) => ({ recordId: s.record_id, institutionId: s.institution_id, title: (JSON.parse(s.metadata) as { title: LangMap }).title, kind: s.kind })),
    canEdit: can(actor, 'edit', { institutionId: r.institution_id }),
  };
}

function generaliseArea(area: IncidentArea): IncidentArea {
  const g = (p: [number, number]): [number, number] => [generalise(p[0]), generalise(p[1])];
  return area.type === 'Point' ? { type: 'Point', coordinates: g(area.coordinates) } : { type: 'Polygon', coordinates: area.coordinates.map((ring) => ring.map(g)) };
}
