import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { dateLabel } from '../pages/format';
import { Layout } from '../pages/layout';
import { WorldMap } from '../pages/world-map';
import type { RegisterFilters } from './risk-register.repository';
import type { RegisterItem } from './risk-register.service';
import { factorGroups, levelLabel, threatLabel } from './risk.labels';
import { CONDITIONS, PRIORITIES, TRENDS } from './risk.taxonomy';

/** `/risk`: the register of sites at risk, with filters (a plain GET form) and a map. */
export function RegisterPage({ ctx, items, filters }: { ctx: PageContext; items: RegisterItem[]; filters: RegisterFilters }) {
  const { t, lang } = ctx;
  const titleOf = (i: RegisterItem) => pickLang(i.title, lang);
  const located = items.filter((i) => i.lat !== null && i.lon !== null);
  const filtered = !!(filters.factor || filters.priority || filters.condition || filters.trend);
  return (
    <Layout ctx={ctx} title={t('risk.title')} section="risk">
      <div class="wrap">
        <PageHeading title={t('risk.title')} lead={t('risk.lead')} />
        <p class="dashboard-links">
          <a href="/risk/incidents">{t('incident.title')}</a> · <a href="/risk/help">{t('help.title')}</a>
        </p>
        <form class="risk-filters" method="get" action="/risk">
          <fieldset>
            <legend>{t('risk.filter.legend')}</legend>
            <div class="field">
              <label for="risk-factor">{t('risk.filter.factor')}</label>
              <select id="risk-factor" name="factor">
                <option value="">{t('risk.filter.any')}</option>
                {factorGroups(ctx).map((g) => (
                  <optgroup label={g.label}>
                    {g.options.map((o) => (
                      <option value={o.value} selected={o.value === filters.factor}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <LevelSelect ctx={ctx} kind="priority" values={PRIORITIES} value={filters.priority} />
            <LevelSelect ctx={ctx} kind="condition" values={CONDITIONS} value={filters.condition} />
            <LevelSelect ctx={ctx} kind="trend" values={TRENDS} value={filters.trend} />
            <div class="risk-filter-actions">
              <button type="submit">{t('risk.filter.apply')}</button>
              {filtered ? <a href="/risk">{t('risk.filter.clear')}</a> : null}
            </div>
          </fieldset>
        </form>
        <p class="risk-count" role="status">
          {t('risk.count', { count: items.length })}
        </p>
        {items.length ? (
          <>
            <WorldMap
              id="risk-map"
              label={t('risk.map')}
              note={t('risk.mapNote')}
              pins={located.map((i) => ({ lat: i.lat!, lon: i.lon!, label: titleOf(i)?.values[0] ?? i.recordId, href: `/risk/sites/${encodeURIComponent(i.recordId)}` }))}
            />
            <div class="table-scroll">
              <table class="data-table risk-register">
                <thead>
                  <tr>
                    <th scope="col">{t('risk.col.site')}</th>
                    <th scope="col">{t('risk.col.threats')}</th>
                    <th scope="col">{t('risk.condition')}</th>
                    <th scope="col">{t('risk.trend')}</th>
                    <th scope="col">{t('risk.priority')}</th>
                    <th scope="col">{t('risk.col.lastInspection')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => {
                    const title = titleOf(i);
                    return (
                      <tr>
                        <th scope="row">
                          <a href={`/risk/sites/${encodeURIComponent(i.recordId)}`} lang={title && title.lang !== lang ? title.lang : undefined} dir="auto">
                            {title?.values[0] ?? i.recordId}
                          </a>
                          {i.approximate ? <span class="risk-approximate"> ({t('risk.approximate')})</span> : null}
                        </th>
                        <td>
                          {i.threats.length ? (
                            <ul class="risk-threat-list">
                              {i.threats.map((th) => (
                                <li>{threatLabel(ctx, th.primary, th.secondary)}</li>
                              ))}
                            </ul>
                          ) : (
                            t('risk.none')
                          )}
                        </td>
                        <td>{levelLabel(ctx, 'condition', i.condition)}</td>
                        <td>{levelLabel(ctx, 'trend', i.trend)}</td>
                        <td>
                          <span class={`risk-priority risk-priority-${i.priority}`}>{levelLabel(ctx, 'priority', i.priority)}</span>
                        </td>
                        <td>{i.lastInspection ? <time datetime={i.lastInspection}>{dateLabel(lang, i.lastInspection)}</time> : t('risk.none')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p class="empty">{t('risk.empty')}</p>
        )}
      </div>
    </Layout>
  );
}

/** A select of condition, trend or priority values, with "any" first. */
export function LevelSelect(props: { ctx: PageContext; kind: 'condition' | 'trend' | 'priority'; values: readonly string[]; value?: string | null; any?: boolean; id?: string }) {
  const { ctx, kind } = props;
  const id = props.id ?? `risk-${kind}`;
  return (
    <div class="field">
      <label for={id}>{ctx.t(`risk.${kind}`)}</label>
      <select id={id} name={kind}>
        {props.any === false ? null : <option value="">{ctx.t('risk.filter.any')}</option>}
        {props.values.map((v) => (
          <option value={v} selected={v === props.value}>
            {levelLabel(ctx, kind, v)}
          </option>
        ))}
      </select>
    </div>
  );
}
