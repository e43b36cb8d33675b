import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { toEvent } from './exhibition.mapper';
import { exhibitionRepository as repo } from './exhibition.repository';
import type { ExhibitionEvent } from './exhibition.types';

/**
 * Upcoming events of the exhibitions on view, soonest first: what an alliance calendar lists.
 * Events are as public as their exhibition, so the actor does not narrow them.
 */
export async function upcomingEvents(store: Store, _actor: Actor, from: string, limit = 200): Promise<(ExhibitionEvent & { exhibitionSlug: string })[]> {
  const rows = await repo.upcomingEvents(store.db, from, limit);
  return rows.map((r) => ({ ...toEvent(r), exhibitionSlug: r.slug }));
}
