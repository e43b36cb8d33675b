import { pickLang, type LangMap } from '../../shared/lang-map';
import { textAttrs, type PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { MAX_COMPARED } from '../pages/compare.page';
import { WorldMap } from '../pages/world-map';
import { yearRangeLabel } from '../pages/format';
import { edtfYears } from '../records/record.dates';
import { ExhibitionImage, RemoteImage } from './exhibition.images';
import type { LoadedFragment } from './reunited.iiif';
import type { ReunitedWork } from './reunited.types';

const FRAGMENT_SIZES = '(min-width: 60em) 30vw, (min-width: 36em) 45vw, 100vw';

/** `/reunited/:id`: the fragments side by side, the history of their dispersal on a list and a map, the combined manifest. */
export function ReunitedPage({ ctx, work, fragments, canEdit }: { ctx: PageContext; work: ReunitedWork; fragments: LoadedFragment[]; canEdit?: boolean }) {
  const { t } = ctx;
  const title = pickLang(work.title, ctx.lang);
  const summary = pickLang(work.summary, ctx.lang);
  const titleText = title?.values[0] ?? work.id;
  const compared = fragments.slice(0, MAX_COMPARED).map((f) => encodeURIComponent(f.record.id));
  const places = work.history.filter((h) => typeof h.lat === 'number' && typeof h.lon === 'number');
  return (
    <Layout ctx={ctx} title={titleText} section="exhibitions" description={summary?.values[0]}>
      <div class="wrap reunited">
        <p class="exh-kicker">
          <a href="/exhibitions">{t('reunited.title')}</a>
        </p>
        <PageHeading
          title={<span {...textAttrs(ctx, title?.lang)}>{titleText}</span>}
          lead={summary ? <span {...textAttrs(ctx, summary.lang)}>{summary.values[0]}</span> : undefined}
        />
        <p class="exh-card-meta">{t('reunited.fragments', { count: fragments.length })}</p>
        {fragments.length ? (
          <ul class="reunited-fragments" role="list">
            {fragments.map((f) => (
              <li>
                <FragmentFigure ctx={ctx} f={f} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('reunited.noFragments')}</p>
        )}
        <p class="exh-links">
          {compared.length > 1 ? (
            <>
              <a class="exh-button-link" href={`/compare?records=${compared.join(',')}`}>
                {t('reunited.compare')}
              </a>{' '}
              ·{' '}
            </>
          ) : null}
          <a href={`/iiif/manifest/reunited/${encodeURIComponent(work.id)}`}>{t('reunited.manifest')}</a>
          {canEdit ? (
            <>
              {' '}
              · <a href={`/reunited/${encodeURIComponent(work.id)}/edit`}>{t('reunited.edit')}</a>
            </>
          ) : null}
        </p>
        {work.history.length ? (
          <section aria-labelledby="rw-history" class="reunited-history">
            <h2 id="rw-history">{t('reunited.history')}</h2>
            {places.length ? (
              <WorldMap id="rw-map" label={t('reunited.historyMap')} note={t('reunited.historyNote')} pins={places.map((h) => ({ lat: h.lat!, lon: h.lon!, label: `${h.place} (${dateText(ctx, h.date)})` }))} />
            ) : null}
            <ol class="exh-timeline">
              {work.history.map((h) => (
                <li>
                  <p class="exh-timeline-year">
                    {dispersalDate(ctx, h.date)}
                  </p>
                  <p>
                    <strong dir="auto">{h.place}</strong>
                  </p>
                  <Note ctx={ctx} map={h.note} />
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

function FragmentFigure({ ctx, f }: { ctx: PageContext; f: LoadedFragment }) {
  const title = pickLang(f.record.title, ctx.lang);
  const titleText = title?.values[0] ?? ctx.t('record.untitled');
  const holder = f.institution ? pickLang(f.institution.name, ctx.lang)?.values[0] : null;
  const href = `/records/${encodeURIComponent(f.record.id)}`;
  const { fragment } = f;
  return (
    <figure class="exh-figure">
      {f.media[0] ? (
        <a href={href} class="exh-image-link">
          <ExhibitionImage media={f.media[0]} alt={titleText} sizes={FRAGMENT_SIZES} />
        </a>
      ) : fragment.imageService && fragment.width && fragment.height ? (
        <a href={href} class="exh-image-link">
          <RemoteImage service={fragment.imageService} width={fragment.width} height={fragment.height} alt={titleText} sizes={FRAGMENT_SIZES} />
        </a>
      ) : null}
      <figcaption>
        <strong class="exh-item-title" {...textAttrs(ctx, title?.lang)}>
          <a href={href}>{titleText}</a>
        </strong>
        {f.record.date ? <span class="exh-item-date">{f.record.date.display}</span> : null}
        {holder ? <span class="exh-item-holder">{ctx.t('exhibitions.heldBy', { name: holder })}</span> : null}
        {!f.media[0] && fragment.imageService ? <span class="exh-item-note">{ctx.t('reunited.remoteImage')}</span> : null}
      </figcaption>
    </figure>
  );
}

function Note({ ctx, map }: { ctx: PageContext; map: LangMap }) {
  const picked = pickLang(map, ctx.lang);
  return picked ? <p {...textAttrs(ctx, picked.lang)}>{picked.values[0]}</p> : null;
}

/** An EDTF date of the dispersal as years in the visitor's language (the EDTF itself when it has no year range). */
function dateText(ctx: PageContext, edtf: string): string {
  const years = edtfYears(edtf);
  return (years && yearRangeLabel(ctx.lang, years.from, years.to)) || edtf;
}

function dispersalDate(ctx: PageContext, edtf: string) {
  return <span title={edtf}>{dateText(ctx, edtf)}</span>;
}
