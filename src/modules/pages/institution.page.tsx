import { pickLang } from '../../shared/lang-map';
import { countryName } from '../../shared/country';
import type { Institution } from '../institutions/institution.schema';
import type { SearchResult } from '../search/search.types';
import type { PageContext } from './context';
import { WorldMap } from './world-map';
import { Layout } from './layout';
import { InLang, InstitutionCard, LangText, RecordList, SearchBox, type InstitutionIndex } from './components';
import { institutionKindLabel, safeHref } from './format';
import { searchHref } from './search.state';
import { ExportLinks } from '../exports/export.links';

export interface InstitutionPageData {
  institution: Institution;
  records: SearchResult;
  index: InstitutionIndex;
}

/** An institution's profile and the records of it the visitor may see. */
export function InstitutionPage({ ctx, data }: { ctx: PageContext; data: InstitutionPageData }) {
  const { t, lang } = ctx;
  const inst = data.institution;
  const name = pickLang(inst.name, lang);
  const nameText = name?.values[0] ?? inst.id;
  const otherNames = Object.entries(inst.name).flatMap(([l, vs]) => vs.map((v) => ({ l, v }))).filter((x) => x.v !== nameText);
  const website = safeHref(inst.website);
  const allHref = searchHref({ institution: [inst.id], offset: 0, limit: 20 });
  return (
    <Layout ctx={ctx} title={nameText} section="institutions">
      <article class="wrap institution" aria-labelledby="inst-title">
        <header class="page-heading">
          <p class="eyebrow">{institutionKindLabel(lang, inst.kind)}</p>
          <h1 id="inst-title">
            <InLang ctx={ctx} lang={name?.lang}>
              {nameText}
            </InLang>
          </h1>
          {otherNames.length ? (
            <ul class="other-titles" role="list">
              {otherNames.map((x) => (
                <li>
                  <InLang ctx={ctx} lang={x.l}>
                    {x.v}
                  </InLang>
                </li>
              ))}
            </ul>
          ) : null}
        </header>
        <div class="record-layout">
          <div class="record-text">
            {Object.keys(inst.description ?? {}).length ? (
              <section class="text-section" aria-labelledby="inst-about">
                <h2 id="inst-about">{t('inst.about')}</h2>
                <LangText ctx={ctx} map={inst.description} as="div" />
              </section>
            ) : null}
            <section class="text-section" aria-labelledby="inst-records">
              <div class="section-head">
                <h2 id="inst-records">{t('inst.recordsHeading')}</h2>
                <p class="results-count-inline">{t('inst.records', { count: data.records.total })}</p>
              </div>
              {data.records.total ? (
                <>
                  <SearchBox ctx={ctx} id="inst-q" label={t('inst.searchWithin')} hidden={{ institution: inst.id }} />
                  <RecordList ctx={ctx} hits={data.records.items} institutions={data.index} headingLevel={3} />
                  {data.records.total > data.records.items.length ? (
                    <p class="more-link">
                      <a href={allHref}>{t('inst.seeAll', { count: data.records.total })}</a>
                    </p>
                  ) : null}
                  <ExportLinks ctx={ctx} path="/api/v1/exports/records" query={`institution=${encodeURIComponent(inst.id)}`} label="export.institutionRecords" />
                </>
              ) : (
                <p class="empty">{t('inst.noRecords')}</p>
              )}
            </section>
          </div>
          <aside class="record-details" aria-labelledby="inst-details">
            <h2 id="inst-details" class="visually-hidden">
              {t('record.details')}
            </h2>
            <dl>
              <div class="detail-row">
                <dt>{t('inst.kind')}</dt>
                <dd>{institutionKindLabel(lang, inst.kind)}</dd>
              </div>
              <div class="detail-row">
                <dt>{t('inst.country')}</dt>
                <dd>
                  <a href={`/institutions?country=${inst.country}`}>{countryName(inst.country, lang)}</a>
                </dd>
              </div>
              {inst.city ? (
                <div class="detail-row">
                  <dt>{t('inst.city')}</dt>
                  <dd>{inst.city}</dd>
                </div>
              ) : null}
              {website ? (
                <div class="detail-row">
                  <dt>{t('inst.website')}</dt>
                  <dd>
                    <a href={website} class="break">
                      {website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </aside>
        </div>
      </article>
    </Layout>
  );
}

export interface InstitutionsPageData {
  institutions: Institution[];
  counts: Map<string, number>;
  /** Whether `counts` covers every institution (the facet lists at most 50). */
  countsComplete: boolean;
  country: string | null;
}

/** The list of member institutions, optionally of one country. */
export function InstitutionsPage({ ctx, data }: { ctx: PageContext; data: InstitutionsPageData }) {
  const { t, lang } = ctx;
  const title = data.country ? t('inst.filtered', { country: countryName(data.country, lang) }) : t('inst.listTitle');
  return (
    <Layout ctx={ctx} title={title} section="institutions">
      <div class="wrap">
        <div class="page-heading">
          <h1>{title}</h1>
          <p class="lead">{t('inst.intro')}</p>
          <p class="results-count-inline">
            {t('inst.count', { count: data.institutions.length })}
            {data.country ? (
              <>
                {' · '}
                <a href="/institutions">{t('inst.showAll')}</a>
              </>
            ) : null}
            {' · '}
            <a href={data.country ? `/countries/${data.country}` : '/countries'}>{t('countries.link')}</a>
          </p>
        </div>
        {data.institutions.some((inst) => inst.lat !== null && inst.lon !== null) ? (
          <WorldMap
            id="directory-map"
            label={t('map.members')}
            note={t('map.note')}
            pins={data.institutions.flatMap((inst) =>
              inst.lat !== null && inst.lon !== null ? [{ lat: inst.lat, lon: inst.lon, label: pickLang(inst.name, lang)?.values[0] ?? inst.id, href: `/institutions/${encodeURIComponent(inst.id)}` }] : [],
            )}
          />
        ) : null}
        {data.institutions.length ? (
          <ul class="institution-grid" role="list">
            {data.institutions.map((inst) => (
              <InstitutionCard ctx={ctx} inst={inst} headingLevel={2} count={data.counts.get(inst.id) ?? (data.countsComplete ? 0 : undefined)} />
            ))}
          </ul>
        ) : (
          <p class="empty">{t('inst.none')}</p>
        )}
      </div>
    </Layout>
  );
}
