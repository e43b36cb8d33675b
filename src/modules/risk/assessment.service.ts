import { AppError, validationError } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Db } from '../../db/database';
import { actorLabel, isAllianceMember, type Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import type { MediaStore } from '../media/media.storage';
import { getRecord } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import { checkAssessment, type AssessmentInput } from './assessment';
import { incidentNotFound } from './incident.service';
import { incidentRepository } from './incident.repository';
import { photosOf, savePhotos, type Photo, type PhotoUpload } from './risk.photos';
import type { RiskAssessmentRow } from './risk.table';

export interface AssessmentDeps {
  store: Store;
  files: MediaStore;
  maxPixels: number;
}

export interface Assessment {
  id: string;
  incidentId: string;
  recordId: string;
  status: 'draft' | 'submitted';
  damageTypes: string[];
  extent: string | null;
  severity: string | null;
  stability: string | null;
  urgentActions: string | null;
  notes: string | null;
  assessor: string | null;
  assessedOn: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /** True when it is the actor's own draft (they may go on editing it). */
  mine: boolean;
  photos: Photo[];
}

/** True for those who assess damage: curators and admins of a member institution, and the secretariat. */
export function mayAssess(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.isAdmin || actor.memberships.some((m) => m.role === 'curator' || m.role === 'institution-admin')) && (!actor.scopes || actor.scopes.includes('write'));
}

/**
 * An incident's assessments the actor may read: submitted ones for members of the alliance (damage
 * reports can guide looters, so never the public), and the actor's own drafts; oldest first per site.
 */
export async function listAssessments(deps: AssessmentDeps, actor: Actor, incidentId: string): Promise<Assessment[]> {
  if (actor.kind !== 'user') return [];
  let q = deps.store.db.selectFrom('risk_assessment').selectAll().where('incident_id', '=', incidentId);
  q = isAllianceMember(actor)
    ? q.where((eb) => eb.or([eb('status', '=', 'submitted'), eb('created_by', '=', actor.userId)]))
    : q.where('created_by', '=', actor.userId);
  const rows = await q.orderBy('record_id').orderBy('assessed_on').orderBy('created_at').execute();
  // Only assessments of records the actor may see.
  const visible = new Set((await incidentRepository.visibleSites(deps.store.db, actor, [incidentId])).map((s) => s.record_id));
  return withPhotos(deps.store.db, actor, rows.filter((r) => visible.has(r.record_id)));
}

/** One assessment, 404 to whoever may not read it. */
export async function getAssessment(deps: AssessmentDeps, actor: Actor, id: string): Promise<Assessment> {
  const row = await deps.store.db.selectFrom('risk_assessment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(await mayRead(deps.store, actor, row))) throw assessmentNotFound(id);
  return (await withPhotos(deps.store.db, actor, [row]))[0];
}

/**
 * Saves an assessment of an affected site (linking the site to the incident): a new one, or the
 * actor's own draft again. `submit` checks it is complete and makes it readable by the alliance;
 * a submitted assessment is final — a later visit is a new assessment.
 */
export async function saveAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  incidentId: string,
  input: AssessmentInput,
  opts: { submit: boolean; draftId?: string | null; photos?: PhotoUpload[] },
): Promise<Assessment> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to assess damage');
  if (!mayAssess(actor)) throw new AppError('FORBIDDEN', 'Damage is assessed by curators and admins of member institutions and by the secretariat');
  const id = await inTransaction(deps.store, async (trx) => {
    if (!(await incidentRepository.find(trx.db, incidentId))) throw incidentNotFound(incidentId);
    const draft = opts.draftId ? await trx.db.selectFrom('risk_assessment').selectAll().where('id', '=', opts.draftId).executeTakeFirst() : undefined;
    if (opts.draftId && (!draft || draft.created_by !== actor.userId || draft.incident_id !== incidentId)) throw assessmentNotFound(opts.draftId);
    if (draft && draft.status !== 'draft') throw new AppError('CONFLICT', 'This assessment is submitted already: record a new one for a later visit');
    const record = await getRecord(trx, actor, input.recordId).catch(() => {
      throw validationError([{ field: '/recordId', message: `no record "${input.recordId}" you may see` }], 'assessment');
    });
    const problems = checkAssessment(input, opts.submit, nowIso().slice(0, 10));
    if (problems.length) throw validationError(problems, 'assessment');
    const now = nowIso();
    const values = {
      record_id: record.id,
      damage_types: JSON.stringify([...new Set(input.damageTypes ?? [])]),
      extent: input.extent || null,
      severity: input.severity || null,
      stability: input.stability || null,
      urgent_actions: input.urgentActions?.trim() || null,
      notes: input.notes?.trim() || null,
      assessor: input.assessor?.trim() || null,
      assessed_on: input.assessedOn?.trim() || null,
      status: opts.submit ? ('submitted' as const) : ('draft' as const),
      submitted_at: opts.submit ? now : null,
      updated_at: now,
    };
    const assessmentId = draft?.id ?? newId('as');
    if (draft) await trx.db.updateTable('risk_assessment').set(values).where('id', '=', draft.id).execute();
    else await trx.db.insertInto('risk_assessment').values({ id: assessmentId, incident_id: incidentId, created_by: actor.userId, created_at: now, ...values }).execute();
    await incidentRepository.link(trx.db, incidentId, record.id, now);
    if (opts.photos?.length) await savePhotos(trx.db, deps.files, { type: 'assessment', id: assessmentId }, opts.photos, deps.maxPixels);
    if (opts.submit) await audit(trx.db, actor, [{ action: 'risk.assessment.submit', targetType: 'assessment', targetId: assessmentId, institutionId: record.institutionId, detail: { incidentId, recordId: record.id, by: actorLabel(actor) } }]);
    return assessmentId;
  });
  return getAssessment(deps, actor, id);
}

/** Who may read an assessment: its author always; alliance members once it is submitted, if they may see the record. */
export async function mayRead(store: Store, actor: Actor, row: Pick<RiskAssessmentRow, 'created_by' | 'status' | 'record_id'>): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  if (row.created_by !== actor.userId && !(row.status === 'submitted' && isAllianceMember(actor))) return false;
  return !!(await getRecord(store, actor, row.record_id).catch(() => null));
}

function assessmentNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No assessment "${id}"`);
}

async function withPhotos(db: Db, actor: Actor, rows: RiskAssessmentRow[]): Promise<Assessment[]> {
  const photos = await photosOf(db, 'assessment', rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    recordId: r.record_id,
    status: r.status,
    damageTypes: JSON.parse(r.damage_types) as string[],
    extent: r.extent,
    severity: r.severity,
    stability: r.stability,
    urgentActions: r.urgent_actions,
    notes: r.notes,
    assessor: r.assessor,
    assessedOn: r.assessed_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    mine: actor.kind === 'user' && r.created_by === actor.userId,
    photos: photos.get(r.id) ?? [],
  }));
}
