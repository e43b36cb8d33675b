import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { can } from '../accounts/policy';
import type { Exhibition } from './exhibition.types';

/** True when the actor curates the exhibition: a curator or admin of a co-curating institution, or an alliance admin. */
export function curates(actor: Actor, ex: Pick<Exhibition, 'curators'>): boolean {
  return ex.curators.some((institutionId) => can(actor, 'edit', { institutionId }));
}

/** True when the public may see the exhibition: published, with at least one published language version. */
export function isOnView(ex: Pick<Exhibition, 'status' | 'languages'>): boolean {
  return ex.status === 'published' && ex.languages.some((l) => l.published);
}

/** True when the actor may see the exhibition at all (its curators see drafts). */
export function mayView(actor: Actor, ex: Exhibition): boolean {
  return isOnView(ex) || curates(actor, ex);
}

/** Throws NOT_FOUND unless the actor curates the exhibition (hidden drafts look missing to others; visible ones answer 403). */
export function requireCurator(actor: Actor, ex: Exhibition): void {
  if (curates(actor, ex)) return;
  if (isOnView(ex) && actor.kind === 'user') throw new AppError('FORBIDDEN', 'Only the exhibition’s curators may change it');
  if (isOnView(ex)) throw new AppError('UNAUTHENTICATED', 'Sign in as one of the exhibition’s curators to change it');
  throw exhibitionNotFound(ex.id);
}

export function exhibitionNotFound(ref: string): AppError {
  return new AppError('NOT_FOUND', `No exhibition "${ref}"`);
}
