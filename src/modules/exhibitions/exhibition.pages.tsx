import { pickLang, type LangMap } from '../../shared/lang-map';
import { textAttrs, type PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { islandUrl } from '../pages/island-assets';
import { PageHeading } from '../pages/components';
import { formatDateTime, languageAutonym, languageName } from '../pages/format';
import type { Institution } from '../institutions/institution.schema';
import { ChapterSection, pick } from './exhibition.layouts';
import { ExhibitionImage } from './exhibition.images';
import type { Exhibition, ExhibitionEvent } from './exhibition.types';
import type { ExhibitionCardData, ExhibitionView, ViewItem } from './exhibition.view';
import type { ReunitedWork } from './reunited.types';

export type IndexCard = ExhibitionCardData;

export interface ExhibitionsIndexData {
  onView: IndexCard[];
  /** Drafts and others the visitor co-curates (not on view). */
  curated: Exhibition[];
  works: ReunitedWork[];
  institutions: Map<string, Institution>;
  mayCurate: boolean;
}

/** `/exhibitions`: exhibitions on view, the visitor's drafts, and reunited works. */
export function ExhibitionsIndexPage({ ctx, data }: { ctx: PageContext; data: ExhibitionsIndexData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('exhibitions.title')} section="exhibitions">
      <div class="wrap">
        <PageHeading title={t('exhibitions.title')} lead={t('exhibitions.lead')} />
        {data.mayCurate ? (
          <p class="dashboard-links">
            <a href="/exhibitions/new">{t('exhibitions.new')}</a> · <a href="/reunited/new">{t('reunited.new')}</a> · <a href="/exhibitions/approvals">{t('exhibitions.approvalsLink')}</a>
          </p>
        ) : null}
        {data.onView.length ? (
          <ul class="exh-cards" role="list">
            {data.onView.map((card) => (
              <li>
                <ExhibitionCard ctx={ctx} card={card} institutions={data.institutions} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('exhibitions.none')}</p>
        )}
        {data.curated.length ? (
          <section aria-labelledby="exh-drafts">
            <h2 id="exh-drafts">{t('exhibitions.drafts')}</h2>
            <ul class="exh-drafts">
              {data.curated.map((x) => (
                <li>
                  <a href={`/exhibitions/${encodeURIComponent(x.id)}/edit`}>
                    <Text ctx={ctx} map={x.title} fallback={x.slug} />
                  </a>{' '}
                  <span class={`exh-status exh-status-${x.status}`}>{t(`exhibitions.status.${x.status}`)}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {data.works.length ? (
          <section aria-labelledby="exh-works">
            <h2 id="exh-works">{t('reunited.title')}</h2>
            <p>{t('reunited.lead')}</p>
            <ul class="exh-drafts">
              {data.works.map((w) => (
                <li>
                  <a href={`/reunited/${encodeURIComponent(w.id)}`}>
                    <Text ctx={ctx} map={w.title} fallback={w.id} />
                  </a>{' '}
                  · {t('reunited.fragments', { count: w.fragments.length })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

/** One exhibition on view: cover, title and summary in its language version, its curators. */
export function ExhibitionCard({ ctx, card, institutions, level = 2 }: { ctx: PageContext; card: IndexCard; institutions: Map<string, Institution>; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { exhibition: x, lang } = card;
  const title = pick(x.title, lang);
  const summary = pick(x.summary, lang);
  const href = `/exhibitions/${encodeURIComponent(x.slug)}${lang !== ctx.lang ? `?lang=${lang}` : ''}`;
  return (
    <article class="exh-card">
      {card.cover?.image ? <ExhibitionImage media={card.cover.image} region={card.cover.item.region} alt="" sizes="(min-width: 60em) 30vw, (min-width: 36em) 45vw, 100vw" /> : <div class="exh-card-blank" aria-hidden="true"></div>}
      <div class="exh-card-text">
        <Heading {...textAttrs(ctx, title?.lang)}>
          <a href={href}>{title?.values[0] ?? x.slug}</a>
        </Heading>
        {summary ? <p {...textAttrs(ctx, summary.lang)}>{summary.values[0]}</p> : null}
        <p class="exh-card-meta">{ctx.t('exhibitions.curatedBy', { names: names(ctx, x.curators, institutions) })}</p>
      </div>
    </article>
  );
}

/** `/exhibitions/:slug`: the exhibition in one language version. */
export function ExhibitionPage({ ctx, view, canEdit }: { ctx: PageContext; view: ExhibitionView; canEdit: boolean }) {
  const { t } = ctx;
  const ex = view.exhibition;
  const c = { ctx, lang: view.lang, institutions: view.institutions };
  const title = pick(ex.title, view.lang) ?? pickLang(ex.title, view.lang);
  const summary = pick(ex.summary, view.lang);
  const credits = pick(ex.credits, view.lang);
  const titleText = title?.values[0] ?? ex.slug;
  const versions = ex.languages.filter((l) => l.published && l.lang !== view.lang);
  const hasDetails = view.chapters.some((ch) => ch.items.some((i) => i.image && i.item.region));
  return (
    <Layout ctx={ctx} title={titleText} section="exhibitions" description={summary?.values[0]} head={hasDetails ? <script src={islandUrl('exhibition-detail')} defer></script> : null}>
      <article class="exhibition" aria-labelledby="exh-title">
        {view.preview ? (
          <p class="notice exh-preview" role="status">
            {t('exhibitions.preview')}
          </p>
        ) : null}
        {!view.exact ? (
          <p class="notice" role="status">
            {t('exhibitions.notInLanguage', { language: languageName(ctx.lang, ctx.lang), shown: languageName(ctx.lang, view.lang) })}
          </p>
        ) : null}
        <header class="exh-hero">
          {view.cover?.image ? <ExhibitionImage class="exh-hero-image" media={view.cover.image} region={view.cover.item.region} alt="" sizes="100vw" eager /> : null}
          <div class="exh-hero-text wrap">
            <p class="exh-kicker">
              <a href="/exhibitions">{t('exhibitions.title')}</a>
            </p>
            <h1 id="exh-title" {...textAttrs(ctx, title?.lang)}>
              {titleText}
            </h1>
            {summary ? (
              <p class="exh-summary" {...textAttrs(ctx, summary.lang)}>
                {summary.values[0]}
              </p>
            ) : null}
            <p class="exh-card-meta">{t('exhibitions.curatedBy', { names: names(ctx, ex.curators, view.institutions) })}</p>
          </div>
        </header>
        <div class="wrap exh-body">
          {versions.length ? (
            <nav class="exh-versions" aria-labelledby="exh-versions-label">
              <span id="exh-versions-label">{t('exhibitions.otherVersions')}:</span>
              <ul role="list">
                {versions.map((l) => (
                  <li>
                    <a href={`?lang=${l.lang}`} lang={l.lang} hreflang={l.lang}>
                      {languageAutonym(l.lang)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {view.chapters.length > 1 ? (
            <nav class="exh-toc" aria-labelledby="exh-toc-title">
              <h2 id="exh-toc-title">{t('exhibitions.contents')}</h2>
              <ol>
                {view.chapters.map((ch, i) => {
                  const chTitle = pick(ch.title, view.lang);
                  return (
                    <li>
                      <a href={`#ch-${i + 1}`} {...textAttrs(ctx, chTitle?.lang)}>
                        {chTitle?.values[0] ?? t('exEditor.chapterN', { n: i + 1 })}
                      </a>
                    </li>
                  );
                })}
              </ol>
            </nav>
          ) : null}
          {view.chapters.map((ch, i) => (
            <ChapterSection c={c} chapter={ch} index={i} />
          ))}
          <Events ctx={ctx} lang={view.lang} events={ex.events} />
          {credits ? (
            <section class="exh-credits" aria-labelledby="exh-credits">
              <h2 id="exh-credits">{t('exhibitions.credits')}</h2>
              {credits.values.map((v) => (
                <p {...textAttrs(ctx, credits.lang)}>{v}</p>
              ))}
            </section>
          ) : null}
          <p class="exh-links">
            <a href={`/iiif/collection/exhibition/${encodeURIComponent(ex.id)}`}>{t('exhibitions.iiif')}</a>
            {canEdit ? (
              <>
                {' '}
                · <a href={`/exhibitions/${encodeURIComponent(ex.id)}/edit`}>{t('exhibitions.edit')}</a>
              </>
            ) : null}
          </p>
        </div>
      </article>
    </Layout>
  );
}

/** An exhibition's events, soonest first, with their dates and links. */
export function Events({ ctx, lang, events }: { ctx: PageContext; lang: string; events: ExhibitionEvent[] }) {
  if (!events.length) return null;
  return (
    <section class="exh-events" aria-labelledby="exh-events">
      <h2 id="exh-events">{ctx.t('exhibitions.events')}</h2>
      <ul class="exh-event-list" role="list">
        {events.map((e) => {
          const title = pick(e.title, lang) ?? pickLang(e.title, lang);
          return (
            <li>
              <span class="tag">{ctx.t(`exhibitions.event.${e.kind}`)}</span>{' '}
              <strong {...textAttrs(ctx, title?.lang)}>{title?.values[0] ?? ''}</strong>
              <br />
              <time datetime={e.startsAt}>{formatDateTime(ctx.lang, e.startsAt)}</time>
              {e.endsAt ? (
                <>
                  {' – '}
                  <time datetime={e.endsAt}>{formatDateTime(ctx.lang, e.endsAt)}</time>
                </>
              ) : null}
              {e.url ? (
                <>
                  {' · '}
                  <a href={e.url} rel="noopener">
                    {ctx.t('exhibitions.eventLink')}
                  </a>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Institutions' names in the visitor's language, joined as the language lists them. */
export function names(ctx: PageContext, ids: string[], institutions: Map<string, Institution>): string {
  const list = ids.map((id) => pickLang(institutions.get(id)?.name, ctx.lang)?.values[0] ?? id);
  return new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(list);
}

function Text({ ctx, map, fallback }: { ctx: PageContext; map: LangMap; fallback: string }) {
  const picked = pickLang(map, ctx.lang);
  return <span {...textAttrs(ctx, picked?.lang)}>{picked?.values[0] ?? fallback}</span>;
}
