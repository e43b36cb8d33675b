import type { SearchHit } from '../search/search.types';
import type { Institution } from '../institutions/institution.schema';
import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from './context';
import { Layout, PLATFORM_NAME } from './layout';
import { InstitutionCard, RecordList, SearchBox, type InstitutionIndex } from './components';
import { pickLang } from '../../shared/lang-map';
import { WorldMap } from './world-map';
import { ExhibitionCard } from '../exhibitions/exhibition.pages';
import type { ExhibitionCardData } from '../exhibitions/exhibition.view';

/** How many member institutions the home page lists before linking to all. */
export const HOME_MEMBERS = 12;

export interface HomeData {
  recordCount: number;
  institutions: Institution[];
  countryCount: number;
  newest: SearchHit[];
  index: InstitutionIndex;
  /** Records with at least one image the visitor may see. */
  withImages: number;
  /** Joint projects the visitor may see. */
  projectCount: number;
  /** Exhibitions on view, newest first (a few). */
  exhibitions: ExhibitionCardData[];
}

/** The home page: what the platform is, its figures, a search box, exhibitions on view, the newest records and the members. */
export function HomePage({ ctx, data }: { ctx: PageContext; data: HomeData }) {
  const { t, lang } = ctx;
  const figures = [
    { n: data.recordCount, label: t('figures.records', { count: data.recordCount }) },
    { n: data.institutions.length, label: t('figures.institutions', { count: data.institutions.length }) },
    { n: data.countryCount, label: t('figures.countries', { count: data.countryCount }) },
    { n: data.withImages, label: t('figures.withImages', { count: data.withImages }) },
    { n: data.projectCount, label: t('figures.projects', { count: data.projectCount }) },
  ];
  const members = new Map(data.institutions.map((i) => [i.id, i]));
  return (
    <Layout ctx={ctx} title={PLATFORM_NAME} section="home">
      <section class="hero" aria-labelledby="hero-title">
        <div class="wrap">
          <h1 id="hero-title">{t('home.title')}</h1>
          <p class="lead">{t('home.intro')}</p>
          <SearchBox ctx={ctx} id="home-q" label={t('home.searchLabel')} hint={t('home.searchHint')} />
        </div>
      </section>

      <section class="wrap section" aria-labelledby="figures-title">
        <h2 id="figures-title" class="visually-hidden">
          {t('home.figures')}
        </h2>
        <ul class="figures" role="list">
          {figures.map((f) => (
            <li>
              <span class="figure-number">{formatNumber(lang, f.n)}</span> <span class="figure-label">{f.label}</span>
            </li>
          ))}
        </ul>
      </section>

      {data.exhibitions.length ? (
        <section class="wrap section" aria-labelledby="exhibitions-title">
          <div class="section-head">
            <h2 id="exhibitions-title">{t('home.exhibitions')}</h2>
            <a href="/exhibitions">{t('home.allExhibitions')}</a>
          </div>
          <ul class="exh-cards" role="list">
            {data.exhibitions.map((card) => (
              <li>
                <ExhibitionCard ctx={ctx} card={card} institutions={members} level={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section class="wrap section" aria-labelledby="newest-title">
        <div class="section-head">
          <h2 id="newest-title">{t('home.newest')}</h2>
          <a href="/search?sort=newest">{t('home.browseAll')}</a>
        </div>
        {data.newest.length ? <RecordList ctx={ctx} hits={data.newest} institutions={data.index} /> : <p class="empty">{t('home.noRecords')}</p>}
      </section>

      <section class="wrap section" aria-labelledby="members-title">
        <div class="section-head">
          <h2 id="members-title">{t('home.members')}</h2>
          <a href="/institutions">{t('home.allInstitutions')}</a>
        </div>
        <WorldMap
          id="members-map"
          label={t('map.members')}
          note={t('map.note')}
          pins={data.institutions.flatMap((inst) =>
            inst.lat !== null && inst.lon !== null ? [{ lat: inst.lat, lon: inst.lon, label: pickLang(inst.name, lang)?.values[0] ?? inst.id, href: `/institutions/${encodeURIComponent(inst.id)}` }] : [],
          )}
        />
        <ul class="institution-grid" role="list">
          {data.institutions.slice(0, HOME_MEMBERS).map((inst) => (
            <InstitutionCard ctx={ctx} inst={inst} />
          ))}
        </ul>
      </section>
    </Layout>
  );
}
