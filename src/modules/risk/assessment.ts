import type { FieldProblem } from '../../shared/errors';

export const DAMAGE_TYPES = ['structural', 'collapse', 'cracking', 'water', 'fire', 'looting', 'vandalism', 'displacement', 'biological', 'other'] as const;
export const EXTENTS = ['none', 'limited', 'partial', 'extensive', 'total'] as const;
export const SEVERITIES = ['minor', 'moderate', 'severe', 'critical'] as const;
export const STABILITIES = ['stable', 'at-risk', 'unstable', 'collapsed'] as const;

/** What an assessor fills in; everything optional in a draft. */
export interface AssessmentInput {
  recordId: string;
  damageTypes?: string[];
  extent?: string | null;
  severity?: string | null;
  stability?: string | null;
  urgentActions?: string | null;
  notes?: string | null;
  assessor?: string | null;
  assessedOn?: string | null;
}

/** Checks an assessment: a draft only for well-formed values, a submission also for completeness. */
export function checkAssessment(input: AssessmentInput, submit: boolean, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const oneOf = (field: string, values: readonly string[], v: string | null | undefined) => {
    if (v && !values.includes(v)) problems.push({ field, message: `must be one of ${values.join(', ')}` });
    else if (!v && submit) problems.push({ field, message: 'is required to submit' });
  };
  const types = input.damageTypes ?? [];
  const unknown = types.filter((t) => !(DAMAGE_TYPES as readonly string[]).includes(t));
  if (unknown.length) problems.push({ field: '/damageTypes', message: `unknown: ${unknown.join(', ')}` });
  else if (submit && !types.length) problems.push({ field: '/damageTypes', message: 'choose at least one (or "other")' });
  oneOf('/extent', EXTENTS, input.extent);
  oneOf('/severity', SEVERITIES, input.severity);
  oneOf('/stability', STABILITIES, input.stability);
  const on = input.assessedOn?.trim();
  if (on && (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`)))) problems.push({ field: '/assessedOn', message: 'must be a date (YYYY-MM-DD)' });
  else if (on && on > today) problems.push({ field: '/assessedOn', message: 'is in the future' });
  else if (!on && submit) problems.push({ field: '/assessedOn', message: 'is required to submit' });
  if (submit && !input.assessor?.trim()) problems.push({ field: '/assessor', message: 'is required to submit' });
  for (const [field, v, max] of [['/urgentActions', input.urgentActions, 5000], ['/notes', input.notes, 10000], ['/assessor', input.assessor, 300]] as const) {
    if (v && v.length > max) problems.push({ field, message: `is longer than ${max} characters` });
  }
  return problems;
}
