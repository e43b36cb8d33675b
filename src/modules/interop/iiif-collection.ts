import type { LangMap } from '../../shared/lang-map';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import { iiifLangMap, isEmptyMap, mapTexts, plainText, uiText } from './iiif-lang';
import {
  institutionAgent,
  institutionCollectionUrl,
  institutionName,
  manifestUrl,
  PRESENTATION_CONTEXT,
  thumbnailOf,
  type Agent,
  type ImageResource,
  type LinkedResource,
} from './iiif-manifest';

/** A Manifest as a Collection lists it. */
export interface ManifestRef {
  id: string;
  type: 'Manifest';
  label: LangMap;
  thumbnail: ImageResource[];
}

/** A Collection as another Collection lists it. */
export interface CollectionRef {
  id: string;
  type: 'Collection';
  label: LangMap;
}

/** A IIIF Presentation 3 Collection, as this platform writes one. */
export interface Collection {
  '@context': string;
  id: string;
  type: 'Collection';
  label: LangMap;
  summary?: LangMap;
  provider?: Agent[];
  thumbnail?: ImageResource[];
  homepage: LinkedResource[];
  partOf?: CollectionRef[];
  items: (ManifestRef | CollectionRef)[];
}

/** Where one part of an institution's Collection starts: its number and the records cursor it continues from. */
export interface PartStart {
  part: number;
  cursor: string;
}

const PLATFORM_NAME = 'Heritage Commons';

/** The URL of the Collection of the whole library. */
export function topCollectionUrl(publicUrl: string): string {
  return `${publicUrl}/iiif/collection/top`;
}

/** The path segment naming a part after the first: `{part}.{cursor}` (a cursor never holds a dot). */
export function encodePart(start: PartStart): string {
  return `${start.part}.${start.cursor}`;
}

/** Reads a part segment; null when it is not one this server writes. */
export function decodePart(token: string): PartStart | null {
  const m = /^([1-9]\d{0,8})\.([A-Za-z0-9_-]{1,200})$/.exec(token);
  return m && Number(m[1]) >= 2 ? { part: Number(m[1]), cursor: m[2] } : null;
}

/** A record's Manifest as a Collection item: its title and the thumbnail of its first image. */
export function manifestRef(publicUrl: string, record: HeritageRecord, firstImage: Media): ManifestRef {
  const title = iiifLangMap(record.title);
  return { id: manifestUrl(publicUrl, record.id), type: 'Manifest', label: isEmptyMap(title) ? uiText('record.untitled') : title, thumbnail: [thumbnailOf(firstImage)] };
}

/** The whole library: one Collection per member institution. */
export function buildTopCollection(input: { institutions: Institution[]; publicUrl: string }): Collection {
  const { institutions, publicUrl } = input;
  return {
    '@context': PRESENTATION_CONTEXT,
    id: topCollectionUrl(publicUrl),
    type: 'Collection',
    label: { none: [PLATFORM_NAME] },
    summary: uiText('site.tagline'),
    homepage: [{ id: `${publicUrl}/`, type: 'Text', label: { none: [PLATFORM_NAME] }, format: 'text/html' }],
    items: institutions.map((i) => ({ id: institutionCollectionUrl(publicUrl, i.id), type: 'Collection', label: institutionName(i) })),
  };
}

/**
 * One part of an institution's Collection: its Manifests, then, when more records follow, the next
 * part as a Collection. Large catalogues become a chain of Collections of Collections, the way the
 * specification allows a Collection to be split, without counting the catalogue first.
 */
export function buildInstitutionCollection(input: {
  institution: Institution;
  publicUrl: string;
  start: PartStart | null;
  manifests: ManifestRef[];
  next: PartStart | null;
}): Collection {
  const { institution, publicUrl, start, manifests, next } = input;
  const base = institutionCollectionUrl(publicUrl, institution.id);
  const name = institutionName(institution);
  const summary = plainText(iiifLangMap(institution.description));
  const agent = institutionAgent(institution, publicUrl);
  return {
    '@context': PRESENTATION_CONTEXT,
    id: start ? `${base}/${encodePart(start)}` : base,
    type: 'Collection',
    label: start ? partLabel(name, start.part) : name,
    ...(!start && !isEmptyMap(summary) ? { summary } : {}),
    provider: [agent],
    ...(manifests.length ? { thumbnail: manifests[0].thumbnail } : {}),
    homepage: agent.homepage.slice(0, 1),
    ...(start ? { partOf: [{ id: base, type: 'Collection', label: name }] } : {}),
    items: [...manifests, ...(next ? [{ id: `${base}/${encodePart(next)}`, type: 'Collection' as const, label: partLabel(name, next.part) }] : [])],
  };
}

function partLabel(name: LangMap, part: number): LangMap {
  return mapTexts(name, (n) => `${n} (${part})`);
}
