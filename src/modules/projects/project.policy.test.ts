import { describe, expect, it } from 'vitest';
import { PUBLIC, type Actor } from '../accounts/actor';
import { mayEditProject, mayManageProject, maySeeProject } from './project.policy';
import { dateField, langMapField } from './project.validate';
import type { FieldProblem } from '../../shared/errors';

const staff = (institutionId: string, scopes?: ('read' | 'write' | 'import')[]): Actor => ({ kind: 'user', userId: 'u', email: 'u@x', isAdmin: false, memberships: [{ institutionId, role: 'member' }], scopes });
const project = (visibility: string) => ({ visibility, ownerInstitutionId: 'lead', partnerInstitutionIds: ['partner'] });

describe('who may see and change a project', () => {
  it('shows public projects to all, members-only ones to members, private ones to the partners', () => {
    expect(maySeeProject(PUBLIC, project('public'))).toBe(true);
    expect(maySeeProject(PUBLIC, project('members'))).toBe(false);
    expect(maySeeProject(staff('elsewhere'), project('members'))).toBe(true);
    expect(maySeeProject(staff('elsewhere'), project('private'))).toBe(false);
    expect(maySeeProject(staff('partner'), project('private'))).toBe(true);
  });

  it('lets the partners edit, the lead manage, and a read-only token do neither', () => {
    expect(mayEditProject(staff('partner'), project('public'))).toBe(true);
    expect(mayManageProject(staff('partner'), project('public'))).toBe(false);
    expect(mayManageProject(staff('lead'), project('public'))).toBe(true);
    expect(mayEditProject(staff('lead', ['read']), project('public'))).toBe(false);
    expect(mayEditProject(staff('elsewhere'), project('public'))).toBe(false);
  });
});

describe('project input checks', () => {
  it('takes EDTF dates with the years they cover and names a date it cannot read', () => {
    const problems: FieldProblem[] = [];
    expect(dateField('2024-05/2026', 'startDate', problems)).toEqual({ value: '2024-05/2026', from: 2024, to: 2026 });
    expect(dateField('', 'startDate', problems)).toEqual({ value: null, from: null, to: null });
    dateField('next spring', 'endDate', problems);
    expect(problems.map((p) => p.field)).toEqual(['endDate']);
  });

  it('canonicalises language tags and refuses empty required maps', () => {
    const problems: FieldProblem[] = [];
    expect(langMapField({ 'ZH-hans': [' 修复 '] }, 'title', problems, { required: true })).toEqual({ 'zh-Hans': ['修复'] });
    langMapField({ en: ['  '] }, 'title', problems, { required: true });
    langMapField('text', 'summary', problems);
    expect(problems.map((p) => p.field)).toEqual(['title', 'summary']);
  });
});
