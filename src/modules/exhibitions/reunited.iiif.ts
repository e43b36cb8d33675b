import type { LangMap } from '../../shared/lang-map';
import { AppError } from '../../shared/errors';
import type { Actor } from '../accounts/actor';
import { getInstitution } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import { iiifLangMap, isEmptyMap, mergeItems, plainText, uiText } from '../interop/iiif-lang';
import { institutionAgent, institutionName, iiifRights, PRESENTATION_CONTEXT, thumbnailOf, type Canvas, type ImageResource, type Manifest } from '../interop/iiif-manifest';
import type { MetadataEntry } from '../interop/iiif-metadata';
import { listRecordMedia } from '../media/media.service';
import type { Media } from '../media/media.schema';
import { getRecord } from '../records/record.service';
import type { HeritageRecord } from '../records/record.schema';
import type { Store } from '../records/record.store';
import { getReunited } from './reunited.service';
import type { Fragment, ReunitedWork } from './reunited.types';

const THUMB = 200;

/** The URL of a reunited work's combined Manifest. */
export function reunitedManifestUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/iiif/manifest/reunited/${encodeURIComponent(id)}`;
}

/** A fragment with what its canvases are built from. */
export interface LoadedFragment {
  fragment: Fragment;
  record: HeritageRecord;
  institution: Institution | null;
  media: Media[];
}

/** The visible fragments of a work with their records, holders and visible ready images. */
export async function loadFragments(store: Store, actor: Actor, work: ReunitedWork, publicUrl: string): Promise<LoadedFragment[]> {
  const loaded = await Promise.all(
    work.fragments.map(async (fragment) => {
      const record = await getRecord(store, actor, fragment.recordId).catch(() => null);
      if (!record) return null;
      const [institution, media] = await Promise.all([getInstitution(store.db, record.institutionId).catch(() => null), listRecordMedia(store, actor, record.id, publicUrl).catch(() => [])]);
      return { fragment, record, institution, media: media.filter((m) => m.status === 'ready') };
    }),
  );
  return loaded.filter((x): x is LoadedFragment => x !== null);
}

/**
 * The combined Manifest of a reunited work: the canvases of every fragment the reader may see, in
 * the work's order, each painted from its holder's own image service — this server's for images
 * kept here, the remote holder's for a fragment whose images live there. 404 when no fragment has
 * an image to show.
 */
export async function reunitedManifest(store: Store, actor: Actor, id: string, publicUrl: string): Promise<Manifest> {
  const work = await getReunited(store, actor, id);
  const fragments = await loadFragments(store, actor, work, publicUrl);
  const base = reunitedManifestUrl(publicUrl, work.id);
  const items: Canvas[] = fragments.flatMap((f) => canvasesOf(base, f));
  if (!items.length) throw new AppError('NOT_FOUND', `Reunited work "${id}" has no images to show, so it has no IIIF Manifest`);
  const holders = [...new Map(fragments.filter((f) => f.institution).map((f) => [f.institution!.id, f.institution!])).values()];
  const title = iiifLangMap(work.title);
  const summary = plainText(iiifLangMap(work.summary));
  const metadata: MetadataEntry[] = work.history.map((h) => ({
    label: { none: [h.date] },
    value: plainText(isEmptyMap(iiifLangMap(h.note)) ? { none: [h.place] } : Object.fromEntries(Object.entries(iiifLangMap(h.note)).map(([k, v]) => [k, [`${h.place}: ${v.join(' ')}`]]))),
  }));
  return {
    '@context': PRESENTATION_CONTEXT,
    id: base,
    type: 'Manifest',
    label: isEmptyMap(title) ? { none: [work.id] } : title,
    ...(isEmptyMap(summary) ? {} : { summary }),
    metadata,
    requiredStatement: { label: uiText('record.heldBy'), value: plainText(mergeItems(holders.map(institutionName))) },
    provider: holders.map((h) => institutionAgent(h, publicUrl)),
    thumbnail: items[0].thumbnail,
    homepage: [{ id: `${publicUrl}/reunited/${encodeURIComponent(work.id)}`, type: 'Text', label: isEmptyMap(title) ? { none: [work.id] } : title, format: 'text/html' }],
    seeAlso: [{ id: `${publicUrl}/api/v1/reunited/${encodeURIComponent(work.id)}`, type: 'Dataset', format: 'application/json', profile: `${publicUrl}/api/openapi.json` }],
    partOf: [],
    behavior: ['individuals'],
    items,
  };
}

function canvasesOf(base: string, f: LoadedFragment): Canvas[] {
  const title = iiifLangMap(f.record.title);
  const label: LangMap = isEmptyMap(title) ? { none: [f.record.id] } : title;
  const rights = iiifRights(f.record.rights);
  const { fragment } = f;
  if (fragment.imageService && fragment.width && fragment.height) {
    const id = `${base}/canvas/${encodeURIComponent(f.record.id)}`;
    const service = [{ id: fragment.imageService, type: 'ImageService3' as const, profile: 'level0' as const }];
    const thumbHeight = Math.max(1, Math.round((fragment.height * THUMB) / fragment.width));
    const body: ImageResource = { id: `${fragment.imageService}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg', service: service as unknown as ImageResource['service'] };
    const thumb: ImageResource = { id: `${fragment.imageService}/full/${THUMB},/0/default.jpg`, type: 'Image', format: 'image/jpeg', width: THUMB, height: thumbHeight, service: service as unknown as ImageResource['service'] };
    return [canvas(id, label, fragment.width, fragment.height, body, thumb, rights)];
  }
  return f.media.map((m, i) => {
    const id = `${base}/canvas/${encodeURIComponent(f.record.id)}/${encodeURIComponent(m.id)}`;
    const body: ImageResource = { id: `${m.links.iiif}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg', service: [{ id: m.links.iiif, type: 'ImageService3', profile: 'level2' }] };
    const imageLabel = iiifLangMap(m.label);
    const own = f.media.length > 1 ? (isEmptyMap(imageLabel) ? Object.fromEntries(Object.entries(label).map(([k, v]) => [k, [`${v[0]} (${i + 1})`]])) : imageLabel) : label;
    return canvas(id, own, m.width, m.height, body, thumbnailOf(m), iiifRights(m.rights) ?? rights);
  });
}

function canvas(id: string, label: LangMap, width: number, height: number, body: ImageResource, thumb: ImageResource, rights: string | null): Canvas {
  return {
    id,
    type: 'Canvas',
    label,
    width,
    height,
    thumbnail: [thumb],
    ...(rights ? { rights } : {}),
    items: [{ id: `${id}/page`, type: 'AnnotationPage', items: [{ id: `${id}/page/painting`, type: 'Annotation', motivation: 'painting', body, target: id }] }],
  };
}
