import { createHash } from 'node:crypto';
import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Db } from '../../db/database';
import { actorLabel, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import type { MediaStore } from '../media/media.storage';
import { getRecord } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import { riskRegisterRepository } from './risk-register.repository';
import { photosOf, savePhotos, type Photo, type PhotoUpload } from './risk.photos';
import type { RiskPublicReportRow } from './risk.table';
import { generalise } from './sensitive-location';
import { sensitiveLocationRepository } from './sensitive-location.repository';
import { seesExact } from './sensitive-location.service';

export const REPORT_KINDS = ['damage', 'threat'] as const;
/** Reports one sender may make in an hour, and photos per report. */
export const REPORTS_PER_HOUR = 5;
export const PHOTOS_PER_REPORT = 3;

export interface ReportDeps {
  store: Store;
  files: MediaStore;
  maxPixels: number;
}

export interface ReportInput {
  recordId: string;
  kind: string;
  description: string;
  lat?: number | null;
  lon?: number | null;
  reporterName?: string | null;
  reporterEmail?: string | null;
  /** The reporter allows the photos to keep their own location (EXIF GPS). */
  shareLocation?: boolean;
}

export interface PublicReport {
  id: string;
  recordId: string;
  institutionId: string;
  kind: string;
  description: string;
  /** Generalised to 0.1° for a sensitive site, unless the reader is its staff. */
  lat: number | null;
  lon: number | null;
  reporterName: string | null;
  /** Only for moderators. */
  reporterEmail?: string | null;
  status: 'pending' | 'public' | 'rejected';
  createdAt: string;
  moderatedAt: string | null;
  photos: Photo[];
}

/**
 * Takes a report from anyone about a site they may see. It waits for the site's responsible
 * institution to moderate it. Each sender (a hash of their address) makes at most five reports an
 * hour; photos are sniffed, bounded and re-encoded, their EXIF (GPS included) dropped unless the
 * reporter allows it — and always for a sensitive site.
 */
export async function submitReport(deps: ReportDeps, actor: Actor, input: ReportInput, photos: PhotoUpload[], sender: string): Promise<{ id: string }> {
  const record = await getRecord(deps.store, actor, input.recordId).catch(() => {
    throw validationError([{ field: '/recordId', message: 'no such site' }], 'report');
  });
  const problems = checkReport(input);
  if (photos.length > PHOTOS_PER_REPORT) problems.push({ field: '/photos', message: `at most ${PHOTOS_PER_REPORT}` });
  if (problems.length) throw validationError(problems, 'report');
  const senderKey = createHash('sha256').update(`heritage-risk-report:${sender}`).digest('hex').slice(0, 24);
  const since = new Date(Date.now() - 3600_000).toISOString();
  const recent = await deps.store.db.selectFrom('risk_public_report').select((eb) => eb.fn.countAll<number>().as('n')).where('sender_key', '=', senderKey).where('created_at', '>', since).executeTakeFirst();
  if (Number(recent?.n ?? 0) >= REPORTS_PER_HOUR) throw new AppError('RATE_LIMITED', `At most ${REPORTS_PER_HOUR} reports an hour from one address; try again later`, { retryAfter: 3600 });
  const entry = await riskRegisterRepository.findByRecord(deps.store.db, record.id);
  const sensitive = !!(await sensitiveLocationRepository.find(deps.store.db, record.id));
  const id = newId('rep');
  await inTransaction(deps.store, async (trx) => {
    await trx.db
      .insertInto('risk_public_report')
      .values({
        id,
        record_id: record.id,
        institution_id: entry?.responsible_institution_id ?? record.institutionId,
        kind: input.kind,
        description: input.description.trim(),
        lat: input.lat ?? null,
        lon: input.lon ?? null,
        reporter_name: input.reporterName?.trim() || null,
        reporter_email: input.reporterEmail?.trim() || null,
        share_location: input.shareLocation && !sensitive ? 1 : 0,
        status: 'pending',
        moderated_by: null,
        moderated_at: null,
        sender_key: senderKey,
        created_at: nowIso(),
      })
      .execute();
    await savePhotos(trx.db, deps.files, { type: 'report', id }, photos.map((p) => ({ ...p, keepLocation: !!input.shareLocation && !sensitive })), deps.maxPixels);
  });
  return { id };
}

/** Public reports of a site (or of every site the actor may see), newest first. */
export async function listPublicReports(store: Store, actor: Actor, recordId?: string): Promise<PublicReport[]> {
  let q = store.db.selectFrom('risk_public_report').selectAll().where('status', '=', 'public');
  if (recordId) q = q.where('record_id', '=', recordId);
  const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
  const visible: RiskPublicReportRow[] = [];
  for (const r of rows) if (await getRecord(store, actor, r.record_id).catch(() => null)) visible.push(r);
  return toReports(store.db, actor, visible, false);
}

/** Reports waiting for (or past) moderation by the institutions the actor edits; all for the secretariat. */
export async function listForModeration(store: Store, actor: Actor, status = 'pending'): Promise<PublicReport[]> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to moderate reports');
  let q = store.db.selectFrom('risk_public_report').selectAll().where('status', '=', status);
  if (!actor.isAdmin) {
    const mine = actor.memberships.filter((m) => can(actor, 'edit', { institutionId: m.institutionId })).map((m) => m.institutionId);
    if (!mine.length) return [];
    q = q.where('institution_id', 'in', mine);
  }
  return toReports(store.db, actor, await q.orderBy('created_at').limit(200).execute(), true);
}

/** Publishes or rejects a report: the responsible institution's editors and the secretariat. */
export async function moderateReport(store: Store, actor: Actor, id: string, decision: 'publish' | 'reject'): Promise<PublicReport> {
  return inTransaction(store, async (trx) => {
    const row = await trx.db.selectFrom('risk_public_report').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !can(actor, 'edit', { institutionId: row.institution_id })) throw new AppError('NOT_FOUND', `No report "${id}" for you to moderate`);
    const status = decision === 'publish' ? 'public' : 'rejected';
    await trx.db.updateTable('risk_public_report').set({ status, moderated_by: actorLabel(actor), moderated_at: nowIso() }).where('id', '=', id).execute();
    await audit(trx.db, actor, [{ action: `risk.report.${decision}`, targetType: 'record', targetId: row.record_id, institutionId: row.institution_id, detail: { reportId: id } }]);
    return (await toReports(trx.db, actor, [{ ...row, status }], true))[0];
  });
}

/** Who may see a report's photo: anyone once it is public (and the site visible), its moderators always. */
export async function mayViewReportPhoto(store: Store, actor: Actor, reportId: string): Promise<boolean> {
  const row = await store.db.selectFrom('risk_public_report').select(['status', 'institution_id', 'record_id']).where('id', '=', reportId).executeTakeFirst();
  if (!row) return false;
  if (can(actor, 'edit', { institutionId: row.institution_id })) return true;
  return row.status === 'public' && !!(await getRecord(store, actor, row.record_id).catch(() => null));
}

function checkReport(input: ReportInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(REPORT_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: '/kind', message: `must be one of ${REPORT_KINDS.join(', ')}` });
  const d = input.description?.trim() ?? '';
  if (d.length < 10) problems.push({ field: '/description', message: 'needs at least 10 characters: what did you see, and where?' });
  else if (d.length > 5000) problems.push({ field: '/description', message: 'is longer than 5000 characters' });
  const hasLat = input.lat !== undefined && input.lat !== null;
  const hasLon = input.lon !== undefined && input.lon !== null;
  if (hasLat !== hasLon) problems.push({ field: '/lat', message: 'latitude and longitude go together' });
  else if (hasLat && (!(Math.abs(input.lat!) <= 90) || !(Math.abs(input.lon!) <= 180))) problems.push({ field: '/lat', message: 'latitude or longitude out of range' });
  if (input.reporterName && input.reporterName.length > 200) problems.push({ field: '/reporterName', message: 'is longer than 200 characters' });
  if (input.reporterEmail && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.reporterEmail.trim()) || input.reporterEmail.length > 300)) problems.push({ field: '/reporterEmail', message: 'is not an email address' });
  return problems;
}

async function toReports(db: Db, actor: Actor, rows: RiskPublicReportRow[], moderator: boolean): Promise<PublicReport[]> {
  const photos = await photosOf(db, 'report', rows.map((r) => r.id));
  const flagged = new Map((await sensitiveLocationRepository.findMany(db, [...new Set(rows.map((r) => r.record_id))])).map((f) => [f.record_id, f]));
  return rows.map((r) => {
    const f = flagged.get(r.record_id);
    const hide = !!f && !seesExact(actor, f.institution_id);
    return {
      id: r.id,
      recordId: r.record_id,
      institutionId: r.institution_id,
      kind: r.kind,
      description: r.description,
      lat: r.lat === null ? null : hide ? generalise(r.lat) : r.lat,
      lon: r.lon === null ? null : hide ? generalise(r.lon) : r.lon,
      reporterName: r.reporter_name,
      ...(moderator ? { reporterEmail: r.reporter_email } : {}),
      status: r.status as PublicReport['status'],
      createdAt: r.created_at,
      moderatedAt: r.moderated_at,
      photos: photos.get(r.id) ?? [],
    };
  });
}
