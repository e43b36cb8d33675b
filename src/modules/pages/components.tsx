import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { pickLang, type LangMap } from '../../shared/lang-map';
import type { SearchHit } from '../search/search.types';
import type { Institution } from '../institutions/institution.schema';
import { countryName } from '../../shared/country';
import { textAttrs, type PageContext } from './context';
import { institutionKindLabel, kindLabel, yearRangeLabel } from './format';

/** Institutions by id, to name the holder of each result. */
export type InstitutionIndex = Map<string, Institution>;

/** Text from a language map in the visitor's language (or its fallback), marked with the language it is in. */
export function LangText(props: { ctx: PageContext; map: LangMap | undefined | null; fallback?: string; as?: 'span' | 'p' | 'div' }) {
  const picked = pickLang(props.map, props.ctx.lang);
  const text = picked?.values[0] ?? props.fallback ?? '';
  const attrs = textAttrs(props.ctx, picked?.lang);
  if (props.as === 'p') return <p {...attrs}>{text}</p>;
  if (props.as === 'div') return <div {...attrs}>{text}</div>;
  return <span {...attrs}>{text}</span>;
}

/** Inline text in a language that may differ from the page's: marked with lang and dir only when it does. */
export function InLang(props: { ctx: PageContext; lang: string | null | undefined; children?: Child }) {
  const attrs = textAttrs(props.ctx, props.lang);
  return attrs.lang || attrs.dir ? <span {...attrs}>{props.children}</span> : <>{props.children}</>;
}

/** One record in a list: title, holder, date, kind, and the matching passage when searching. */
export function RecordCard(props: { ctx: PageContext; hit: SearchHit; institutions: InstitutionIndex; headingLevel?: 2 | 3; compare?: boolean; batch?: BatchSelection }) {
  const { ctx, hit } = props;
  const inst = props.institutions.get(hit.institutionId);
  const date = hit.date ?? yearRangeLabel(ctx.lang, hit.yearFrom, hit.yearTo);
  const title = <LangText ctx={ctx} map={hit.title} fallback={ctx.t('record.untitled')} />;
  return (
    <li class="record-card">
      {props.headingLevel === 2 ? (
        <h2 class="record-card-title">
          <a href={`/records/${encodeURIComponent(hit.id)}`}>{title}</a>
        </h2>
      ) : (
        <h3 class="record-card-title">
          <a href={`/records/${encodeURIComponent(hit.id)}`}>{title}</a>
        </h3>
      )}
      <p class="record-card-meta">
        <span class="tag">{kindLabel(ctx.lang, hit.kind)}</span>
        {date ? <span class="meta-item">{date}</span> : null}
        {inst ? (
          <span class="meta-item">
            <LangText ctx={ctx} map={inst.name} fallback={inst.id} />
          </span>
        ) : null}
        {hit.hasMedia ? <span class="meta-item">{ctx.t('facetValue.withImages')}</span> : null}
      </p>
      {/* The snippet is escaped by the search service; only its <mark> tags are markup. */}
      {hit.snippet ? (
        <p class="record-card-snippet" dir="auto">
          {raw(hit.snippet)}
        </p>
      ) : null}
      {props.compare ? (
        <p class="compare-check">
          <input type="checkbox" id={`compare-${hit.id}`} name="records" value={hit.id} />
          <label for={`compare-${hit.id}`}>
            {ctx.t('compare.select')}
            <span class="visually-hidden">: {pickLang(hit.title, ctx.lang)?.values[0] ?? hit.id}</span>
          </label>
        </p>
      ) : null}
      {props.batch?.editable.has(hit.id) ? <BatchCheck ctx={ctx} hit={hit} checked={!!props.batch.selected?.has(hit.id)} /> : null}
    </li>
  );
}

/** The results a staff member may edit (and those ticked in a batch form sent back). */
export type BatchSelection = { editable: Set<string>; selected?: Set<string> };

/** The box that selects a record for the batch edit form (`#batch-edit`) of a search page, for those who may edit it. */
export function BatchCheck({ ctx, hit, checked }: { ctx: PageContext; hit: SearchHit; checked: boolean }) {
  return (
    <p class="batch-check">
      <input type="checkbox" id={`batch-${hit.id}`} name="records" value={hit.id} form="batch-edit" checked={checked} />
      <label for={`batch-${hit.id}`}>
        {ctx.t('batch.select')}
        <span class="visually-hidden">: {pickLang(hit.title, ctx.lang)?.values[0] ?? hit.id}</span>
      </label>
    </p>
  );
}

/** A list of record cards. */
export function RecordList(props: { ctx: PageContext; hits: SearchHit[]; institutions: InstitutionIndex; headingLevel?: 2 | 3; compare?: boolean; batch?: BatchSelection }) {
  return (
    <ol class="record-list" role="list">
      {props.hits.map((hit) => (
        <RecordCard ctx={props.ctx} hit={hit} institutions={props.institutions} headingLevel={props.headingLevel} compare={props.compare} batch={props.batch} />
      ))}
    </ol>
  );
}

/** One member institution in a grid: name, kind, place, and its record count when known. */
export function InstitutionCard(props: { ctx: PageContext; inst: Institution; count?: number; headingLevel?: 2 | 3 }) {
  const { ctx, inst } = props;
  const name = (
    <a href={`/institutions/${encodeURIComponent(inst.id)}`}>
      <LangText ctx={ctx} map={inst.name} fallback={inst.id} />
    </a>
  );
  return (
    <li class="institution-card">
      {props.headingLevel === 2 ? <h2 class="institution-card-name">{name}</h2> : <h3 class="institution-card-name">{name}</h3>}
      <p class="institution-card-meta">
        <span class="meta-item">{institutionKindLabel(ctx.lang, inst.kind)}</span>
        {inst.city ? <span class="meta-item">{inst.city}</span> : null}
        <span class="meta-item">{countryName(inst.country, ctx.lang)}</span>
      </p>
      {props.count !== undefined ? <p class="institution-card-count">{ctx.t('inst.records', { count: props.count })}</p> : null}
    </li>
  );
}

/** A search box (GET /search), labelled, for the home page and the institution page. */
export function SearchBox(props: { ctx: PageContext; id: string; label: string; hint?: string; hidden?: Record<string, string> }) {
  const { ctx } = props;
  const hintId = `${props.id}-hint`;
  return (
    <form class="search-box" action="/search" method="get" role="search">
      <label class="search-box-label" for={props.id}>
        {props.label}
      </label>
      <div class="search-box-row">
        <input id={props.id} type="search" name="q" aria-describedby={props.hint ? hintId : undefined} data-typeahead="" />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit">{ctx.t('search.submit')}</button>
      </div>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </form>
  );
}

/** A page heading with an optional line below it. */
export function PageHeading(props: { title: Child; lead?: Child; attrs?: Record<string, string> }) {
  return (
    <div class="page-heading">
      <h1 {...(props.attrs ?? {})}>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </div>
  );
}
