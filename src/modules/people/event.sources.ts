import type { Actor } from '../accounts/actor';
import { upcomingEvents } from '../exhibitions/exhibition.events';
import type { Store } from '../records/record.store';
import type { CalendarEvent, EventKind } from './event.service';

/** An exhibition's event kinds as the calendar names them. */
const FROM_EXHIBITION: Record<string, EventKind> = { opening: 'exhibition-opening', 'live-stream': 'livestream', 'guided-tour': 'seminar', talk: 'seminar' };

/**
 * Events other modules keep in their own tables, as calendar events: those of exhibitions on view
 * (public like their exhibition), starting or still running in [from, to). Read at query time, so
 * they never go stale when an exhibition is unpublished or its event changes.
 */
export async function sourcedEvents(store: Store, actor: Actor, from: string, to: string | null): Promise<CalendarEvent[]> {
  const events = await upcomingEvents(store, actor, from, 1000);
  return events
    .filter((e) => to === null || e.startsAt < to)
    .map((e) => ({
      id: `exhibition-${e.id}`,
      institutionId: null,
      kind: FROM_EXHIBITION[e.kind] ?? 'other',
      title: e.title,
      description: {},
      startsAt: e.startsAt,
      endsAt: e.endsAt ?? e.startsAt,
      allDay: false,
      location: null,
      url: e.url,
      visibility: 'public' as const,
      source: { kind: 'exhibition', id: e.exhibitionId },
      updatedAt: e.startsAt,
      manageable: false,
      page: `/exhibitions/${encodeURIComponent(e.exhibitionSlug)}`,
    }));
}
