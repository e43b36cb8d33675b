import { AppError, validationError } from '../../shared/errors';
import { nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import { audit } from '../audit/audit.service';
import type { Store } from '../records/record.store';
import { toApproval } from './exhibition.mapper';
import { exhibitionRepository as repo } from './exhibition.repository';
import { DECISIONS, type Approval, type Decision } from './exhibition.types';

/** An approval request with what the holder needs to decide: the exhibition's title and slug. */
export interface ApprovalRequest extends Approval {
  exhibition: { id: string; slug: string; title: string; leadInstitutionId: string };
}

/**
 * The requests addressed to the institutions whose records the actor edits (alliance admins: all),
 * pending first. What granting means is stated where it is decided: the exhibition may show the
 * record's catalogue entry (title, date, holder, the curators' caption) to everyone who sees the
 * exhibition, while its page, images and manifest keep the record's own visibility.
 */
export async function listApprovalRequests(store: Store, actor: Actor): Promise<ApprovalRequest[]> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to see approval requests');
  const institutions = actor.isAdmin ? 'all' : actor.memberships.filter((m) => can(actor, 'edit', { institutionId: m.institutionId })).map((m) => m.institutionId);
  const rows = await repo.approvalsFor(store.db, institutions, 500);
  const out: ApprovalRequest[] = [];
  for (const row of rows) {
    const ex = await repo.find(store.db, row.exhibition_id);
    if (!ex) continue;
    const title = JSON.parse(ex.title) as Record<string, string[]>;
    out.push({ ...toApproval(row), exhibition: { id: ex.id, slug: ex.slug, title: title.en?.[0] ?? Object.values(title)[0]?.[0] ?? ex.slug, leadInstitutionId: ex.lead_institution_id } });
  }
  return out;
}

/** Grants or refuses the use of a record in an exhibition: curators of the record's institution only; a decision may be changed later. */
export async function decideApproval(store: Store, actor: Actor, input: { exhibitionId: string; recordId: string; decision: string; note?: string | null }): Promise<Approval> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to answer approval requests');
  if (!(DECISIONS as readonly string[]).includes(input.decision)) throw validationError([{ field: 'decision', message: `must be one of ${DECISIONS.join(', ')}` }], 'decision');
  const row = await repo.findApproval(store.db, input.exhibitionId, input.recordId);
  // A request addressed to another institution is as absent as one that does not exist.
  if (!row || !can(actor, 'edit', { institutionId: row.institution_id })) throw new AppError('NOT_FOUND', `No approval request for ${input.recordId} in ${input.exhibitionId}`);
  const note = input.note?.trim().slice(0, 2000) || null;
  const decided = { status: input.decision as Decision, decided_by: actor.userId === 'system' ? null : actor.userId, decided_at: nowIso(), note };
  await repo.decideApproval(store.db, row.exhibition_id, row.record_id, decided);
  await audit(store.db, actor, [{ action: `exhibition.approval.${input.decision === 'granted' ? 'grant' : 'refuse'}`, targetType: 'exhibition', targetId: row.exhibition_id, institutionId: row.institution_id, detail: { record: row.record_id } }]);
  return toApproval({ ...row, ...decided });
}
