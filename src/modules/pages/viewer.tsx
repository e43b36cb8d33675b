import { pickLang } from '../../shared/lang-map';
import type { Media } from '../media/media.schema';
import { textAttrs, type PageContext } from './context';
import { islandUrl, VIEWER_ICONS } from './island-assets';

/** The largest side of the plain image shown without JavaScript. */
const FALLBACK_SIDE = 1200;

/**
 * A record's images: a plain image (and thumbnails linking to each full image) that works
 * without JavaScript, which the viewer island turns into a deep-zoom viewer over IIIF tiles.
 */
export function ImageViewer(props: { ctx: PageContext; media: Media[]; title: string; wanted: string; headingId?: string }) {
  const { ctx, media } = props;
  const ready = media.filter((m) => m.status === 'ready');
  if (!ready.length) return null;
  const first = ready[0];
  const iiif = (m: Media) => `/iiif/3/${encodeURIComponent(m.id)}`;
  const label = (m: Media, i: number) => pickLang(m.label, props.wanted)?.values[0] ?? (ready.length > 1 ? ctx.t('viewer.imageN', { n: i + 1 }) : props.title);
  const scale = Math.min(1, FALLBACK_SIDE / Math.max(first.width, first.height));
  const firstLabel = pickLang(first.label, props.wanted);
  return (
    <div class="viewer" data-viewer data-info={JSON.stringify(ready.map((m) => `${iiif(m)}/info.json`))} data-label={ctx.t('viewer.label')} data-icons={VIEWER_ICONS}>
      <figure class="viewer-fallback">
        <a href={`${iiif(first)}/full/max/0/default.jpg`}>
          <img
            src={`${iiif(first)}/full/!${FALLBACK_SIDE},${FALLBACK_SIDE}/0/default.jpg`}
            alt={label(first, 0)}
            width={Math.round(first.width * scale)}
            height={Math.round(first.height * scale)}
          />
        </a>
        <figcaption>
          {firstLabel ? <span {...textAttrs(ctx, firstLabel.lang)}>{firstLabel.values[0]}</span> : null} <a href={`${iiif(first)}/full/max/0/default.jpg`}>{ctx.t('viewer.fullSize')}</a>
        </figcaption>
      </figure>
      {ready.length > 1 ? (
        <ol class="viewer-thumbs" role="list" aria-label={ctx.t('viewer.images')}>
          {ready.map((m, i) => (
            <li>
              <a href={`${iiif(m)}/full/max/0/default.jpg`}>
                <img src={`${iiif(m)}/full/!200,200/0/default.jpg`} alt={label(m, i)} loading="lazy" />
              </a>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

/** The script of the viewer island, for the page head. */
export function ViewerScript() {
  return <script src={islandUrl('viewer')} defer></script>;
}

/**
 * The images of remote IIIF manifests linked to a record: without JavaScript, links to the
 * manifests; the viewer island fetches them in the visitor's browser (nothing is copied here).
 */
export function RemoteImages(props: { ctx: PageContext; manifests: string[] }) {
  const { ctx } = props;
  return (
    <div class="viewer" data-viewer data-manifests={JSON.stringify(props.manifests)} data-label={ctx.t('viewer.label')} data-icons={VIEWER_ICONS}>
      <ul class="viewer-fallback viewer-remote" role="list">
        {props.manifests.map((url) => (
          <li>
            <a href={url} rel="external noopener" dir="ltr">
              {ctx.t('viewer.manifest')} — {hostOf(url)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The origins a page must allow (in its CSP) to show images of these manifests. */
export function manifestOrigins(manifests: string[]): string[] {
  return [...new Set(manifests.filter((u) => URL.canParse(u)).map((u) => new URL(u).origin))];
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
