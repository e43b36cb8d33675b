import { isAllianceMember, type Actor } from '../accounts/actor';

/** Kinds of meetings an alliance holds. */
export const MEETING_KINDS = ['general-assembly', 'council', 'working-group', 'conference'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** Who can take part in a meeting. */
export const PARTICIPANT_KINDS = ['institution', 'state', 'person'] as const;

/** Who may see a meeting, resolution or agreement: everyone, or signed-in members of the alliance. */
export const GOV_VISIBILITIES = ['public', 'members'] as const;
export type GovVisibility = (typeof GOV_VISIBILITIES)[number];

/** How a vote is carried. */
export const VOTE_RULES = ['simple', 'two-thirds', 'consensus'] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

/**
 * The result of a vote: a simple majority of the votes cast (abstentions are not cast), two
 * thirds of them, or consensus (no vote against and at least one for).
 */
export function voteResult(v: { yes: number; no: number; abstain: number }, rule: VoteRule = 'simple'): 'adopted' | 'rejected' {
  const cast = v.yes + v.no;
  const carried = rule === 'consensus' ? v.no === 0 && v.yes > 0 : rule === 'two-thirds' ? cast > 0 && v.yes * 3 >= cast * 2 : v.yes > v.no;
  return carried ? 'adopted' : 'rejected';
}

/** Which visibilities the actor may read: members of the alliance also see members-only items. */
export function readableVisibilities(actor: Actor): GovVisibility[] {
  return isAllianceMember(actor) ? ['public', 'members'] : ['public'];
}
