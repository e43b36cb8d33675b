import OpenSeadragon from 'openseadragon';

/**
 * The deep-zoom viewer: turns each `[data-viewer]` block (which shows a plain image without
 * JavaScript) into an OpenSeadragon viewer over the IIIF tiles listed in `data-info`. In a
 * `[data-compare]` block, a `[data-sync]` checkbox keeps every viewer on the same zoom and
 * centre while it is checked.
 */
function start(): void {
  const viewers: OpenSeadragon.Viewer[] = [];
  document.querySelectorAll<HTMLElement>('[data-viewer]').forEach((block) => {
    const infos = parseList(block.dataset.info);
    if (!infos.length) return;
    const stage = document.createElement('div');
    stage.className = 'viewer-stage';
    stage.setAttribute('role', 'application');
    stage.setAttribute('aria-label', block.dataset.label ?? 'Image viewer');
    block.prepend(stage);
    block.classList.add('viewer-live');
    const viewer = OpenSeadragon({
      element: stage,
      tileSources: infos,
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
  });
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

function parseList(raw: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.startsWith('/')) : [];
  } catch {
    return [];
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
