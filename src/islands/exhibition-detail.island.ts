import OpenSeadragon from 'openseadragon';

/**
 * Image details of exhibitions, zoomable in place: each `[data-detail]` figure (a IIIF region shown
 * as a plain image, which works without JavaScript) gets a button that opens a deep-zoom viewer
 * over the whole image, framed on the detail, where the image was.
 */
function start(): void {
  for (const block of document.querySelectorAll<HTMLElement>('[data-detail]')) {
    const { info, region, zoomLabel, viewerLabel, icons } = block.dataset;
    const width = Number(block.dataset.width);
    const height = Number(block.dataset.height);
    if (!info || !region || !(width > 0) || !(height > 0)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button-secondary exh-zoom';
    button.textContent = zoomLabel ?? 'Zoom';
    block.append(button);
    button.addEventListener('click', () => {
      const stage = document.createElement('div');
      stage.className = 'viewer-stage exh-detail-stage';
      stage.setAttribute('role', 'application');
      stage.setAttribute('aria-label', viewerLabel ?? 'Image viewer');
      block.querySelector('.exh-image-link')?.replaceWith(stage);
      button.remove();
      const viewer = OpenSeadragon({ element: stage, tileSources: info, showNavigator: true, prefixUrl: icons ?? '/assets/openseadragon/', crossOriginPolicy: false });
      viewer.addHandler('open', () => {
        const r = regionRect(region, width, height);
        if (r) viewer.viewport.fitBounds(new OpenSeadragon.Rect(r.x, r.y, r.w, r.h), true);
        block.dataset.detailReady = 'true';
      });
      stage.focus();
    });
  }
}

/** A IIIF region in OpenSeadragon's viewport coordinates (the image's width is 1). */
export function regionRect(region: string, width: number, height: number): { x: number; y: number; w: number; h: number } | null {
  if (region === 'square') {
    const s = Math.min(width, height);
    return { x: (width - s) / 2 / width, y: (height - s) / 2 / width, w: s / width, h: s / width };
  }
  const pct = /^pct:([\d.]+),([\d.]+),([\d.]+),([\d.]+)$/.exec(region);
  if (pct) {
    const [x, y, w, h] = pct.slice(1).map(Number);
    const ratio = height / width;
    return { x: x / 100, y: (y / 100) * ratio, w: w / 100, h: (h / 100) * ratio };
  }
  const px = /^(\d+),(\d+),(\d+),(\d+)$/.exec(region);
  if (!px) return null;
  const [x, y, w, h] = px.slice(1).map(Number);
  return { x: x / width, y: y / width, w: w / width, h: h / width };
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
