import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import type { AuditEventRow } from './audit.table';

/** What happened, to what, with what detail; who and from where come from the actor. */
export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  institutionId?: string;
  detail?: Record<string, unknown>;
  /** Overrides for events without a signed-in actor (a failed sign-in). */
  actorLabel?: string;
  ip?: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  actor: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  institutionId: string | null;
  detail: Record<string, unknown> | null;
}

/** Records events in the audit log (in the caller's transaction, so they land with the change). */
export async function audit(db: Db, actor: Actor, events: AuditInput[]): Promise<void> {
  if (!events.length) return;
  const at = nowIso();
  const user = actor.kind === 'user' ? actor : null;
  const rows = events.map((e) => ({
    at,
    actor_id: user && user.userId !== 'system' ? user.userId : null,
    actor_label: e.actorLabel ?? user?.email ?? null,
    ip: e.ip ?? user?.ip ?? null,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId ?? null,
    institution_id: e.institutionId ?? null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  }));
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('audit_event').values(rows.slice(i, i + 2000)).execute();
}

/** The audit log, newest first, for alliance admins; filters by action (prefix), actor, target, institution, time. */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  f: { action?: string; actorId?: string; targetId?: string; institutionId?: string; since?: string; until?: string; before?: number; limit?: number },
): Promise<{ items: AuditEvent[]; next: number | null }> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Send an API token of an alliance admin to read the audit log');
  if (!can(actor, 'manage', 'alliance')) throw new AppError('FORBIDDEN', 'Only alliance admins may read the audit log');
  const limit = Math.min(Math.max(f.limit ?? 100, 1), 1000);
  let q = db.selectFrom('audit_event').selectAll();
  if (f.action) q = q.where((eb) => eb.or([eb('action', '=', f.action!), eb('action', 'like', `${f.action!.replace(/[%_\\]/g, '')}.%`)]));
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.institutionId) q = q.where('institution_id', '=', f.institutionId);
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.until) q = q.where('at', '<', f.until);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit).map(toEvent);
  return { items: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

function toEvent(r: AuditEventRow): AuditEvent {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor_label,
    ip: r.ip,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    institutionId: r.institution_id,
    detail: r.detail ? JSON.parse(r.detail) : null,
  };
}
