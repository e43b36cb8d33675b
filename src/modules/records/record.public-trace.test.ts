import { describe, expect, it } from 'vitest';
import { publicTrace, type PublicFacts } from './record.public-trace';

const NOW = '2026-06-01T00:00:00.000Z';
const row = (o: Partial<PublicFacts> = {}): PublicFacts => ({ visibility: 'public', embargo_until: null, deleted_at: null, updated_at: NOW, ...o });

describe('publicTrace', () => {
  it('dates a public record at its write and marks it seen', () => {
    expect(publicTrace(row(), undefined, NOW)).toEqual({ public_at: NOW, ever_public: 1 });
  });

  it('dates a public record under embargo at the end of the embargo, unseen until then', () => {
    expect(publicTrace(row({ embargo_until: '2027-01-01T00:00:00.000Z' }), undefined, NOW)).toEqual({ public_at: '2027-01-01T00:00:00.000Z', ever_public: 0 });
  });

  it('never marks a members-only or private record seen', () => {
    expect(publicTrace(row({ visibility: 'members' }), undefined, NOW).ever_public).toBe(0);
    expect(publicTrace(row({ visibility: 'private' }), row({ visibility: 'private', ever_public: 0 }), NOW).ever_public).toBe(0);
  });

  it('remembers that the public saw a record that is now hidden or deleted, dated at the hiding', () => {
    const seen = row({ updated_at: '2026-01-01T00:00:00.000Z', ever_public: 1 });
    expect(publicTrace(row({ visibility: 'private' }), seen, NOW)).toEqual({ public_at: NOW, ever_public: 1 });
    expect(publicTrace(row({ deleted_at: NOW }), seen, NOW)).toEqual({ public_at: NOW, ever_public: 1 });
  });

  it('counts an embargo that ended without any write as seen', () => {
    const prev = row({ updated_at: '2026-01-01T00:00:00.000Z', embargo_until: '2026-03-01T00:00:00.000Z', ever_public: 0 });
    expect(publicTrace(row({ visibility: 'private' }), prev, NOW).ever_public).toBe(1);
  });

  it('announces a seen record put back under embargo as gone now rather than at the end of the embargo', () => {
    const seen = row({ updated_at: '2026-01-01T00:00:00.000Z', ever_public: 1 });
    expect(publicTrace(row({ embargo_until: '2027-01-01T00:00:00.000Z' }), seen, NOW)).toEqual({ public_at: NOW, ever_public: 1 });
  });

  it('leaves a record whose embargo is still running unseen when it is hidden', () => {
    const prev = row({ updated_at: '2026-01-01T00:00:00.000Z', embargo_until: '2027-01-01T00:00:00.000Z', ever_public: 0 });
    expect(publicTrace(row({ visibility: 'private' }), prev, NOW).ever_public).toBe(0);
  });
});
