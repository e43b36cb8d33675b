import { describe, expect, it } from 'vitest';
import { voteResult } from './meeting.rules';

describe('vote results', () => {
  it('carries a simple majority of the votes cast, abstentions aside', () => {
    expect(voteResult({ yes: 10, no: 9, abstain: 30 })).toBe('adopted');
    expect(voteResult({ yes: 9, no: 9, abstain: 0 })).toBe('rejected');
  });
  it('needs two thirds of the votes cast under the two-thirds rule', () => {
    expect(voteResult({ yes: 20, no: 10, abstain: 5 }, 'two-thirds')).toBe('adopted');
    expect(voteResult({ yes: 19, no: 10, abstain: 0 }, 'two-thirds')).toBe('rejected');
    expect(voteResult({ yes: 0, no: 0, abstain: 4 }, 'two-thirds')).toBe('rejected');
  });
  it('fails consensus on a single vote against', () => {
    expect(voteResult({ yes: 30, no: 0, abstain: 2 }, 'consensus')).toBe('adopted');
    expect(voteResult({ yes: 30, no: 1, abstain: 0 }, 'consensus')).toBe('rejected');
  });
});
