import { describe, expect, it } from 'vitest';
import { checkAssessment } from './assessment';

describe('damage assessments', () => {
  it('lets a draft be incomplete but not wrong', () => {
    expect(checkAssessment({ recordId: 'r', damageTypes: ['cracking'] }, false, '2026-11-21')).toEqual([]);
    expect(checkAssessment({ recordId: 'r', extent: 'most' }, false, '2026-11-21')).toEqual([{ field: '/extent', message: 'must be one of none, limited, partial, extensive, total' }]);
  });

  it('asks a submission for every required field, by name', () => {
    const fields = checkAssessment({ recordId: 'r' }, true, '2026-11-21').map((p) => p.field);
    expect(fields).toEqual(['/damageTypes', '/extent', '/severity', '/stability', '/assessedOn', '/assessor']);
    expect(checkAssessment({ recordId: 'r', damageTypes: ['fire'], extent: 'partial', severity: 'severe', stability: 'unstable', assessedOn: '2026-11-22', assessor: 'A. Expert' }, true, '2026-11-21')).toEqual([
      { field: '/assessedOn', message: 'is in the future' },
    ]);
  });
});
