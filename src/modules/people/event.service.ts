import { AppError } from '../../shared/errors';
import { firstText, type LangMap } from '../../shared/lang-map';
import { ID_REGEX, newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { PUBLIC } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { getInstitution } from '../institutions/institution.service';
import type { Store } from '../records/record.store';
import { eventRepository as repo } from './event.repository';
import { icalendar } from './ical';
import { sourcedEvents } from './event.sources';
import type { EventRow } from './people.table';
import { byOf, Checks, isCalendarDate, isStaffOf, langMapOf, notFound, readableLevels, requireUser, staffInstitutions, VISIBILITIES, type Visibility } from './people.rules';

export const EVENT_KINDS = ['seminar', 'exhibition-opening', 'livestream', 'training', 'meeting', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A calendar event as its reader may see it. */
export interface CalendarEvent {
  id: string;
  institutionId: string | null;
  kind: EventKind;
  title: LangMap;
  description: LangMap;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  location: string | null;
  url: string | null;
  visibility: Visibility;
  source: { kind: string; id: string } | null;
  updatedAt: string;
  manageable: boolean;
  /** The page of the event: its own, or that of what it belongs to (an exhibition's event). */
  page: string;
}

/** The events of one month (`YYYY-MM`, UTC) the actor may see, in order. */
export async function listEvents(store: Store, actor: Actor, filter: { month?: string; kind?: string } = {}): Promise<{ month: string; events: CalendarEvent[] }> {
  const month = filter.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(filter.month) ? filter.month : new Date().toISOString().slice(0, 7);
  const from = `${month}-01T00:00:00.000Z`;
  const to = nextMonth(month) + '-01T00:00:00.000Z';
  const rows = await repo.list(store.db, { levels: readableLevels(actor), staffOf: staffInstitutions(actor), from, to, kind: filter.kind || undefined, limit: 1000 });
  const sourced = (await sourcedEvents(store, actor, from, to)).filter((e) => !filter.kind || e.kind === filter.kind);
  const events = [...rows.map((r) => toEvent(r, actor)), ...sourced].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1));
  return { month, events };
}

/** One event; NOT_FOUND when hidden. */
export async function getEvent(store: Store, actor: Actor, id: string): Promise<CalendarEvent> {
  return toEvent(await visibleEvent(store, actor, id), actor);
}

/**
 * Adds an event: for an institution by its curators and admins, for the whole alliance by the
 * secretariat. `source` names what another module (a project, an exhibition) added it for.
 */
export async function createEvent(store: Store, actor: Actor, input: Record<string, unknown>): Promise<CalendarEvent> {
  const user = requireUser(actor, 'add an event');
  const c = new Checks();
  const institutionId = c.text(input.institutionId, 'institutionId', { max: 128 });
  const fields = checkFields(c, input);
  const source = input.source as { kind?: unknown; id?: unknown } | undefined;
  const sourceKind = source ? c.text(source.kind, 'source/kind', { required: true, max: 40 }) : null;
  const sourceId = source ? c.text(source.id, 'source/id', { required: true, max: 128 }) : null;
  c.throwIfAny('event');
  if (!isStaffOf(user, institutionId)) throw new AppError('FORBIDDEN', institutionId ? `You may not add events for institution "${institutionId}"` : 'Only the secretariat adds events of the whole alliance');
  if (institutionId) await getInstitution(store.db, institutionId);
  const now = nowIso();
  const row: EventRow = { id: newId('ev'), institution_id: institutionId, ...fields, source_kind: sourceKind, source_id: sourceId, created_by: byOf(user), created_at: now, updated_at: now };
  await repo.insert(store.db, row);
  await audit(store.db, actor, [{ action: 'event.create', targetType: 'event', targetId: row.id, institutionId: institutionId ?? undefined }]);
  return toEvent(row, actor);
}

/** Replaces an event's details (its institution's staff or the secretariat). */
export async function updateEvent(store: Store, actor: Actor, id: string, input: Record<string, unknown>): Promise<CalendarEvent> {
  const row = await managedEvent(store, actor, id);
  const c = new Checks();
  const fields = checkFields(c, input);
  c.throwIfAny('event');
  const patch = { ...fields, updated_at: nowIso() };
  await repo.update(store.db, id, patch);
  await audit(store.db, actor, [{ action: 'event.update', targetType: 'event', targetId: id, institutionId: row.institution_id ?? undefined }]);
  return toEvent({ ...row, ...patch }, actor);
}

/** Removes an event from the calendar. */
export async function deleteEvent(store: Store, actor: Actor, id: string): Promise<void> {
  const row = await managedEvent(store, actor, id);
  await repo.delete(store.db, id);
  await audit(store.db, actor, [{ action: 'event.delete', targetType: 'event', targetId: id, institutionId: row.institution_id ?? undefined }]);
}

/** The public iCalendar feed: public events from 90 days ago on, each with a stable UID and its page as URL. */
export async function publicFeed(store: Store, opts: { publicUrl: string; lang: string; name: string }): Promise<string> {
  const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
  const rows = await repo.list(store.db, { levels: ['public'], staffOf: [], from, limit: 5000 });
  const host = new URL(opts.publicUrl).host;
  const base = opts.publicUrl.replace(/\/$/, '');
  return icalendar({
    prodId: '-//Heritage Commons//Events//EN',
    name: opts.name,
    events: [...rows.map((r) => toEvent(r, PUBLIC)), ...(await sourcedEvents(store, PUBLIC, from, null))].map((e) => {
      return {
        uid: `${e.id}@${host}`,
        stamp: e.updatedAt,
        start: e.startsAt,
        end: e.endsAt,
        allDay: e.allDay,
        summary: firstText(e.title, opts.lang, e.id),
        description: [firstText(e.description, opts.lang), e.url ? e.url : ''].filter(Boolean).join('\n\n'),
        location: e.location,
        url: `${base}${e.page}`,
        categories: [e.kind],
      };
    }),
  });
}

function checkFields(c: Checks, input: Record<string, unknown>) {
  const kind = c.oneOf(input.kind, EVENT_KINDS, 'kind', 'seminar');
  const title = c.langMap(input.title, 'title', { required: true, max: 300 });
  const description = c.langMap(input.description, 'description', { max: 10000 });
  const allDay = input.allDay === true || input.allDay === 'true' || input.allDay === 'on';
  const startsAt = instant(c, input.startsAt, 'startsAt', allDay, false);
  let endsAt = instant(c, input.endsAt ?? (allDay ? input.startsAt : undefined), 'endsAt', allDay, true);
  if (!allDay && startsAt && !input.endsAt) endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
  if (startsAt && endsAt && endsAt <= startsAt) c.fail('endsAt', 'is not after startsAt');
  const location = c.text(input.location, 'location', { max: 300 });
  const url = c.url(input.url, 'url');
  const visibility = c.oneOf(input.visibility, VISIBILITIES, 'visibility', 'public');
  return { kind, title: JSON.stringify(title), description: JSON.stringify(description), starts_at: startsAt ?? '', ends_at: endsAt ?? '', all_day: allDay ? 1 : 0, location, url, visibility };
}

/**
 * A start or end as an ISO instant in UTC. All-day events take dates (the end date is the last
 * day, stored as midnight after it, as iCalendar wants); timed ones take a date-time, read as UTC
 * when it has no offset.
 */
function instant(c: Checks, value: unknown, field: string, allDay: boolean, isEnd: boolean): string | null {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) return isEnd && !allDay ? null : (c.fail(field, 'is required'), null);
  if (allDay) {
    const day = s.slice(0, 10);
    if (!isCalendarDate(day)) return c.fail(field, 'is not a date (YYYY-MM-DD)'), null;
    const t = Date.parse(`${day}T00:00:00Z`) + (isEnd ? 86_400_000 : 0);
    return new Date(t).toISOString();
  }
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s.length === 16 ? `${s}:00` : s}Z`;
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) ? Date.parse(withZone) : NaN;
  if (Number.isNaN(t)) return c.fail(field, 'is not a date and time (YYYY-MM-DDTHH:MM, UTC)'), null;
  return new Date(t).toISOString();
}

async function visibleEvent(store: Store, actor: Actor, id: string): Promise<EventRow> {
  const row = ID_REGEX.test(id) ? await repo.find(store.db, id) : undefined;
  if (!row || !(readableLevels(actor).includes(row.visibility) || (row.institution_id && isStaffOf(actor, row.institution_id)) || (actor.kind === 'user' && actor.isAdmin))) throw notFound('event', id);
  return row;
}

async function managedEvent(store: Store, actor: Actor, id: string): Promise<EventRow> {
  const row = await visibleEvent(store, actor, id);
  if (!isStaffOf(actor, row.institution_id)) throw new AppError('FORBIDDEN', 'Only the event’s institution staff or the secretariat may change it');
  return row;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function toEvent(r: EventRow, actor: Actor): CalendarEvent {
  return {
    id: r.id,
    institutionId: r.institution_id,
    kind: r.kind,
    title: langMapOf(r.title),
    description: langMapOf(r.description),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    allDay: !!Number(r.all_day),
    location: r.location,
    url: r.url,
    visibility: r.visibility,
    source: r.source_kind && r.source_id ? { kind: r.source_kind, id: r.source_id } : null,
    updatedAt: r.updated_at,
    manageable: isStaffOf(actor, r.institution_id),
    page: `/events/${encodeURIComponent(r.id)}`,
  };
}
