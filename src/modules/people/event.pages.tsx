import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { formatDateTime, safeHref } from '../pages/format';
import { firstText } from '../../shared/lang-map';
import type { MessageKey } from '../../shared/i18n/i18n';
import { EVENT_KINDS, type CalendarEvent } from './event.service';
import { fieldError, FormError, LangSection, MembersBadge, PeopleNav, PlainInput, TextArea, TextLanguageField, VisibilityField } from './people.components';

export interface EventsPageData {
  month: string;
  events: CalendarEvent[];
  canAdd: boolean;
  notice?: string | null;
}

/** The calendar of one month, day by day, with links to the neighbouring months and the iCalendar feed. */
export function EventsPage({ ctx, data }: { ctx: PageContext; data: EventsPageData }) {
  const { t, lang } = ctx;
  const monthName = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${data.month}-01T00:00:00Z`));
  const days = new Map<string, CalendarEvent[]>();
  for (const e of data.events) {
    const day = e.startsAt < `${data.month}-01` ? `${data.month}-01` : e.startsAt.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  return (
    <Layout ctx={ctx} title={t('people.events.title')} section="people" head={<link rel="alternate" type="text/calendar" href="/events.ics" title={t('people.events.feedName')} />}>
      <div class="wrap">
        <PeopleNav ctx={ctx} current="events" />
        <PageHeading title={t('people.events.title')} lead={t('people.events.lead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <p class="people-actions">
          <a href="/events.ics">{t('people.events.subscribe')}</a>
          {data.canAdd ? (
            <>
              {' · '}
              <a href="/events/new">{t('people.events.new')}</a>
            </>
          ) : null}
        </p>
        <nav class="month-nav" aria-label={t('people.events.months')}>
          <a href={`/events?month=${shift(data.month, -1)}`} rel="prev">
            {t('people.events.previous')}
          </a>
          <h2 id="month-heading">{monthName}</h2>
          <a href={`/events?month=${shift(data.month, 1)}`} rel="next">
            {t('people.events.next')}
          </a>
        </nav>
        {days.size ? (
          <ol class="calendar-days" role="list" aria-labelledby="month-heading">
            {[...days.entries()].map(([day, events]) => (
              <li class="calendar-day">
                <h3>
                  <time datetime={day}>{new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))}</time>
                </h3>
                <ul role="list">
                  {events.map((e) => (
                    <li class="calendar-event">
                      <a href={e.page}>
                        <LangText ctx={ctx} map={e.title} fallback={e.id} />
                      </a>{' '}
                      <span class="tag">{t(`people.eventKind.${e.kind}` as MessageKey)}</span> <MembersBadge ctx={ctx} visibility={e.visibility} />
                      <span class="meta-item">{when(ctx, e)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">{t('people.events.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** One event: when, where, the live stream, what it is about. */
export function EventPage({ ctx, event, institutionName }: { ctx: PageContext; event: CalendarEvent; institutionName: string | null }) {
  const { t } = ctx;
  const link = safeHref(event.url);
  return (
    <Layout ctx={ctx} title={firstText(event.title, ctx.lang, event.id)} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="events" />
        <PageHeading title={<LangText ctx={ctx} map={event.title} fallback={event.id} />} lead={t(`people.eventKind.${event.kind}` as MessageKey)} />
        <dl class="people-facts">
          <dt>{t('people.events.when')}</dt>
          <dd>{when(ctx, event)}</dd>
          {event.location ? (
            <>
              <dt>{t('people.location')}</dt>
              <dd dir="auto">{event.location}</dd>
            </>
          ) : null}
          {institutionName ? (
            <>
              <dt>{t('people.institution')}</dt>
              <dd>{institutionName}</dd>
            </>
          ) : null}
          {link ? (
            <>
              <dt>{event.kind === 'livestream' ? t('people.events.stream') : t('people.events.link')}</dt>
              <dd>
                <a href={link} rel="noopener noreferrer external">
                  {link}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        <MembersBadge ctx={ctx} visibility={event.visibility} />
        <LangSection ctx={ctx} heading={t('people.events.about')} map={event.description} />
        {event.manageable ? (
          <p>
            <a href={`/events/${encodeURIComponent(event.id)}/edit`}>{t('people.events.edit')}</a>
          </p>
        ) : null}
        {event.manageable ? (
          <form method="post" action={`/events/${encodeURIComponent(event.id)}/delete`} class="inline-form">
            <CsrfField token={ctx.csrf} />
            <button type="submit" class="button-secondary">
              {t('people.events.delete')}
            </button>
          </form>
        ) : null}
        <p>
          <a href={`/events?month=${event.startsAt.slice(0, 7)}`}>{t('people.events.backToMonth')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface NewEventPageData {
  institutions: { id: string; name: string }[];
  allianceWide: boolean;
  values?: Record<string, string>;
  error?: FormOutcome | null;
  /** Set when editing an existing event (its institution then stays). */
  editId?: string;
}

/** The form that adds an event to the calendar or changes one (times in UTC). */
export function NewEventPage({ ctx, data }: { ctx: PageContext; data: NewEventPageData }) {
  const { t } = ctx;
  const v = data.values ?? {};
  const p = data.error?.problems;
  const institutions = [...(data.allianceWide ? [{ value: '', label: t('people.events.allianceWide') }] : []), ...data.institutions.map((i) => ({ value: i.id, label: i.name }))];
  const heading = data.editId ? t('people.events.edit') : t('people.events.new');
  return (
    <Layout ctx={ctx} title={heading} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="events" />
        <PageHeading title={heading} />
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action={data.editId ? `/events/${encodeURIComponent(data.editId)}/edit` : '/events/new'}>
          <CsrfField token={ctx.csrf} />
          {data.editId ? null : <SelectField id="event-institution" name="institutionId" label={t('people.institution')} value={v.institutionId} options={institutions} />}
          <SelectField id="event-kind" name="kind" label={t('people.events.kind')} value={v.kind ?? 'seminar'} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`people.eventKind.${k}` as MessageKey) }))} />
          <TextLanguageField ctx={ctx} id="event-lang" value={v.lang} />
          <Field id="event-title" name="title" label={t('people.titleField')} value={v.title} required error={fieldError(ctx, p, 'title')} dir="auto" />
          <TextArea id="event-description" name="description" label={t('people.events.about')} value={v.description} />
          <PlainInput id="event-starts" name="startsAt" type="datetime-local" label={t('people.events.starts')} hint={t('people.events.utcHint')} value={v.startsAt} required error={fieldError(ctx, p, 'startsAt')} />
          <PlainInput id="event-ends" name="endsAt" type="datetime-local" label={t('people.events.ends')} hint={t('people.events.utcHint')} value={v.endsAt} error={fieldError(ctx, p, 'endsAt')} />
          <p class="checkbox-row">
            <input type="checkbox" id="event-all-day" name="allDay" value="on" checked={v.allDay === 'on'} aria-describedby="event-all-day-hint" />
            <label for="event-all-day">{t('people.events.allDay')}</label>
          </p>
          <p class="hint" id="event-all-day-hint">
            {t('people.events.allDayHint')}
          </p>
          <Field id="event-location" name="location" label={t('people.location')} value={v.location} dir="auto" />
          <Field id="event-url" name="url" type="url" label={t('people.events.link')} hint={t('people.events.linkHint')} value={v.url} error={fieldError(ctx, p, 'url')} />
          <VisibilityField ctx={ctx} id="event-visibility" value={v.visibility} />
          <button type="submit">{data.editId ? t('people.events.save') : t('people.events.add')}</button>
        </form>
      </div>
    </Layout>
  );
}

function when(ctx: PageContext, e: CalendarEvent): string {
  if (e.allDay) {
    const f = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' });
    const last = new Date(Date.parse(e.endsAt) - 86_400_000);
    return last.getTime() > Date.parse(e.startsAt) ? f.formatRange(new Date(e.startsAt), last) : f.format(new Date(e.startsAt));
  }
  return `${formatDateTime(ctx.lang, e.startsAt)} – ${formatDateTime(ctx.lang, e.endsAt)}`;
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
