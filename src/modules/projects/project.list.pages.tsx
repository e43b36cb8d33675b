import { countryName } from '../../shared/country';
import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { LangText, PageHeading } from '../pages/components';
import { Layout } from '../pages/layout';
import { WorldMap, type MapPin } from '../pages/world-map';
import { ANALYSIS_METHODS } from './analysis.table';
import type { ProjectFigure } from './project.figures';
import { edtfLabel } from './project.format';
import type { Project } from './project.service';
import { PROJECT_KINDS, PROJECT_STATUSES } from './project.table';

export interface ProjectFilterState {
  kind: string;
  status: string;
  country: string;
  method: string;
  q: string;
}

export interface ProjectsPageData {
  filter: ProjectFilterState;
  total: number;
  items: Project[];
  facets: { kind: Map<string, number>; status: Map<string, number>; country: Map<string, number> };
  pins: MapPin[];
  figures: ProjectFigure[];
  /** Institutions the visitor may start a project for (empty: no "new project" link). */
  canCreate: boolean;
  page: { offset: number; limit: number };
}

/** `/projects`: the alliance's joint projects, filtered by kind, status, country and analysis method, with a map of their sites. */
export function ProjectsPage({ ctx, data }: { ctx: PageContext; data: ProjectsPageData }) {
  const { t } = ctx;
  const f = data.filter;
  const countries = [...data.facets.country.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const link = (patch: Partial<ProjectFilterState>) => projectsHref({ ...f, ...patch });
  return (
    <Layout ctx={ctx} title={t('projects.title')} section="projects">
      <div class="wrap projects-page">
        <PageHeading title={t('projects.title')} lead={t('projects.lead')} />
        <p class="projects-actions">
          {data.canCreate ? <a class="button" href="/projects/new">{t('projects.new')}</a> : null} <a href="/needs">{t('needs.title')}</a>
        </p>
        {data.figures.length ? (
          <ul class="project-figures" role="list" aria-label={t('projects.figures')}>
            {data.figures.map((fig) => (
              <li>{t('projects.figureLine', { count: fig.projects, n: formatNumber(ctx.lang, fig.projects), kind: t(`projects.kind.${fig.kind}` as never), countries: t('projects.countryCount', { count: fig.countries, n: formatNumber(ctx.lang, fig.countries) }) })}</li>
            ))}
          </ul>
        ) : null}
        <form class="project-filters" method="get" action="/projects" role="search">
          <div class="field">
            <label for="pf-q">{t('projects.filter.q')}</label>
            <input id="pf-q" name="q" type="search" value={f.q} dir="auto" maxlength={200} />
          </div>
          <FilterSelect id="pf-kind" name="kind" label={t('projects.field.kind')} value={f.kind} ctx={ctx} options={PROJECT_KINDS.map((k) => ({ value: k, label: `${t(`projects.kind.${k}` as never)} (${formatNumber(ctx.lang, data.facets.kind.get(k) ?? 0)})` }))} />
          <FilterSelect id="pf-status" name="status" label={t('projects.field.status')} value={f.status} ctx={ctx} options={PROJECT_STATUSES.map((k) => ({ value: k, label: `${t(`projects.status.${k}` as never)} (${formatNumber(ctx.lang, data.facets.status.get(k) ?? 0)})` }))} />
          <FilterSelect id="pf-country" name="country" label={t('projects.field.country')} value={f.country} ctx={ctx} options={countries.map(([c, n]) => ({ value: c, label: `${countryName(c, ctx.lang)} (${formatNumber(ctx.lang, n)})` }))} />
          <FilterSelect id="pf-method" name="method" label={t('projects.filter.method')} value={f.method} ctx={ctx} options={ANALYSIS_METHODS.map((m) => ({ value: m, label: t(`projects.method.${m}` as never) }))} />
          <button type="submit">{t('projects.filter.submit')}</button>
        </form>
        {data.pins.length ? <WorldMap id="projects-map" label={t('projects.mapLabel')} note={t('map.note')} pins={data.pins} /> : null}
        {countries.length ? (
          <nav class="project-countries" aria-label={t('projects.byCountry')}>
            <h2>{t('projects.byCountry')}</h2>
            <ul role="list">
              {countries.map(([c, n]) => (
                <li>
                  <a href={link({ country: c })} aria-current={f.country === c ? 'true' : undefined}>
                    {countryName(c, ctx.lang)}
                  </a>{' '}
                  <span class="count">{formatNumber(ctx.lang, n)}</span>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <h2 class="results-count" aria-live="polite">
          {t('projects.count', { count: data.total, n: formatNumber(ctx.lang, data.total) })}
        </h2>
        {data.items.length ? (
          <ul class="project-list" role="list">
            {data.items.map((p) => (
              <ProjectCard ctx={ctx} p={p} />
            ))}
          </ul>
        ) : (
          <p class="empty">{t('projects.none')}</p>
        )}
        <Pager ctx={ctx} total={data.total} page={data.page} href={(offset) => `${link({})}${link({}).includes('?') ? '&' : '?'}offset=${offset}`} />
      </div>
    </Layout>
  );
}

/** One project in a list: title, kind, status, dates and partner countries. */
export function ProjectCard({ ctx, p }: { ctx: PageContext; p: Project }) {
  const { t } = ctx;
  const dates = [p.startDate, p.endDate].map((d) => (d ? edtfLabel(ctx.lang, d) : null));
  return (
    <li class="project-card">
      <h3 class="project-card-title">
        <a href={`/projects/${encodeURIComponent(p.id)}`}>
          <LangText ctx={ctx} map={p.title} fallback={p.id} />
        </a>
      </h3>
      <p class="project-card-meta">
        <span class="tag">{t(`projects.kind.${p.kind}` as never)}</span>
        <span class={`status status-${p.status}`}>{t(`projects.status.${p.status}` as never)}</span>
        {dates[0] || dates[1] ? <span class="meta-item">{t('projects.dates', { from: dates[0] ?? '…', to: dates[1] ?? '…' })}</span> : null}
        {p.visibility !== 'public' ? <span class="meta-item">{t(`projects.visibility.${p.visibility}` as never)}</span> : null}
      </p>
      {p.countries.length ? <p class="project-card-countries">{new Intl.ListFormat(ctx.lang, { type: 'unit' }).format(p.countries.map((c) => countryName(c, ctx.lang)))}</p> : null}
    </li>
  );
}

function FilterSelect(props: { ctx: PageContext; id: string; name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.ctx.t('projects.filter.any')}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Previous/next links of a paged list. */
export function Pager({ ctx, total, page, href }: { ctx: PageContext; total: number; page: { offset: number; limit: number }; href: (offset: number) => string }) {
  if (total <= page.limit) return null;
  const prev = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  const next = page.offset + page.limit < total ? page.offset + page.limit : null;
  return (
    <nav class="pager" aria-label={ctx.t('projects.pages')}>
      {prev !== null ? <a href={href(prev)} rel="prev">{ctx.t('projects.prev')}</a> : null}{' '}
      {next !== null ? <a href={href(next)} rel="next">{ctx.t('projects.next')}</a> : null}
    </nav>
  );
}

/** The URL of the project list with these filters. */
export function projectsHref(f: Partial<ProjectFilterState>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/projects?${s}` : '/projects';
}
