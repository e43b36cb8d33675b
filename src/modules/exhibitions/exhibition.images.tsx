import type { Media } from '../media/media.schema';

/** The widths an exhibition image is offered at; the browser picks one for the space and the screen. */
export const IMAGE_WIDTHS = [320, 640, 960, 1280, 1920] as const;

/** The size of a IIIF region of an image, in pixels (the whole image when the region is null or unreadable). */
export function regionSize(region: string | null, width: number, height: number): { w: number; h: number } {
  if (!region) return { w: width, h: height };
  if (region === 'square') return { w: Math.min(width, height), h: Math.min(width, height) };
  const pct = /^pct:([\d.]+),([\d.]+),([\d.]+),([\d.]+)$/.exec(region);
  if (pct) {
    const [x, y, w, h] = pct.slice(1).map(Number);
    return { w: Math.max(1, Math.round((Math.min(w, 100 - x) / 100) * width)), h: Math.max(1, Math.round((Math.min(h, 100 - y) / 100) * height)) };
  }
  const px = /^(\d+),(\d+),(\d+),(\d+)$/.exec(region);
  if (px) {
    const [x, y, w, h] = px.slice(1).map(Number);
    return { w: Math.max(1, Math.min(w, width - x)), h: Math.max(1, Math.min(h, height - y)) };
  }
  return { w: width, h: height };
}

/** `srcset` of a IIIF image (or region) at the offered widths no wider than the region itself. */
export function iiifSrcset(base: string, region: string | null, regionWidth: number): { src: string; srcset: string } {
  const widths = IMAGE_WIDTHS.filter((w) => w < regionWidth);
  const all = [...widths, ...(regionWidth <= IMAGE_WIDTHS.at(-1)! ? [regionWidth] : [])];
  const r = region ?? 'full';
  const url = (w: number) => `${base}/${r}/${w},/0/default.jpg`;
  const list = all.length ? all : [IMAGE_WIDTHS.at(-1)!];
  const src = url(list.find((w) => w >= 640) ?? list.at(-1)!);
  return { src, srcset: list.map((w) => `${url(w)} ${w}w`).join(', ') };
}

/**
 * An image of an exhibition, lazy-loaded at the right size from the IIIF image server: `srcset` at
 * several widths, `sizes` from the layout, width and height so the page does not jump as it loads.
 */
export function ExhibitionImage(props: { media: Media; region?: string | null; alt: string; sizes: string; eager?: boolean; class?: string }) {
  const { media } = props;
  const region = props.region ?? null;
  const { w, h } = regionSize(region, media.width, media.height);
  const { src, srcset } = iiifSrcset(`/iiif/3/${encodeURIComponent(media.id)}`, region, w);
  return <img class={props.class} src={src} srcset={srcset} sizes={props.sizes} width={w} height={h} alt={props.alt} loading={props.eager ? 'eager' : 'lazy'} decoding="async" />;
}

/** The same for an image on another holder's IIIF image service (remote fragments). */
export function RemoteImage(props: { service: string; width: number; height: number; alt: string; sizes: string }) {
  const { src, srcset } = iiifSrcset(props.service, null, props.width);
  return <img src={src} srcset={srcset} sizes={props.sizes} width={props.width} height={props.height} alt={props.alt} loading="lazy" decoding="async" />;
}
