/** Where an application to join an alliance stands. */
export const APPLICATION_STATUSES = ['submitted', 'under-review', 'information-requested', 'referred', 'admitted', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What can be done to an application, and by whom. */
export const APPLICATION_ACTIONS = ['review', 'request-information', 'respond', 'refer', 'admit', 'reject', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** The bodies that decide on admission. */
export const DECIDING_BODIES = ['council', 'general-assembly'] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];

const FLOW: Record<ApplicationAction, { by: 'secretariat' | 'applicant'; from: ApplicationStatus[]; to: ApplicationStatus }> = {
  review: { by: 'secretariat', from: ['submitted'], to: 'under-review' },
  'request-information': { by: 'secretariat', from: ['submitted', 'under-review'], to: 'information-requested' },
  respond: { by: 'applicant', from: ['information-requested'], to: 'under-review' },
  refer: { by: 'secretariat', from: ['under-review'], to: 'referred' },
  admit: { by: 'secretariat', from: ['referred'], to: 'admitted' },
  reject: { by: 'secretariat', from: ['under-review', 'referred'], to: 'rejected' },
  withdraw: { by: 'applicant', from: ['submitted', 'under-review', 'information-requested', 'referred'], to: 'withdrawn' },
};

/** The status an action leads to from `status`, or null when it cannot be taken (then or by that party). */
export function nextStatus(status: ApplicationStatus, action: ApplicationAction, by: 'secretariat' | 'applicant'): ApplicationStatus | null {
  const step = FLOW[action];
  return step && step.by === by && step.from.includes(status) ? step.to : null;
}

/** Which party takes an action. */
export function actionParty(action: ApplicationAction): 'secretariat' | 'applicant' | null {
  return FLOW[action]?.by ?? null;
}

/** The actions a party may take on an application in `status` (what the pages offer). */
export function actionsFor(status: ApplicationStatus, by: 'secretariat' | 'applicant'): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => nextStatus(status, a, by) !== null);
}

/** True while the application waits for someone (not decided, not withdrawn). */
export function isOpen(status: ApplicationStatus): boolean {
  return status !== 'admitted' && status !== 'rejected' && status !== 'withdrawn';
}
