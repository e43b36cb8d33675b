import { AppError, validationError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { LangMap } from '../../shared/lang-map';
import { actorLabel, type Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import type { HeritageRecord } from '../records/record.schema';
import { getRecord } from '../records/record.service';
import { inTransaction, type Store } from '../records/record.store';
import { riskRegisterRepository as repo, type RegisterFilters } from './risk-register.repository';
import { CONDITIONS, PRIORITIES, TRENDS, isPrimaryFactor, isSecondaryOf, type Condition, type Priority, type Trend } from './risk.taxonomy';
import type { RiskEntryRow, RiskThreatRow } from './risk.table';
import { seesExact, statusOf, type SensitiveStatus } from './sensitive-location.service';
import { exactOf, sensitiveLocationRepository } from './sensitive-location.repository';

export interface RiskThreat {
  id: string;
  primary: string;
  secondary: string | null;
  description: string | null;
  createdAt: string;
}

export interface RiskEntry {
  id: string;
  recordId: string;
  institutionId: string;
  responsibleInstitutionId: string;
  condition: Condition;
  trend: Trend;
  priority: Priority;
  lastInspection: string | null;
  notes: string | null;
  updatedAt: string;
  threats: RiskThreat[];
}

/** A register line: the entry, its record's title and kind, and where to pin it (generalised for sensitive sites unless the actor is its staff). */
export interface RegisterItem extends RiskEntry {
  title: LangMap;
  kind: string;
  lat: number | null;
  lon: number | null;
  /** True when the pin is a generalised location. */
  approximate: boolean;
}

export interface EntryInput {
  condition: string;
  trend: string;
  priority: string;
  lastInspection?: string | null;
  responsibleInstitutionId?: string | null;
  notes?: string | null;
}

export interface ThreatInput {
  primary: string;
  secondary?: string | null;
  description?: string | null;
}

/** Everything the site page and API show about one site, as the actor may see it. */
export interface RiskSite {
  record: HeritageRecord;
  entry: RiskEntry | null;
  sensitive: SensitiveStatus;
  /** May edit the register entry and threats (and flag the site). */
  canEdit: boolean;
}

const LIMIT = 500;

/** The register: entries whose record the actor may see, filtered, most urgent first. */
export async function listRegister(store: Store, actor: Actor, filters: RegisterFilters): Promise<RegisterItem[]> {
  const rows = await repo.list(store.db, actor, filters, LIMIT);
  const threats = groupThreats(await repo.threats(store.db, rows.map((r) => r.id)));
  const flagged = new Map((await sensitiveLocationRepository.findMany(store.db, rows.map((r) => r.record_id))).map((s) => [s.record_id, s]));
  return rows.map((r) => {
    const held = flagged.get(r.record_id);
    const exact = held && seesExact(actor, r.institution_id) ? exactOf(held)[0] : undefined;
    return {
      ...toEntry(r, threats.get(r.id) ?? []),
      title: (JSON.parse(r.metadata) as { title: LangMap }).title,
      kind: r.kind,
      lat: exact?.lat ?? r.lat,
      lon: exact?.lon ?? r.lon,
      approximate: !!held && !exact,
    };
  });
}

/** One site's register entry, threats and sensitivity; 404 when the actor may not see the record. */
export async function getRiskSite(store: Store, actor: Actor, recordId: string): Promise<RiskSite> {
  const record = await getRecord(store, actor, recordId);
  const row = await repo.findByRecord(store.db, recordId);
  const entry = row ? toEntry(row, await repo.threats(store.db, [row.id])) : null;
  return { record, entry, sensitive: await statusOf(store.db, actor, recordId, record.institutionId), canEdit: mayEdit(actor, record.institutionId, row) };
}

/** Creates or updates a site's register entry. */
export async function saveEntry(store: Store, actor: Actor, recordId: string, input: EntryInput): Promise<RiskEntry> {
  return inTransaction(store, async (trx) => {
    const record = await getRecord(trx, actor, recordId);
    const existing = await repo.findByRecord(trx.db, recordId);
    requireEdit(actor, record.institutionId, existing);
    const clean = await validEntry(trx, input, record.institutionId);
    const now = nowIso();
    const by = actorLabel(actor);
    if (existing) await repo.update(trx.db, existing.id, { ...clean, updated_at: now, updated_by: by });
    else await repo.insert(trx.db, { id: newId('risk'), record_id: recordId, institution_id: record.institutionId, ...clean, created_at: now, created_by: by, updated_at: now, updated_by: by });
    await audit(trx.db, actor, [{ action: existing ? 'risk.entry.update' : 'risk.entry.create', targetType: 'record', targetId: recordId, institutionId: record.institutionId }]);
    const row = (await repo.findByRecord(trx.db, recordId))!;
    return toEntry(row, await repo.threats(trx.db, [row.id]));
  });
}

/** Adds a threat to a site already in the register, classified under a primary and optionally a secondary factor. */
export async function addThreat(store: Store, actor: Actor, recordId: string, input: ThreatInput): Promise<RiskThreat> {
  return inTransaction(store, async (trx) => {
    const { record, entry } = await editableEntry(trx, actor, recordId);
    const problems: FieldProblem[] = [];
    const primary = input.primary?.trim() ?? '';
    const secondary = input.secondary?.trim() || null;
    if (!isPrimaryFactor(primary)) problems.push({ field: '/primary', message: 'is not a primary factor of the UNESCO list' });
    else if (secondary && !isSecondaryOf(primary, secondary)) problems.push({ field: '/secondary', message: `is not a secondary factor of "${primary}"` });
    const description = input.description?.trim() || null;
    if (description && description.length > 2000) problems.push({ field: '/description', message: 'is longer than 2000 characters' });
    if (problems.length) throw validationError(problems, 'threat');
    const row: RiskThreatRow = { id: newId('thr'), entry_id: entry.id, primary_factor: primary, secondary_factor: secondary, description, created_by: actorLabel(actor), created_at: nowIso() };
    await repo.insertThreat(trx.db, row);
    await repo.update(trx.db, entry.id, { updated_at: row.created_at, updated_by: row.created_by });
    await audit(trx.db, actor, [{ action: 'risk.threat.add', targetType: 'record', targetId: recordId, institutionId: record.institutionId, detail: { primary, secondary } }]);
    return toThreat(row);
  });
}

/** Removes a threat from a site's entry. */
export async function removeThreat(store: Store, actor: Actor, recordId: string, threatId: string): Promise<void> {
  await inTransaction(store, async (trx) => {
    const { record, entry } = await editableEntry(trx, actor, recordId);
    if (!(await repo.deleteThreat(trx.db, entry.id, threatId))) throw new AppError('NOT_FOUND', `No threat "${threatId}" on ${recordId}`);
    await audit(trx.db, actor, [{ action: 'risk.threat.remove', targetType: 'record', targetId: recordId, institutionId: record.institutionId, detail: { threatId } }]);
  });
}

/** Staff of the record's institution or of the responsible one (curators, admins) and the secretariat edit an entry. */
function mayEdit(actor: Actor, institutionId: string, entry?: RiskEntryRow): boolean {
  return can(actor, 'edit', { institutionId }) || (!!entry && can(actor, 'edit', { institutionId: entry.responsible_institution_id }));
}

function requireEdit(actor: Actor, institutionId: string, entry?: RiskEntryRow): void {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token to change the risk register');
  if (!mayEdit(actor, institutionId, entry)) throw new AppError('FORBIDDEN', `You may not change the risk register entry of this site`);
}

async function editableEntry(store: Store, actor: Actor, recordId: string) {
  const record = await getRecord(store, actor, recordId);
  const entry = await repo.findByRecord(store.db, recordId);
  requireEdit(actor, record.institutionId, entry);
  if (!entry) throw new AppError('NOT_FOUND', `${recordId} is not in the risk register yet: save its condition, trend and priority first`);
  return { record, entry };
}

async function validEntry(store: Store, input: EntryInput, ownerId: string) {
  const problems: FieldProblem[] = [];
  if (!(CONDITIONS as readonly string[]).includes(input.condition)) problems.push({ field: '/condition', message: `must be one of ${CONDITIONS.join(', ')}` });
  if (!(TRENDS as readonly string[]).includes(input.trend)) problems.push({ field: '/trend', message: `must be one of ${TRENDS.join(', ')}` });
  if (!(PRIORITIES as readonly string[]).includes(input.priority)) problems.push({ field: '/priority', message: `must be one of ${PRIORITIES.join(', ')}` });
  const lastInspection = input.lastInspection?.trim() || null;
  if (lastInspection && !isIsoDate(lastInspection)) problems.push({ field: '/lastInspection', message: 'must be a date (YYYY-MM-DD)' });
  else if (lastInspection && lastInspection > nowIso().slice(0, 10)) problems.push({ field: '/lastInspection', message: 'is in the future' });
  const responsible = input.responsibleInstitutionId?.trim() || ownerId;
  if (responsible !== ownerId && !(await getInstitution(store.db, responsible).catch(() => null))) problems.push({ field: '/responsibleInstitutionId', message: `no institution "${responsible}"` });
  const notes = input.notes?.trim() || null;
  if (notes && notes.length > 5000) problems.push({ field: '/notes', message: 'is longer than 5000 characters' });
  if (problems.length) throw validationError(problems, 'register entry');
  return { condition: input.condition, trend: input.trend, priority: input.priority, last_inspection: lastInspection, responsible_institution_id: responsible, notes };
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function groupThreats(rows: RiskThreatRow[]): Map<string, RiskThreatRow[]> {
  const out = new Map<string, RiskThreatRow[]>();
  for (const r of rows) out.set(r.entry_id, [...(out.get(r.entry_id) ?? []), r]);
  return out;
}

function toThreat(r: RiskThreatRow): RiskThreat {
  return { id: r.id, primary: r.primary_factor, secondary: r.secondary_factor, description: r.description, createdAt: r.created_at };
}

function toEntry(r: RiskEntryRow, threats: RiskThreatRow[]): RiskEntry {
  return {
    id: r.id,
    recordId: r.record_id,
    institutionId: r.institution_id,
    responsibleInstitutionId: r.responsible_institution_id,
    condition: r.condition as Condition,
    trend: r.trend as Trend,
    priority: r.priority as Priority,
    lastInspection: r.last_inspection,
    notes: r.notes,
    updatedAt: r.updated_at,
    threats: threats.map(toThreat),
  };
}
