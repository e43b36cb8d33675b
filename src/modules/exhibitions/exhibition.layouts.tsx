import { raw } from 'hono/html';
import { pickLang, type LangMap } from '../../shared/lang-map';
import { textAttrs, type PageContext } from '../pages/context';
import { yearRangeLabel } from '../pages/format';
import { WorldMap } from '../pages/world-map';
import { VIEWER_ICONS } from '../pages/island-assets';
import { ExhibitionImage } from './exhibition.images';
import { renderMarkdown } from './exhibition.markdown';
import type { Institution } from '../institutions/institution.schema';
import type { ViewChapter, ViewItem } from './exhibition.view';

/** What chapters need to render: the page, the language version shown, the holders. */
export interface ChapterContext {
  ctx: PageContext;
  lang: string;
  institutions: Map<string, Institution>;
}

const SIZES = {
  side: '(min-width: 60em) 45vw, 100vw',
  full: '(min-width: 75em) 72rem, 100vw',
  grid: '(min-width: 60em) 30vw, (min-width: 36em) 45vw, 100vw',
  half: '(min-width: 40em) 50vw, 100vw',
  small: '(min-width: 40em) 12rem, 40vw',
};

/** One chapter in its layout: text beside an image, full-width images, a grid, a comparison, a map or a timeline. */
export function ChapterSection({ c, chapter, index }: { c: ChapterContext; chapter: ViewChapter; index: number }) {
  const title = pick(chapter.title, c.lang);
  const body = pick(chapter.body, c.lang);
  const headingId = `ch-${index + 1}-title`;
  const text = body ? <div class="exh-text" {...textAttrs(c.ctx, body.lang)}>{raw(renderMarkdown(body.values.join('\n\n')))}</div> : null;
  const items = chapter.items;
  return (
    <section class={`exh-chapter exh-layout-${chapter.layout}`} id={`ch-${index + 1}`} aria-labelledby={headingId}>
      <h2 id={headingId} {...textAttrs(c.ctx, title?.lang)}>
        {title?.values[0] ?? c.ctx.t('exEditor.chapterN', { n: index + 1 })}
      </h2>
      {chapter.layout === 'text-image' ? (
        <>
          <div class="exh-split">
            {text}
            {items[0] ? <Figure c={c} item={items[0]} sizes={SIZES.side} /> : null}
          </div>
          {items.length > 1 ? <Grid c={c} items={items.slice(1)} /> : null}
        </>
      ) : chapter.layout === 'full-image' ? (
        <>
          {items.map((i) => (
            <Figure c={c} item={i} sizes={SIZES.full} wide />
          ))}
          {text}
        </>
      ) : chapter.layout === 'compare' ? (
        <>
          {text}
          <Compare c={c} items={items} />
        </>
      ) : chapter.layout === 'map' ? (
        <>
          {text}
          <ItemsMap c={c} items={items} id={`ch-${index + 1}-map`} />
          <Grid c={c} items={items} />
        </>
      ) : chapter.layout === 'timeline' ? (
        <>
          {text}
          <Timeline c={c} items={items} />
        </>
      ) : (
        <>
          {text}
          <Grid c={c} items={items} />
        </>
      )}
    </section>
  );
}

/** An item: its image (or detail) lazy-loaded from IIIF, its title linking to the record, date, holder and caption. */
export function Figure({ c, item, sizes, wide }: { c: ChapterContext; item: ViewItem; sizes: string; wide?: boolean }) {
  const { ctx } = c;
  const title = pickLang(item.record.title, c.lang);
  const titleText = title?.values[0] ?? ctx.t('record.untitled');
  const caption = pick(item.item.caption, c.lang);
  const holder = c.institutions.get(item.record.institutionId);
  const holderName = holder ? pickLang(holder.name, ctx.lang) : null;
  const href = `/records/${encodeURIComponent(item.record.id)}`;
  const region = item.image ? item.item.region : null;
  // A detail becomes zoomable in place with JavaScript: the island frames the whole image on the region.
  const detail =
    region && item.image
      ? { 'data-detail': '', 'data-info': `/iiif/3/${encodeURIComponent(item.image.id)}/info.json`, 'data-region': region, 'data-width': String(item.image.width), 'data-height': String(item.image.height), 'data-zoom-label': ctx.t('exhibitions.zoomDetail'), 'data-viewer-label': ctx.t('viewer.label'), 'data-icons': VIEWER_ICONS }
      : {};
  return (
    <figure class={`exh-figure${wide ? ' exh-figure-wide' : ''}`} {...detail}>
      {item.image ? (
        <a href={href} class="exh-image-link">
          <ExhibitionImage media={item.image} region={region} alt={titleText} sizes={sizes} />
        </a>
      ) : null}
      <figcaption>
        <strong class="exh-item-title" {...textAttrs(ctx, title?.lang)}>
          {item.access === 'full' ? <a href={href}>{titleText}</a> : titleText}
        </strong>
        {item.record.date ? <span class="exh-item-date">{item.record.date.display}</span> : null}
        {holderName ? <span class="exh-item-holder">{ctx.t('exhibitions.heldBy', { name: holderName.values[0] })}</span> : null}
        {caption ? (
          <span class="exh-item-caption" {...textAttrs(ctx, caption.lang)}>
            {caption.values[0]}
          </span>
        ) : null}
        {region && item.image ? (
          <span class="exh-item-detail">
            {ctx.t('exhibitions.detail')} · <a href={`/iiif/3/${encodeURIComponent(item.image.id)}/full/max/0/default.jpg`}>{ctx.t('exhibitions.fullImage')}</a>
          </span>
        ) : null}
        {item.access === 'entry' ? <span class="exh-item-note">{ctx.t('exhibitions.entryOnly')}</span> : null}
      </figcaption>
    </figure>
  );
}

function Grid({ c, items }: { c: ChapterContext; items: ViewItem[] }) {
  if (!items.length) return null;
  return (
    <ul class="exh-grid" role="list">
      {items.map((i) => (
        <li>
          <Figure c={c} item={i} sizes={SIZES.grid} />
        </li>
      ))}
    </ul>
  );
}

function Compare({ c, items }: { c: ChapterContext; items: ViewItem[] }) {
  const pair = items.slice(0, 2);
  const comparable = pair.length === 2 && pair.every((i) => i.access === 'full');
  return (
    <>
      <div class="exh-compare">
        {pair.map((i) => (
          <Figure c={c} item={i} sizes={SIZES.half} />
        ))}
      </div>
      {comparable ? (
        <p class="exh-compare-link">
          <a href={`/compare?records=${pair.map((i) => encodeURIComponent(i.record.id)).join(',')}`}>{c.ctx.t('exhibitions.compareThese')}</a>
        </p>
      ) : null}
      {items.length > 2 ? <Grid c={c} items={items.slice(2)} /> : null}
    </>
  );
}

function ItemsMap({ c, items, id }: { c: ChapterContext; items: ViewItem[]; id: string }) {
  const located = items.filter((i) => i.lat !== null && i.lon !== null);
  if (!located.length) return null;
  return (
    <WorldMap
      id={id}
      label={c.ctx.t('exhibitions.mapLabel')}
      note={c.ctx.t('exhibitions.mapNote')}
      pins={located.map((i) => ({
        lat: i.lat!,
        lon: i.lon!,
        label: pickLang(i.record.title, c.lang)?.values[0] ?? i.record.id,
        ...(i.access === 'full' ? { href: `/records/${encodeURIComponent(i.record.id)}` } : {}),
      }))}
    />
  );
}

function Timeline({ c, items }: { c: ChapterContext; items: ViewItem[] }) {
  const sorted = [...items].sort((a, b) => (a.yearFrom ?? Infinity) - (b.yearFrom ?? Infinity));
  return (
    <ol class="exh-timeline" aria-label={c.ctx.t('exhibitions.timelineLabel')}>
      {sorted.map((i) => (
        <li>
          <p class="exh-timeline-year">{yearRangeLabel(c.ctx.lang, i.yearFrom, i.yearTo) ?? c.ctx.t('exhibitions.undated')}</p>
          <Figure c={c} item={i} sizes={SIZES.small} />
        </li>
      ))}
    </ol>
  );
}

/** The texts of a language map in the version's language only: a language version never borrows another's text. */
export function pick(map: LangMap, lang: string): { lang: string; values: string[] } | null {
  const values = map[lang] ?? Object.entries(map).find(([k]) => k.split('-')[0].toLowerCase() === lang)?.[1];
  return values?.length ? { lang, values } : null;
}
