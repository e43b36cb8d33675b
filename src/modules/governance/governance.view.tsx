import type { Child } from 'hono/jsx';
import { countryName } from '../../shared/country';
import type { MessageKey } from '../../shared/i18n/i18n';
import { pickLang, type LangMap } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { LangText } from '../pages/components';
import type { Alliance } from './alliance.service';

/** The sections of the alliance's pages, for its sub-navigation. */
export type AllianceSection = 'about' | 'figures' | 'meetings' | 'agreements' | 'apply' | 'applications' | 'membership';

/** A path within the alliance's pages, keeping the chosen alliance when it is not the first. */
export function alliancePath(path: string, alliance: Alliance, primaryId: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (alliance.id !== primaryId) q.set('alliance', alliance.id);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The alliance's own navigation: about and members, figures, meetings, agreements, applying. */
export function AllianceNav({ ctx, alliance, primaryId, current }: { ctx: PageContext; alliance: Alliance; primaryId: string; current: AllianceSection }) {
  const { t } = ctx;
  const links: [AllianceSection, string, string][] = [
    ['about', '/alliance', t('gov.nav.about')],
    ['figures', '/alliance/figures', t('gov.nav.figures')],
    ['meetings', '/alliance/meetings', t('gov.nav.meetings')],
    ['agreements', '/alliance/agreements', t('gov.nav.agreements')],
    ['apply', '/alliance/apply', t('gov.nav.apply')],
  ];
  if (ctx.user) links.push(['applications', '/alliance/applications', t('gov.nav.applications')]);
  if (ctx.user?.isAdmin) links.push(['membership', '/alliance/membership', t('gov.nav.membership')]);
  return (
    <nav class="alliance-nav" aria-label={t('gov.nav.label')}>
      <ul>
        {links.map(([section, path, label]) => (
          <li>
            <a href={alliancePath(path, alliance, primaryId)} aria-current={section === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The alliance's name in the visitor's language (as plain text, for titles). */
export function allianceName(ctx: PageContext, alliance: Alliance): string {
  return pickLang(alliance.name, ctx.lang)?.values[0] ?? alliance.id;
}

/** A tier's name, marked with its language. */
export function TierName({ ctx, alliance, tierId }: { ctx: PageContext; alliance: Alliance; tierId: string }) {
  return <LangText ctx={ctx} map={alliance.tiers.find((t) => t.id === tierId)?.name} fallback={tierId} />;
}

/** A tier's name as plain text (chart labels, map pins). */
export function tierText(ctx: PageContext, alliance: Alliance, tierId: string): string {
  return pickLang(alliance.tiers.find((t) => t.id === tierId)?.name, ctx.lang)?.values[0] ?? tierId;
}

/** A member's name: the institution's (in the visitor's language when it has one) or the state's. */
export function memberName(ctx: PageContext, m: { kind: string; country: string | null; name?: LangMap | null; institutionId?: string | null }): string {
  if (m.kind === 'state') return countryName(m.country ?? '', ctx.lang);
  return pickLang(m.name ?? null, ctx.lang)?.values[0] ?? m.institutionId ?? '';
}

/** A date (YYYY-MM-DD) as the visitor's language writes it, in a `time` element. */
export function DateText({ ctx, date }: { ctx: PageContext; date: string | null | undefined }) {
  if (!date) return null;
  const d = new Date(`${date}T00:00:00Z`);
  const text = Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  return <time datetime={date}>{text}</time>;
}

/** Plain text kept as written, line breaks included (agendas, minutes, statements). */
export function ProseText({ text }: { text: string }): Child {
  return (
    <div class="gov-prose" dir="auto">
      {text}
    </div>
  );
}

/** A label of one value of a closed list, through the catalogue (`gov.<list>.<value>`). */
export function label(ctx: PageContext, list: string, value: string): string {
  return ctx.t(`gov.${list}.${value}` as MessageKey);
}

/** The documents (PDF files) of a meeting or agreement, as download links with their size. */
export function DocumentList({ ctx, documents }: { ctx: PageContext; documents: { id: string; title: string; bytes: number; visibility: string }[] }) {
  if (!documents.length) return null;
  const { t, lang } = ctx;
  const size = (bytes: number) =>
    bytes >= 1024 * 1024 ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024) : new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">{t('gov.documents')}</h2>
      <ul class="gov-list">
        {documents.map((d) => (
          <li>
            <a href={`/alliance/documents/${encodeURIComponent(d.id)}`} type="application/pdf" dir="auto">
              {d.title}
            </a>{' '}
            (PDF, {size(d.bytes)}){d.visibility === 'members' ? <> · {t('gov.membersOnly')}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
