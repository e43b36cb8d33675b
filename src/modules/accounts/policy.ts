import type { Actor, TokenScope } from './actor';

export type Action = 'read' | 'edit' | 'manage';

/**
 * The authorisation policy, in one place. `edit` an institution's records: its curators and
 * institution admins; `manage` an institution (its profile, its staff): its institution admins;
 * alliance admins may do everything. A token's scopes narrow what its user may do.
 */
export function can(actor: Actor, action: Action, target: { institutionId: string } | 'alliance'): boolean {
  if (actor.kind !== 'user') return false;
  if (action !== 'read' && !hasScope(actor, 'write')) return false;
  if (actor.isAdmin) return true;
  if (target === 'alliance') return false;
  const m = actor.memberships.find((x) => x.institutionId === target.institutionId);
  if (!m) return false;
  if (action === 'read') return true;
  if (action === 'edit') return m.role === 'curator' || m.role === 'institution-admin';
  return m.role === 'institution-admin';
}

/** True when the actor's credentials carry this scope (a browser session carries all). */
export function hasScope(actor: Actor, scope: TokenScope): boolean {
  if (actor.kind !== 'user') return false;
  return !actor.scopes || actor.scopes.includes(scope);
}
