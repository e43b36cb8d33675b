import { countryName } from '../../shared/country';
import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import type { AllianceView } from './alliance.pages';
import type { AllianceFigures } from './figures.service';
import { BarChart, SeriesChart } from './figures.charts';
import { AllianceNav, alliancePath, allianceName, DateText, label, tierText } from './governance.view';

/** `/alliance/figures`: the alliance in figures for a chosen year, charts with their tables, and downloads. */
export function FiguresPage({ ctx, view, figures: f, years }: { ctx: PageContext; view: AllianceView; figures: AllianceFigures; years: number[] }) {
  const { t } = ctx;
  const { alliance, primaryId } = view;
  return (
    <Layout ctx={ctx} title={t('gov.figures.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.figures.title')} lead={t('gov.figures.lead')} />
        <AllianceNav ctx={ctx} alliance={alliance} primaryId={primaryId} current="figures" />
        <form method="get" action="/alliance/figures" class="alliance-date-form">
          {alliance.id !== primaryId ? <input type="hidden" name="alliance" value={alliance.id} /> : null}
          <label for="figures-year">{t('gov.figures.year')}</label>{' '}
          <select id="figures-year" name="year">
            {years.map((y) => (
              <option value={String(y)} selected={y === f.year}>
                {String(y)}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('gov.show')}</button>
        </form>
        <p class="figures-downloads">
          <a href={alliancePath('/alliance/figures.csv', alliance, primaryId, { year: String(f.year) })} download>
            {t('gov.figures.csv')}
          </a>{' '}
          · <a href={alliancePath(`/alliance/report/${f.year}`, alliance, primaryId)}>{t('gov.figures.report')}</a>
        </p>
        <FiguresBody ctx={ctx} view={view} figures={f} />
      </div>
    </Layout>
  );
}

/** `/alliance/report/:year`: the annual report, a printable page of the same figures. */
export function ReportPage({ ctx, view, figures: f }: { ctx: PageContext; view: AllianceView; figures: AllianceFigures }) {
  const { t } = ctx;
  const title = t('gov.report.title', { alliance: allianceName(ctx, view.alliance), year: String(f.year) });
  return (
    <Layout ctx={ctx} title={title} section="alliance">
      <div class="wrap annual-report">
        <PageHeading title={title} lead={t('gov.report.lead')} />
        <p class="report-asof">
          {t('gov.report.asOf')} <DateText ctx={ctx} date={f.asOf} />
        </p>
        <FiguresBody ctx={ctx} view={view} figures={f} />
      </div>
    </Layout>
  );
}

function FiguresBody({ ctx, view, figures: f }: { ctx: PageContext; view: AllianceView; figures: AllianceFigures }) {
  const { t, lang } = ctx;
  const n = (x: number) => formatNumber(lang, x);
  const tiers = f.members.byTier.map((x) => ({ label: tierText(ctx, view.alliance, x.tierId), value: x.count }));
  const continents = f.members.byContinent.map((x) => ({ label: label(ctx, 'continent', x.continent), value: x.count }));
  const countries = f.members.byCountry.map((x) => ({ label: countryName(x.country, lang), value: x.count }));
  return (
    <>
      <ul class="figure-tiles" role="list">
        <li>
          <strong>{n(f.members.total)}</strong> {t('gov.figures.members', { count: f.members.total })}
        </li>
        {view.alliance.memberKinds !== 'institutions' ? (
          <li>
            <strong>{n(f.members.states)}</strong> {t('gov.figures.states', { count: f.members.states })}
          </li>
        ) : null}
        {view.alliance.memberKinds !== 'states' ? (
          <li>
            <strong>{n(f.members.institutions)}</strong> {t('gov.figures.institutions', { count: f.members.institutions })}
          </li>
        ) : null}
        <li>
          <strong>{n(f.members.joined)}</strong> {t('gov.figures.joined', { count: f.members.joined, year: String(f.year) })}
        </li>
        <li>
          <strong>{n(countries.length)}</strong> {t('gov.figures.countries', { count: countries.length })}
        </li>
      </ul>
      <FigureSection ctx={ctx} id="by-tier" title={t('gov.figures.byTier')} items={tiers} head={t('gov.apply.tier')} />
      <FigureSection ctx={ctx} id="by-continent" title={t('gov.figures.byContinent')} items={continents} head={t('gov.figures.continent')} />
      <FigureSection ctx={ctx} id="by-country" title={t('gov.figures.byCountry')} items={countries} head={t('gov.figures.country')} />
      <section aria-labelledby="over-time">
        <h2 id="over-time">{t('gov.figures.overTime')}</h2>
        <SeriesChart id="over-time-chart" title={t('gov.figures.overTime')} points={f.series.map((s) => ({ year: s.year, value: s.total }))} lang={lang} />
        <NumbersTable ctx={ctx} head={t('gov.figures.yearEnd')} items={f.series.map((s) => ({ label: String(s.year), value: s.total }))} />
      </section>
      <section aria-labelledby="contributions">
        <h2 id="contributions">{t('gov.figures.contributions')}</h2>
        <NumbersTable
          ctx={ctx}
          head={t('gov.figures.what')}
          items={[
            { label: t('gov.figures.contributingInstitutions'), value: f.contributions.institutions },
            { label: t('gov.figures.records'), value: f.contributions.records },
            { label: t('gov.figures.images'), value: f.contributions.images },
          ]}
        />
      </section>
      <section aria-labelledby="projects">
        <h2 id="projects">{t('gov.figures.projects')}</h2>
        {f.projects.length ? (
          <>
            <ul class="project-sentences">
              {f.projects.map((p) => (
                <li>{t('gov.figures.projectLine', { count: p.projects, kind: label(ctx, 'projectKind', p.kind), countries: t('gov.figures.withCountries', { count: p.countries }) })}</li>
              ))}
            </ul>
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('gov.figures.projectKind')}</th>
                    <th scope="col">{t('gov.figures.projectCount')}</th>
                    <th scope="col">{t('gov.figures.partnerCountries')}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.projects.map((p) => (
                    <tr>
                      <th scope="row">{label(ctx, 'projectKind', p.kind)}</th>
                      <td>{n(p.projects)}</td>
                      <td>{n(p.countries)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p class="empty">{t('gov.figures.noProjects')}</p>
        )}
      </section>
    </>
  );
}

function FigureSection({ ctx, id, title, items, head }: { ctx: PageContext; id: string; title: string; items: { label: string; value: number }[]; head: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length ? (
        <>
          <BarChart id={`${id}-chart`} title={title} items={items} lang={ctx.lang} />
          <NumbersTable ctx={ctx} head={head} items={items} />
        </>
      ) : (
        <p class="empty">{ctx.t('gov.figures.noMembers')}</p>
      )}
    </section>
  );
}

function NumbersTable({ ctx, head, items }: { ctx: PageContext; head: string; items: { label: string; value: number }[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table figures-table">
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{ctx.t('gov.figures.count')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <th scope="row">{i.label}</th>
              <td>{formatNumber(ctx.lang, i.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
