/** The steps of a member's history. */
export const MEMBERSHIP_EVENTS = ['joined', 'tier-changed', 'suspended', 'reinstated', 'left'] as const;
export type MembershipEventKind = (typeof MEMBERSHIP_EVENTS)[number];

/** One recorded step, as replayed (dates are YYYY-MM-DD; `seq` orders steps of the same day). */
export interface HistoryStep {
  memberKey: string;
  event: MembershipEventKind;
  tierId: string | null;
  effectiveOn: string;
  seq: string;
}

/** A member's standing on some date. */
export interface Standing {
  memberKey: string;
  tierId: string;
  status: 'active' | 'suspended';
  /** When the current membership began (the latest `joined`). */
  since: string;
}

/** Why a step cannot follow the history before it. */
export type StepProblem = 'already-member' | 'not-member' | 'not-suspended' | 'already-suspended' | 'tier-required' | 'same-tier';

/**
 * Replays membership steps in date order up to `onDate` (inclusive; all when null) and returns
 * the members then, with the first step that does not fit the history before it (if any).
 */
export function replayMembership(steps: HistoryStep[], onDate: string | null = null): { members: Map<string, Standing>; problem: { step: HistoryStep; reason: StepProblem } | null } {
  const members = new Map<string, Standing>();
  let problem: { step: HistoryStep; reason: StepProblem } | null = null;
  const ordered = [...steps].sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.seq.localeCompare(b.seq) : a.effectiveOn.localeCompare(b.effectiveOn)));
  for (const step of ordered) {
    if (onDate && step.effectiveOn > onDate) break;
    const reason = apply(members, step);
    if (reason && !problem) problem = { step, reason };
  }
  return { members, problem };
}

function apply(members: Map<string, Standing>, s: HistoryStep): StepProblem | null {
  const current = members.get(s.memberKey);
  switch (s.event) {
    case 'joined':
      if (current) return 'already-member';
      if (!s.tierId) return 'tier-required';
      members.set(s.memberKey, { memberKey: s.memberKey, tierId: s.tierId, status: 'active', since: s.effectiveOn });
      return null;
    case 'tier-changed':
      if (!current) return 'not-member';
      if (!s.tierId) return 'tier-required';
      if (s.tierId === current.tierId) return 'same-tier';
      current.tierId = s.tierId;
      return null;
    case 'suspended':
      if (!current) return 'not-member';
      if (current.status === 'suspended') return 'already-suspended';
      current.status = 'suspended';
      return null;
    case 'reinstated':
      if (!current) return 'not-member';
      if (current.status !== 'suspended') return 'not-suspended';
      current.status = 'active';
      return null;
    case 'left':
      if (!current) return 'not-member';
      members.delete(s.memberKey);
      return null;
  }
}

/** The key of a member across its history: `institution:<id>` or `state:<ISO 3166 code>`. */
export function memberKey(member: { kind: 'institution'; institutionId: string } | { kind: 'state'; country: string }): string {
  return member.kind === 'institution' ? `institution:${member.institutionId}` : `state:${member.country}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
