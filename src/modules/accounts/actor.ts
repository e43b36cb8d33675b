/** Roles a user holds within one institution, strongest first. */
export const INSTITUTION_ROLES = ['institution-admin', 'curator', 'member'] as const;
export type InstitutionRole = (typeof INSTITUTION_ROLES)[number];

export const TOKEN_SCOPES = ['read', 'write', 'import'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface Membership {
  institutionId: string;
  role: InstitutionRole;
}

/** Who is acting: the public, or a signed-in user (through a session or an API token). */
export type Actor =
  | { kind: 'public' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      isAdmin: boolean;
      memberships: Membership[];
      /** Scopes of the API token used; undefined for a browser session (all the user's rights). */
      scopes?: TokenScope[];
      /** The API token acting, if any (for the audit log). */
      tokenId?: string;
      /** The address the request came from (for the audit log). */
      ip?: string;
    };

export const PUBLIC: Actor = Object.freeze({ kind: 'public' });

/** Institutions whose staff the actor is (any role), i.e. whose private records it may read. */
export function staffOf(actor: Actor): string[] {
  return actor.kind === 'user' ? actor.memberships.map((m) => m.institutionId) : [];
}

/** True for a member of the alliance: any signed-in user attached to a member institution, or an admin. */
export function isAllianceMember(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.isAdmin || actor.memberships.length > 0);
}

/** A short name for the actor, for version history and logs. */
export function actorLabel(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.email : null;
}

/** The platform itself, for work the operator runs (demo loading, CLI imports): an alliance admin. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: 'user', userId: 'system', email: 'system', isAdmin: true, memberships: [] }) as Actor;
