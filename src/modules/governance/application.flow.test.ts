import { describe, expect, it } from 'vitest';
import { actionsFor, isOpen, nextStatus } from './application.flow';

describe('the application flow', () => {
  it('goes from submission through review, a request for information and referral to admission', () => {
    expect(nextStatus('submitted', 'review', 'secretariat')).toBe('under-review');
    expect(nextStatus('under-review', 'request-information', 'secretariat')).toBe('information-requested');
    expect(nextStatus('information-requested', 'respond', 'applicant')).toBe('under-review');
    expect(nextStatus('under-review', 'refer', 'secretariat')).toBe('referred');
    expect(nextStatus('referred', 'admit', 'secretariat')).toBe('admitted');
  });

  it('lets each party take only its own actions, and none once decided', () => {
    expect(nextStatus('submitted', 'admit', 'secretariat')).toBeNull();
    expect(nextStatus('referred', 'admit', 'applicant')).toBeNull();
    expect(nextStatus('information-requested', 'respond', 'secretariat')).toBeNull();
    expect(actionsFor('admitted', 'secretariat')).toEqual([]);
    expect(actionsFor('admitted', 'applicant')).toEqual([]);
    expect(actionsFor('referred', 'secretariat')).toEqual(['admit', 'reject']);
    expect(actionsFor('referred', 'applicant')).toEqual(['withdraw']);
    expect(isOpen('referred')).toBe(true);
    expect(isOpen('withdrawn')).toBe(false);
  });
});
