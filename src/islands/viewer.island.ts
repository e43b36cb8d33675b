import OpenSeadragon from 'openseadragon';
import { manifestImages } from './iiif-manifest-images';

/**
 * The deep-zoom viewer: turns each `[data-viewer]` block (which shows a plain image without
 * JavaScript) into an OpenSeadragon viewer over the IIIF tiles listed in `data-info`. In a
 * `[data-compare]` block, a `[data-sync]` checkbox keeps every viewer on the same zoom and
 * centre while it is checked.
 */
async function start(): Promise<void> {
  const viewers: OpenSeadragon.Viewer[] = [];
  for (const block of document.querySelectorAll<HTMLElement>('[data-viewer]')) {
    const infos: (string | { type: 'image'; url: string })[] = parseList(block.dataset.info, true);
    if (block.dataset.manifests) infos.push(...(await remoteImages(parseList(block.dataset.manifests, false))));
    if (!infos.length) continue;
    const stage = document.createElement('div');
    stage.className = 'viewer-stage';
    stage.setAttribute('role', 'application');
    stage.setAttribute('aria-label', block.dataset.label ?? 'Image viewer');
    block.prepend(stage);
    block.classList.add('viewer-live');
    const viewer = OpenSeadragon({
      element: stage,
      // OpenSeadragon takes `{ type: 'image', url }` for plain images; its typings do not list it in arrays.
      tileSources: infos as unknown as string[],
      sequenceMode: infos.length > 1,
      showReferenceStrip: infos.length > 1,
      showNavigator: true,
      prefixUrl: block.dataset.icons ?? '/assets/openseadragon/',
      crossOriginPolicy: false,
      gestureSettingsMouse: { clickToZoom: true, scrollToZoom: true },
    });
    viewers.push(viewer);
    // The zoom level is mirrored on the block, for people's tools and the browser tests alike.
    viewer.addHandler('zoom', (e) => {
      block.dataset.zoom = (e.zoom ?? viewer.viewport.getZoom()).toFixed(3);
    });
    block.dataset.viewerReady = 'true';
  }
  document.querySelectorAll<HTMLElement>('[data-compare]').forEach((compare) => {
    const sync = compare.querySelector<HTMLInputElement>('input[data-sync]');
    const row = compare.querySelector<HTMLElement>('[data-sync-row]');
    if (!sync || !row || viewers.length < 2) return;
    // The switch only means something with JavaScript: it is hidden in the page until now.
    row.hidden = false;
    synchronise(viewers, sync);
  });
}

/** Follows the viewer the person moves with all others, while the checkbox is checked. */
function synchronise(viewers: OpenSeadragon.Viewer[], toggle: HTMLInputElement): void {
  let leading: OpenSeadragon.Viewer | null = null;
  for (const viewer of viewers) {
    const follow = () => {
      if (!toggle.checked || (leading && leading !== viewer)) return;
      leading = viewer;
      const zoom = viewer.viewport.getZoom();
      const centre = viewer.viewport.getCenter();
      for (const other of viewers) {
        if (other === viewer) continue;
        other.viewport.zoomTo(zoom, undefined, true);
        other.viewport.panTo(centre, true);
      }
      leading = null;
    };
    viewer.addHandler('zoom', follow);
    viewer.addHandler('pan', follow);
  }
}

/** The images of remote manifests, fetched by the browser; a manifest that cannot be read is skipped. */
async function remoteImages(manifests: string[]): Promise<(string | { type: 'image'; url: string })[]> {
  const lists = await Promise.all(
    manifests.map((url) =>
      fetch(url, { headers: { accept: 'application/ld+json, application/json' }, credentials: 'omit' })
        .then((r) => (r.ok ? r.json() : null))
        .then((json) => manifestImages(json))
        .catch(() => []),
    ),
  );
  return lists.flat().map((img) => img.info ?? { type: 'image' as const, url: img.url! });
}

/** A JSON list of URLs from a data attribute: our own paths, or (for remote manifests) web URLs. */
function parseList(raw: string | undefined, ownPaths: boolean): string[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    const ok = (v: unknown): v is string => typeof v === 'string' && (ownPaths ? v.startsWith('/') && !v.startsWith('//') : /^https?:\/\//.test(v));
    return Array.isArray(value) ? value.filter(ok) : [];
  } catch {
    return [];
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
