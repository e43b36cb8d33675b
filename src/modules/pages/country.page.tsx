import { countryName } from '../../shared/country';
import { pickLang } from '../../shared/lang-map';
import type { Institution } from '../institutions/institution.schema';
import type { SearchHit } from '../search/search.types';
import { InstitutionCard, PageHeading, type InstitutionIndex } from './components';
import type { PageContext } from './context';
import { Layout } from './layout';
import { RecordGrid } from './search.views';
import { WorldMap } from './world-map';

/** One country's line in the list: its institutions and the records the visitor may see. */
export interface CountrySummary {
  code: string;
  institutions: Institution[];
  /** Null when not known (the country is past the facet's 50 values). */
  records: number | null;
}

/** `/countries`: every country with member institutions, by name in the visitor's language, on a map and in a list. */
export function CountriesPage({ ctx, countries }: { ctx: PageContext; countries: CountrySummary[] }) {
  const { t, lang } = ctx;
  const pins = countries.flatMap((c) => {
    const placed = c.institutions.filter((i) => i.lat !== null && i.lon !== null);
    if (!placed.length) return [];
    const lat = placed.reduce((n, i) => n + i.lat!, 0) / placed.length;
    const lon = placed.reduce((n, i) => n + i.lon!, 0) / placed.length;
    return [{ lat, lon, label: countryName(c.code, lang), href: `/countries/${c.code}` }];
  });
  return (
    <Layout ctx={ctx} title={t('countries.title')} section="institutions">
      <div class="wrap">
        <PageHeading title={t('countries.title')} lead={t('countries.lead')} />
        {pins.length ? <WorldMap id="countries-map" label={t('countries.title')} note={t('map.note')} pins={pins} /> : null}
        {countries.length ? (
          <ul class="country-list" role="list">
            {countries.map((c) => (
              <li class="country-card">
                <h2 class="country-card-name">
                  <a href={`/countries/${c.code}`}>{countryName(c.code, lang)}</a>
                </h2>
                <p class="country-card-meta">
                  <span>{t('country.institutions', { count: c.institutions.length })}</span>
                  {c.records !== null ? <span>{t('country.records', { count: c.records })}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('countries.none')}</p>
        )}
      </div>
    </Layout>
  );
}

export interface CountryPageData {
  code: string;
  institutions: Institution[];
  /** Visible records per institution (the facet's counts). */
  counts: Map<string, number>;
  total: number;
  withImages: SearchHit[];
  withImagesTotal: number;
  images: Map<string, string>;
  index: InstitutionIndex;
}

/** `/countries/:code`: a country's holdings — its institutions with their counts, records with images, and the way into search. */
export function CountryPage({ ctx, data }: { ctx: PageContext; data: CountryPageData }) {
  const { t, lang } = ctx;
  const name = countryName(data.code, lang);
  const search = `/search?country=${data.code}`;
  const placed = data.institutions.filter((i) => i.lat !== null && i.lon !== null);
  return (
    <Layout ctx={ctx} title={name} section="institutions">
      <div class="wrap">
        <nav class="breadcrumbs" aria-label={t('countries.title')}>
          <a href="/countries">{t('country.all')}</a>
        </nav>
        <PageHeading
          title={name}
          lead={
            <>
              {t('country.institutions', { count: data.institutions.length })} · {t('country.records', { count: data.total })}
            </>
          }
        />
        {data.total ? (
          <p class="country-search">
            <a href={search}>
              {t('country.searchAll', { country: name })}
            </a>{' '}
            <a href={`${search}&view=grid`}>{t('views.grid')}</a> · <a href={`${search}&view=map`}>{t('views.map')}</a>
          </p>
        ) : null}
        {placed.length ? (
          <WorldMap
            id="country-map"
            label={t('map.members')}
            note={t('map.note')}
            pins={placed.map((i) => ({ lat: i.lat!, lon: i.lon!, label: pickLang(i.name, lang)?.values[0] ?? i.id, href: `/institutions/${encodeURIComponent(i.id)}` }))}
          />
        ) : null}
        <section aria-labelledby="country-institutions">
          <h2 id="country-institutions">{t('country.institutionsHeading')}</h2>
          <ul class="institution-grid" role="list">
            {data.institutions.map((inst) => (
              <InstitutionCard ctx={ctx} inst={inst} headingLevel={3} count={data.counts.get(inst.id) ?? (data.counts.size < 50 ? 0 : undefined)} />
            ))}
          </ul>
        </section>
        {data.withImages.length ? (
          <section aria-labelledby="country-images">
            <h2 id="country-images">{t('country.withImages')}</h2>
            <RecordGrid ctx={ctx} hits={data.withImages} institutions={data.index} images={data.images} />
            {data.withImagesTotal > data.withImages.length ? (
              <p>
                <a href={`${search}&hasImages=true&view=grid`}>{t('inst.seeAll', { count: data.withImagesTotal })}</a>
              </p>
            ) : null}
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
