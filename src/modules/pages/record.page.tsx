import { pickLang, type LangMap } from '../../shared/lang-map';
import type { HeritageRecord } from '../records/record.schema';
import type { PageContext } from './context';
import { InLang } from './components';
import { Layout } from './layout';
import { languageAutonym, languageName } from './format';
import type { RecordPageData } from './record.data';
import { RecordDetails, RelatedRecords, TextSection } from './record.sections';
import { ImageViewer, RemoteImages, ViewerScript } from './viewer';
import type { PublishedData } from '../interop/schema-org.service';
import type { CitationParts } from './cite';
import { CiteSection } from './cite.section';
import { RecordDownloads } from './record.downloads';
import { RecordShowcase } from '../exhibitions/record-showcase';
import { RecordProjectSections } from '../projects/record-sections';

/** The record page: every field of the record, in the visitor's language where it has one, saying when it falls back. */
export function RecordPage({ ctx, data, published, citation }: { ctx: PageContext; data: RecordPageData; published?: PublishedData | null; citation?: CitationParts }) {
  const { t } = ctx;
  const { record } = data;
  const wanted = data.show ?? ctx.lang;
  const title = pickLang(record.title, wanted);
  const titleText = title?.values[0] ?? t('record.untitled');
  const otherTitles = Object.entries(record.title).flatMap(([lang, values]) => values.map((v) => ({ lang, v }))).filter((x) => !(x.lang === title?.lang && x.v === titleText));
  const hasImages = data.media.some((m) => m.status === 'ready');
  const remote = record.iiifManifests ?? [];
  const head = (
    <>
      <link rel="alternate" type="application/json" href={`/api/v1/records/${encodeURIComponent(record.id)}`} />
      {hasImages ? <link rel="alternate" type="application/ld+json" href={`/iiif/manifest/${encodeURIComponent(record.id)}`} title={t('viewer.manifest')} /> : null}
      {hasImages || remote.length ? <ViewerScript /> : null}
      {published ? <link rel="alternate" type="application/ld+json" href={published.linkedArtUrl} title={t('publishing.linkedArt')} /> : null}
      {/* A data block, never run (so the CSP allows it); the JSON is escaped so nothing in it can close the element. */}
      {published ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: published.schemaOrg }} /> : null}
    </>
  );
  return (
    <Layout ctx={ctx} title={titleText} section={null} head={head}>
      <article class="wrap record" aria-labelledby="record-title">
        <header class="record-header">
          <h1 id="record-title">
            <InLang ctx={ctx} lang={title?.lang}>
              {titleText}
            </InLang>
          </h1>
          {otherTitles.length ? (
            <ul class="other-titles" role="list" aria-label={t('record.otherTitles')}>
              {otherTitles.map((x) => (
                <li>
                  <InLang ctx={ctx} lang={x.lang}>
                    {x.v}
                  </InLang>
                </li>
              ))}
            </ul>
          ) : null}
          <LanguageNotice ctx={ctx} record={record} wanted={wanted} shown={title?.lang ?? null} explicit={data.show !== null} />
          {data.canEdit ? (
            <p class="record-edit-links">
              <a href={`/records/${encodeURIComponent(record.id)}/edit`}>{t('editor.edit')}</a>{' · '}
              <a href={`/records/${encodeURIComponent(record.id)}/images`}>{t('images.manage')}</a>{' · '}
              <a href={`/records/${encodeURIComponent(record.id)}/history`}>{t('history.link')}</a>
            </p>
          ) : null}
          {record.visibility !== 'public' ? (
            <p class="notice notice-restricted">{record.visibility === 'members' ? t('record.membersOnly') : t('record.private')}</p>
          ) : null}
        </header>
        {hasImages ? (
          <section class="record-images" aria-labelledby="images-title">
            <h2 id="images-title" class="visually-hidden">
              {t('viewer.images')}
            </h2>
            <ImageViewer ctx={ctx} media={data.media} title={titleText} wanted={wanted} />
            <p class="record-image-links">
              <a href={`/iiif/manifest/${encodeURIComponent(record.id)}`} type="application/ld+json">
                {t('viewer.manifest')}
              </a>
            </p>
          </section>
        ) : null}
        {hasImages ? <RecordDownloads ctx={ctx} media={data.media} recordRights={record.rights} /> : null}
        {remote.length ? (
          <section class="record-images" aria-labelledby="remote-images-title">
            <h2 id="remote-images-title" class="visually-hidden">
              {t('viewer.images')}
            </h2>
            <RemoteImages ctx={ctx} manifests={remote} />
          </section>
        ) : null}
        <div class="record-layout">
          <div class="record-text">
            <TextSection ctx={ctx} id="description" heading={t('record.description')} map={record.description} wanted={wanted} />
            <TextSection ctx={ctx} id="inscriptions" heading={t('record.inscriptions')} map={record.inscriptions} wanted={wanted} all />
            <TextSection ctx={ctx} id="notes" heading={t('record.notes')} map={record.notes} wanted={wanted} />
            <RelatedRecords ctx={ctx} related={data.related} wanted={wanted} recordId={record.id} />
            <RecordShowcase ctx={ctx} />
            <RecordProjectSections ctx={ctx} recordId={record.id} />
          </div>
          <RecordDetails ctx={ctx} data={data} wanted={wanted} />
        </div>
        {citation ? <CiteSection ctx={ctx} parts={citation} /> : null}
      </article>
    </Layout>
  );
}

/** Languages the record's texts are written in (tags as catalogued, `none` left out). */
export function recordTextLanguages(record: HeritageRecord): string[] {
  const maps: (LangMap | undefined)[] = [record.title, record.description, record.inscriptions, record.notes];
  const tags = maps.flatMap((m) => Object.keys(m ?? {}).filter((k) => k !== 'none' && m![k]?.length));
  return [...new Set(tags)];
}

/** Says which language the record is shown in when it is not the one wanted, and links to the others it has. */
function LanguageNotice(props: { ctx: PageContext; record: HeritageRecord; wanted: string; shown: string | null; explicit: boolean }) {
  const { ctx, wanted, shown } = props;
  const { t } = ctx;
  const base = (tag: string) => tag.split('-')[0].toLowerCase();
  const fellBack = shown !== null && base(shown) !== base(wanted);
  const others = recordTextLanguages(props.record).filter((tag) => !shown || base(tag) !== base(shown));
  let message: string | null = null;
  if (fellBack && shown === 'none') message = t('record.fallbackUntagged', { wanted: languageName(ctx.lang, wanted) });
  else if (fellBack) message = t('record.fallback', { wanted: languageName(ctx.lang, wanted), shown: languageName(ctx.lang, shown!) });
  else if (props.explicit && shown && base(shown) !== ctx.lang) message = t('record.shownIn', { language: languageName(ctx.lang, shown) });
  if (!message && !others.length) return null;
  return (
    <div class="language-notice">
      {message ? <p class="notice notice-language">{message}</p> : null}
      {others.length ? (
        <p class="other-languages">
          <span class="other-languages-label">{t('record.otherLanguages')}</span>{' '}
          {others.map((tag) => (
            <a href={`?show=${encodeURIComponent(tag)}`} lang={tag} hreflang={tag} class="chip">
              {languageAutonym(tag)}
            </a>
          ))}
        </p>
      ) : null}
    </div>
  );
}
