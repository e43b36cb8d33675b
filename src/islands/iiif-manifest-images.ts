/** One image of a remote IIIF manifest, as the viewer can show it. */
export interface ManifestImage {
  /** An IIIF Image API info.json URL (deep zoom), or null when the image is a plain file. */
  info: string | null;
  /** A plain image URL, for images without an image service. */
  url: string | null;
  label: string | null;
}

type Json = Record<string, unknown>;

/**
 * The images of an IIIF Presentation 3 or 2 manifest, canvas by canvas, in order: the image
 * service's info.json where there is one (Image API 2 or 3), else the image file itself.
 * Pure (no DOM): the viewer island and the tests use it alike.
 */
export function manifestImages(manifest: unknown): ManifestImage[] {
  if (!isObject(manifest)) return [];
  const out: ManifestImage[] = [];
  if (Array.isArray(manifest.items)) {
    for (const canvas of manifest.items.filter(isObject)) {
      for (const page of asArray(canvas.items).filter(isObject)) {
        for (const anno of asArray(page.items).filter(isObject)) {
          if (anno.motivation !== undefined && anno.motivation !== 'painting') continue;
          for (const body of bodies(anno.body)) {
            if (body.type !== undefined && body.type !== 'Image') continue;
            out.push(image(body, firstLabel(canvas.label)));
          }
        }
      }
    }
    return out.filter((i) => i.info || i.url);
  }
  // Presentation 2: sequences → canvases → images → resource (with a service).
  const sequence = asArray(manifest.sequences).find(isObject);
  for (const canvas of asArray(sequence?.canvases).filter(isObject)) {
    for (const img of asArray(canvas.images).filter(isObject)) {
      if (isObject(img.resource)) out.push(image(img.resource, firstLabel(canvas.label)));
    }
  }
  return out.filter((i) => i.info || i.url);
}

function image(body: Json, label: string | null): ManifestImage {
  const service = asArray(body.service)
    .filter(isObject)
    .find((s) => /ImageService[23]|image-api|iiif\.io\/api\/image/i.test(`${s.type ?? s['@type'] ?? ''} ${s.profile ?? ''} ${s['@context'] ?? ''}`));
  const serviceId = service ? str(service.id) ?? str(service['@id']) : null;
  return {
    info: serviceId && isWebUrl(serviceId) ? `${serviceId.replace(/\/+$/, '')}/info.json` : null,
    url: (() => {
      const u = str(body.id) ?? str(body['@id']);
      return u && isWebUrl(u) ? u : null;
    })(),
    label,
  };
}

/** A body may be a Choice of alternatives: the first one (the default) is shown. */
function bodies(body: unknown): Json[] {
  if (!isObject(body)) return Array.isArray(body) ? body.filter(isObject) : [];
  if (body.type === 'Choice') return asArray(body.items).filter(isObject).slice(0, 1);
  return [body];
}

function firstLabel(label: unknown): string | null {
  if (typeof label === 'string') return label;
  if (isObject(label)) {
    for (const values of Object.values(label)) if (Array.isArray(values) && typeof values[0] === 'string') return values[0];
  }
  return null;
}

function isWebUrl(u: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(u);
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
