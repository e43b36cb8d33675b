import { describe, expect, it } from 'vitest';
import { isCalendarDate, replayMembership, type HistoryStep } from './membership.history';

const step = (memberKey: string, event: HistoryStep['event'], effectiveOn: string, tierId: string | null = null, seq = effectiveOn): HistoryStep => ({ memberKey, event, effectiveOn, tierId, seq });

describe('membership history', () => {
  const steps = [
    step('state:KH', 'joined', '2023-04-25', 'observer'),
    step('state:KH', 'tier-changed', '2024-06-01', 'member'),
    step('institution:m1', 'joined', '2023-04-25', 'associate'),
    step('institution:m1', 'suspended', '2024-03-01'),
    step('institution:m1', 'reinstated', '2024-09-01'),
    step('institution:m2', 'joined', '2023-05-01', 'associate'),
    step('institution:m2', 'left', '2024-04-30'),
  ];

  it('answers who was a member, in which tier, on a past date', () => {
    const { members, problem } = replayMembership(steps, '2024-05-01');
    expect(problem).toBeNull();
    expect([...members.keys()].sort()).toEqual(['institution:m1', 'state:KH']);
    expect(members.get('state:KH')).toMatchObject({ tierId: 'observer', status: 'active', since: '2023-04-25' });
    expect(members.get('institution:m1')?.status).toBe('suspended');
    expect(replayMembership(steps, '2024-06-01').members.get('state:KH')?.tierId).toBe('member');
    expect(replayMembership(steps, '2023-04-24').members.size).toBe(0);
    expect(replayMembership(steps, '2024-04-30').members.has('institution:m2')).toBe(false);
  });

  it('replays steps recorded out of order by their effective date', () => {
    const { members, problem } = replayMembership([...steps].reverse());
    expect(problem).toBeNull();
    expect(members.get('institution:m1')?.status).toBe('active');
  });

  it('names the first step that does not fit the history', () => {
    expect(replayMembership([step('state:FR', 'left', '2020-01-01')]).problem?.reason).toBe('not-member');
    expect(replayMembership([...steps, step('state:KH', 'joined', '2025-01-01', 'member')]).problem?.reason).toBe('already-member');
    expect(replayMembership([...steps, step('state:KH', 'reinstated', '2025-01-01')]).problem?.reason).toBe('not-suspended');
    expect(replayMembership([...steps, step('state:KH', 'tier-changed', '2025-01-01', 'member')]).problem?.reason).toBe('same-tier');
    expect(replayMembership([step('state:FR', 'joined', '2020-01-01')]).problem?.reason).toBe('tier-required');
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-5-1')).toBe(false);
  });
});
