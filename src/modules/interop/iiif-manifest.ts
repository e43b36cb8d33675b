import type { LangMap } from '../../shared/lang-map';
import { textDirection } from '../../shared/i18n/i18n';
import type { Institution } from '../institutions/institution.schema';
import { DEFAULT_LIMITS } from '../media/iiif/iiif-info';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import { iiifLangMap, isEmptyMap, plainText, uiText } from './iiif-lang';
import { recordMetadata, type MetadataEntry } from './iiif-metadata';

/** The JSON-LD context of every IIIF Presentation 3 document. */
export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

/** A IIIF Image API 3 service reference. */
export interface ImageService {
  id: string;
  type: 'ImageService3';
  profile: 'level2';
}

/** An image content resource (painting body or thumbnail). */
export interface ImageResource {
  id: string;
  type: 'Image';
  format: string;
  width?: number;
  height?: number;
  service: ImageService[];
}

/** A link to a resource outside IIIF (homepage, seeAlso, partOf). */
export interface LinkedResource {
  id: string;
  type: string;
  label?: LangMap;
  format?: string;
  profile?: string;
}

/** A provider: an organisation as IIIF describes it. */
export interface Agent {
  id: string;
  type: 'Agent';
  label: LangMap;
  homepage: LinkedResource[];
  seeAlso: LinkedResource[];
}

/** One view of the object, painted by one image. */
export interface Canvas {
  id: string;
  type: 'Canvas';
  label: LangMap;
  width: number;
  height: number;
  thumbnail: ImageResource[];
  rights?: string;
  items: {
    id: string;
    type: 'AnnotationPage';
    items: { id: string; type: 'Annotation'; motivation: 'painting'; body: ImageResource; target: string }[];
  }[];
}

/** A IIIF Presentation 3 Manifest, as this platform writes one. */
export interface Manifest {
  '@context': string;
  id: string;
  type: 'Manifest';
  label: LangMap;
  summary?: LangMap;
  metadata: MetadataEntry[];
  requiredStatement: MetadataEntry;
  rights?: string;
  provider: Agent[];
  thumbnail?: ImageResource[];
  homepage: LinkedResource[];
  seeAlso: LinkedResource[];
  partOf: LinkedResource[];
  navDate?: string;
  behavior: string[];
  viewingDirection?: 'left-to-right' | 'right-to-left';
  items: Canvas[];
}

const PAGED_KINDS = ['manuscript', 'rare-book'];
// Media.links.thumbnail is the 200 px derivative (narrower images keep their width).
const THUMB_WIDTH = 200;
const RIGHTS_STATEMENTS = ['InC', 'InC-OW-EU', 'InC-EDU', 'InC-NC', 'InC-RUU', 'NoC-CR', 'NoC-NC', 'NoC-OKLR', 'NoC-US', 'CNE', 'UND', 'NKC'];

/** The URL of a record's Manifest. */
export function manifestUrl(publicUrl: string, recordId: string): string {
  return `${publicUrl}/iiif/manifest/${encodeURIComponent(recordId)}`;
}

/** The URL of an institution's Collection. */
export function institutionCollectionUrl(publicUrl: string, institutionId: string): string {
  return `${publicUrl}/iiif/collection/institution/${encodeURIComponent(institutionId)}`;
}

/**
 * The Manifest of a record: a Canvas per image (ready and visible to the reader, in position order),
 * descriptive metadata, the holding institution as requiredStatement and provider, and links to the
 * record's page (homepage) and its JSON in the records API (seeAlso).
 */
export function buildManifest(input: { record: HeritageRecord; institution: Institution; images: Media[]; publicUrl: string }): Manifest {
  const { record, institution, images, publicUrl } = input;
  const id = manifestUrl(publicUrl, record.id);
  const rights = iiifRights(record.rights);
  const title = iiifLangMap(record.title);
  const label = isEmptyMap(title) ? uiText('record.untitled') : title;
  const summary = plainText(iiifLangMap(record.description));
  const name = institutionName(institution);
  const navDate = navDateOf(record.date?.yearFrom);
  const paged = PAGED_KINDS.includes(record.kind);
  return {
    '@context': PRESENTATION_CONTEXT,
    id,
    type: 'Manifest',
    label,
    ...(isEmptyMap(summary) ? {} : { summary }),
    metadata: recordMetadata(record, { rightsInMetadata: !rights }),
    requiredStatement: { label: uiText('record.heldBy'), value: plainText(name) },
    ...(rights ? { rights } : {}),
    provider: [institutionAgent(institution, publicUrl)],
    ...(images.length ? { thumbnail: [thumbnailOf(images[0])] } : {}),
    homepage: [{ id: `${publicUrl}/records/${encodeURIComponent(record.id)}`, type: 'Text', label, format: 'text/html' }],
    // The record's own JSON; it documents itself in the OpenAPI description.
    seeAlso: [{ id: `${publicUrl}/api/v1/records/${encodeURIComponent(record.id)}`, type: 'Dataset', label: uiText('record.json'), format: 'application/json', profile: `${publicUrl}/api/openapi.json` }],
    partOf: [{ id: institutionCollectionUrl(publicUrl, institution.id), type: 'Collection', label: name }],
    ...(navDate ? { navDate } : {}),
    behavior: [paged ? 'paged' : 'individuals'],
    ...(paged ? { viewingDirection: textDirection(record.languages?.[0] ?? '') === 'rtl' ? 'right-to-left' : 'left-to-right' } : {}),
    items: images.map((m, i) => canvasOf(id, m, i)),
  };
}

/** The thumbnail of an image: its 200 px JPEG derivative, with the image service for other sizes. */
export function thumbnailOf(m: Media): ImageResource {
  const width = Math.min(THUMB_WIDTH, m.width);
  return { id: m.links.thumbnail, type: 'Image', format: 'image/jpeg', width, height: Math.max(1, Math.round((m.height * width) / m.width)), service: [serviceOf(m)] };
}

/** The institution as a IIIF Agent: its page here, its own website, its JSON. */
export function institutionAgent(institution: Institution, publicUrl: string): Agent {
  const page = `${publicUrl}/institutions/${encodeURIComponent(institution.id)}`;
  const name = institutionName(institution);
  const website = safeUrl(institution.website);
  return {
    id: page,
    type: 'Agent',
    label: name,
    homepage: [
      { id: page, type: 'Text', label: name, format: 'text/html' },
      ...(website ? [{ id: website, type: 'Text', label: uiText('inst.website'), format: 'text/html' }] : []),
    ],
    seeAlso: [{ id: `${publicUrl}/api/v1/institutions/${encodeURIComponent(institution.id)}`, type: 'Dataset', format: 'application/json' }],
  };
}

/** An institution's name as an IIIF language map (its id when it has none). */
export function institutionName(institution: Institution): LangMap {
  const name = iiifLangMap(institution.name);
  return isEmptyMap(name) ? { none: [institution.id] } : name;
}

/**
 * The value IIIF's `rights` may carry: a Creative Commons licence or rightsstatements.org statement
 * URI, written in the canonical `http` form the specification asks for (catalogues often hold the
 * `https` or human-readable page form); null for anything else.
 */
export function iiifRights(uri: string | null | undefined): string | null {
  if (!uri) return null;
  const cc = /^https?:\/\/(?:www\.)?creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d+(?:\.\d+)?)(\/[a-z]{2,3}(?:-[a-z]{2})?)?\/?(?:(?:deed|legalcode)[\w.-]*)?$/i.exec(uri.trim());
  if (cc) return `http://creativecommons.org/${cc[1].toLowerCase()}/${cc[2].toLowerCase()}/${cc[3]}${cc[4]?.toLowerCase() ?? ''}/`;
  const rs = /^https?:\/\/rightsstatements\.org\/(?:vocab|page)\/([A-Za-z-]+)\/(\d\.\d)\/?(?:\?.*)?$/.exec(uri.trim());
  if (rs && RIGHTS_STATEMENTS.includes(rs[1])) return `http://rightsstatements.org/vocab/${rs[1]}/${rs[2]}/`;
  return null;
}

/**
 * `navDate` for a start year. The IIIF schema checks it as an RFC 3339 date-time, which cannot
 * write years before 1 CE, so BCE dates have none (the date text is still in `metadata`).
 */
export function navDateOf(year: number | undefined): string | undefined {
  if (year === undefined || !Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  return `${String(year).padStart(4, '0')}-01-01T00:00:00Z`;
}

function canvasOf(manifestId: string, m: Media, index: number): Canvas {
  const id = `${manifestId}/canvas/${encodeURIComponent(m.id)}`;
  const label = iiifLangMap(m.label);
  const rights = iiifRights(m.rights);
  // `full/max` of an image beyond the service's limits is scaled down: its size is then not the image's.
  const { maxWidth, maxHeight, maxArea } = DEFAULT_LIMITS;
  const withinLimits = m.width <= maxWidth && m.height <= maxHeight && m.width * m.height <= maxArea;
  const body: ImageResource = {
    id: `${m.links.iiif}/full/max/0/default.jpg`,
    type: 'Image',
    format: 'image/jpeg',
    ...(withinLimits ? { width: m.width, height: m.height } : {}),
    service: [serviceOf(m)],
  };
  return {
    id,
    type: 'Canvas',
    // Numbered among the images shown, not by stored position: a gap would reveal a hidden image.
    label: isEmptyMap(label) ? { none: [String(index + 1)] } : label,
    width: m.width,
    height: m.height,
    thumbnail: [thumbnailOf(m)],
    ...(rights ? { rights } : {}),
    items: [{ id: `${id}/page`, type: 'AnnotationPage', items: [{ id: `${id}/page/painting`, type: 'Annotation', motivation: 'painting', body, target: id }] }],
  };
}

function serviceOf(m: Media): ImageService {
  return { id: m.links.iiif, type: 'ImageService3', profile: 'level2' };
}

function safeUrl(url: string | null): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}
