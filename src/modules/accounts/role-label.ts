import type { PageContext } from '../pages/context';
import type { InstitutionRole } from './actor';

/** A role's name in the visitor's language. */
export function roleLabel(ctx: PageContext, role: InstitutionRole | string): string {
  switch (role) {
    case 'institution-admin':
      return ctx.t('role.institutionAdmin');
    case 'curator':
      return ctx.t('role.curator');
    default:
      return ctx.t('role.member');
  }
}
