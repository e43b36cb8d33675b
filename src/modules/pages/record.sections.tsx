import type { Child } from 'hono/jsx';
import { pickLang, type LangMap } from '../../shared/lang-map';
import { countryName } from '../../shared/country';
import { formatNumber, type MessageKey } from '../../shared/i18n/i18n';
import type { HeritageRecord } from '../records/record.schema';
import { textAttrs, type PageContext } from './context';
import { coordinatesLabel, dateLabel, kindLabel, languageName, safeHref, yearRangeLabel } from './format';
import { rightsLabel } from './rights';
import type { RecordPageData, RelatedRecord } from './record.data';

type Term = NonNullable<HeritageRecord['materials']>[number];

/** A text field in the wanted language (or every language, for inscriptions), saying the language when it falls back. */
export function TextSection(props: { ctx: PageContext; id: string; heading: string; map: LangMap | undefined; wanted: string; all?: boolean }) {
  const { ctx, map } = props;
  if (!map || !Object.values(map).some((v) => v.length)) return null;
  const picked = pickLang(map, props.wanted);
  const blocks = props.all ? Object.entries(map).filter(([, v]) => v.length) : picked ? [[picked.lang, picked.values] as [string, string[]]] : [];
  const base = (tag: string) => tag.split('-')[0].toLowerCase();
  return (
    <section class="text-section" aria-labelledby={`sec-${props.id}`}>
      <h2 id={`sec-${props.id}`}>{props.heading}</h2>
      {blocks.map(([lang, values]) => (
        <div class="text-block" {...textAttrs(ctx, lang)}>
          {lang !== 'none' && (base(lang) !== base(props.wanted) || (props.all && blocks.length > 1)) ? (
            <p class="lang-tag" lang={ctx.lang} dir={ctx.dir}>
              {ctx.t('record.inLanguage', { language: languageName(ctx.lang, lang) })}
            </p>
          ) : null}
          {values.map((v) => (
            <p>{v}</p>
          ))}
        </div>
      ))}
    </section>
  );
}

/** The record's catalogue data as a description list: what it is, when, where, of what, who holds it, rights, source. */
export function RecordDetails({ ctx, data, wanted }: { ctx: PageContext; data: RecordPageData; wanted: string }) {
  const { t, lang } = ctx;
  const r = data.record;
  const text = (map: LangMap | undefined, fallback = '') => {
    const p = pickLang(map, wanted);
    return <span {...textAttrs(ctx, p?.lang)}>{p?.values[0] ?? fallback}</span>;
  };
  const years = yearRangeLabel(lang, r.date?.yearFrom, r.date?.yearTo);
  const rights = rightsLabel(lang, r.rights);
  return (
    <aside class="record-details" aria-labelledby="details-title">
      <h2 id="details-title">{t('record.details')}</h2>
      <dl>
        <Row label={t('record.kind')}>{kindLabel(lang, r.kind)}</Row>
        {r.date ? (
          <Row label={t('record.date')}>
            <bdi>{r.date.display}</bdi>
            {years && years !== r.date.display ? <span class="sub">{t('record.years', { years })}</span> : null}
          </Row>
        ) : null}
        {r.agents?.length ? (
          <Row label={t('record.agents')}>
            <ul role="list">
              {r.agents.map((a) => (
                <li>
                  <MaybeLink href={safeHref(a.uri)}>{text(a.name)}</MaybeLink>
                  {a.dates ? <span class="sub-inline">{a.dates}</span> : null}
                  <span class="role">{a.role}</span>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {r.places?.length ? (
          <Row label={t('record.places')}>
            <ul role="list">
              {r.places.map((p) => (
                <li>
                  <MaybeLink href={safeHref(p.uri)}>{text(p.name)}</MaybeLink>
                  {p.role ? <span class="role">{p.role}</span> : null}
                  {p.country ? <span class="sub">{countryName(p.country, lang)}</span> : null}
                  {p.lat !== undefined && p.lon !== undefined ? (
                    <span class="sub">
                      <span class="visually-hidden">{t('record.coordinates')}</span>{' '}
                      <a href={`https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lon}#map=12/${p.lat}/${p.lon}`} title={t('record.onMap')} dir="ltr">
                        {coordinatesLabel(lang, p.lat, p.lon)}
                      </a>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        <TermRow ctx={ctx} label={t('record.objectTypes')} terms={r.objectTypes} wanted={wanted} />
        <TermRow ctx={ctx} label={t('record.materials')} terms={r.materials} wanted={wanted} />
        <TermRow ctx={ctx} label={t('record.techniques')} terms={r.techniques} wanted={wanted} />
        {r.dimensions?.length || r.dimensionsText ? (
          <Row label={t('record.dimensions')}>
            <ul role="list">
              {(r.dimensions ?? []).map((d) => (
                <li>
                  <bdi>{d.display ?? `${d.type}: ${formatNumber(lang, d.value)} ${d.unit}`}</bdi>
                </li>
              ))}
              {r.dimensionsText ? (
                <li>
                  <bdi>{r.dimensionsText}</bdi>
                </li>
              ) : null}
            </ul>
          </Row>
        ) : null}
        <TermRow ctx={ctx} label={t('record.subjects')} terms={r.subjects} wanted={wanted} />
        {r.languages?.length ? <Row label={t('record.languages')}>{r.languages.map((l) => languageName(lang, l)).join(' · ')}</Row> : null}
        {r.identifiers?.length ? (
          <Row label={t('record.identifiers')}>
            <ul role="list">
              {r.identifiers.map((i) => (
                <li>
                  <span class="role">{i.label ?? t(`identifier.${i.type}` as MessageKey)}</span> <MaybeLink href={i.type === 'uri' || i.type === 'doi' ? safeHref(i.type === 'doi' ? `https://doi.org/${i.value}` : i.value) : null}>
                    <bdi>{i.value}</bdi>
                  </MaybeLink>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        <Row label={t('record.heldBy')}>
          <a href={`/institutions/${encodeURIComponent(r.institutionId)}`}>{data.institution ? text(data.institution.name, r.institutionId) : r.institutionId}</a>
          <span class="sub">{countryName(r.country, lang)}</span>
        </Row>
        {r.creditLine ? <Row label={t('record.creditLine')}>{text(r.creditLine)}</Row> : null}
        <Row label={t('record.rights')}>
          {rights ? (
            <>
              <MaybeLink href={rights.href} rel="license">
                {rights.label}
              </MaybeLink>
              {rights.code ? <span class="tag tag-code">{rights.code}</span> : null}
              <span class="sub">{rights.open ? t('record.open') : t('record.restricted')}</span>
            </>
          ) : (
            <span>{t('record.noRights')}</span>
          )}
        </Row>
        {r.source ? (
          <Row label={t('record.source')}>
            <span>{t(`source.${r.source.kind}` as MessageKey)}</span>
            {r.source.system ? <span class="sub">{t('source.system', { system: r.source.system })}</span> : null}
            <span class="sub">{t('source.identifier', { identifier: r.source.identifier })}</span>
            {safeHref(r.source.url) ? (
              <span class="sub">
                <a href={safeHref(r.source.url)!}>{t('source.link')}</a>
              </span>
            ) : null}
          </Row>
        ) : null}
        <Row label={t('record.data')}>
          <a href={`/api/v1/records/${encodeURIComponent(r.id)}`} type="application/json">
            {t('record.json')}
          </a>
          <span class="sub">{t('record.updated', { date: dateLabel(lang, r.updatedAt) })}</span>
        </Row>
      </dl>
    </aside>
  );
}

/** Records related to this one, grouped by how they relate. */
export function RelatedRecords({ ctx, related, wanted, recordId }: { ctx: PageContext; related: RelatedRecord[]; wanted: string; recordId: string }) {
  if (!related.length) return null;
  const groups = new Map<string, RelatedRecord[]>();
  for (const r of related) groups.set(r.relation, [...(groups.get(r.relation) ?? []), r]);
  return (
    <section class="text-section related" aria-labelledby="sec-related">
      <h2 id="sec-related">{ctx.t('record.relations')}</h2>
      <dl>
        {[...groups].map(([relation, items]) => (
          <div class="detail-row">
            <dt>{ctx.t(`relation.${relation}` as MessageKey)}</dt>
            <dd>
              <ul role="list">
                {items.map(({ record }) => {
                  const title = pickLang(record.title, wanted);
                  return (
                    <li>
                      <a href={`/records/${encodeURIComponent(record.id)}`} {...textAttrs(ctx, title?.lang)}>
                        {title?.values[0] ?? ctx.t('record.untitled')}
                      </a>
                      <span class="sub-inline">{kindLabel(ctx.lang, record.kind)}</span>
                      <a class="sub-inline" href={`/compare?records=${encodeURIComponent(recordId)}&records=${encodeURIComponent(record.id)}`}>
                        {ctx.t('compare.title')}
                        <span class="visually-hidden">: {title?.values[0] ?? record.id}</span>
                      </a>
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Row(props: { label: string; children?: Child }) {
  return (
    <div class="detail-row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function TermRow(props: { ctx: PageContext; label: string; terms: Term[] | undefined; wanted: string }) {
  if (!props.terms?.length) return null;
  return (
    <Row label={props.label}>
      <ul role="list" class="terms">
        {props.terms.map((term) => {
          const p = pickLang(term.label, props.wanted);
          return (
            <li>
              <MaybeLink href={safeHref(term.uri)}>
                <span {...textAttrs(props.ctx, p?.lang)}>{p?.values[0] ?? term.uri ?? ''}</span>
              </MaybeLink>
            </li>
          );
        })}
      </ul>
    </Row>
  );
}

function MaybeLink(props: { href: string | null; rel?: string; children?: Child }) {
  return props.href ? (
    <a href={props.href} rel={props.rel}>
      {props.children}
    </a>
  ) : (
    <>{props.children}</>
  );
}
