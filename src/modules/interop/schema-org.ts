import { firstText, type LangMap } from '../../shared/lang-map';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import { isGroupRole, isoYear, recordPageUrl } from './linked-art';

/** A schema.org JSON-LD node. */
export type SchemaNode = { [key: string]: unknown };

/** The schema.org type of each record kind. */
const KIND_TYPES: Record<string, string> = {
  object: 'VisualArtwork',
  manuscript: 'Manuscript',
  'rare-book': 'Book',
  'archival-unit': 'ArchiveComponent',
  site: 'Place',
  audiovisual: 'CreativeWork',
};

/**
 * A public record described with schema.org for search engines: names and descriptions in each
 * language, date, creators, places, materials, identifiers, licence, a thumbnail, the holder.
 * Built only from what the public may see (the caller passes only public images).
 */
export function buildSchemaOrg(input: { record: HeritageRecord; institution: Institution | null; images: Media[]; publicUrl: string }): SchemaNode {
  const { record, institution, images, publicUrl } = input;
  const type = KIND_TYPES[record.kind] ?? 'CreativeWork';
  const url = recordPageUrl(publicUrl, record.id);
  const isPlace = type === 'Place';
  const holder = institution ? organisationOf(institution, publicUrl) : null;
  const geo = (record.places ?? []).find((p) => p.lat !== undefined && p.lon !== undefined);
  const doc: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': `${url}#item`,
    url,
    name: langValues(record.title),
    ...optional('description', langValues(record.description)),
    ...optional('identifier', (record.identifiers ?? []).map((i) => ({ '@type': 'PropertyValue', propertyID: i.type, value: i.value }))),
    ...(record.rights && !isPlace ? { license: record.rights } : {}),
    ...(images.length ? { image: images[0].links.thumbnail, thumbnailUrl: images[0].links.thumbnail } : {}),
  };
  if (isPlace) {
    if (geo) doc.geo = { '@type': 'GeoCoordinates', latitude: geo.lat, longitude: geo.lon };
    return doc;
  }
  const date = record.date;
  return {
    ...doc,
    ...(date?.yearFrom !== undefined && date.yearFrom === date.yearTo ? { dateCreated: isoYear(date.yearFrom) } : {}),
    ...(date?.yearFrom !== undefined && date.yearTo !== undefined && date.yearFrom !== date.yearTo ? { temporalCoverage: `${isoYear(date.yearFrom)}/${isoYear(date.yearTo)}` } : {}),
    ...optional(
      'creator',
      (record.agents ?? []).map((a) => ({ '@type': isGroupRole(a.role) ? 'Organization' : 'Person', name: langValues(a.name), ...(a.uri ? { sameAs: a.uri } : {}) })),
    ),
    ...optional(
      'contentLocation',
      (record.places ?? []).map((p) => ({
        '@type': 'Place',
        name: langValues(p.name),
        ...(p.uri ? { sameAs: p.uri } : {}),
        ...(p.lat !== undefined && p.lon !== undefined ? { geo: { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lon } } : {}),
      })),
    ),
    ...optional('material', (record.materials ?? []).map((m) => m.uri ?? firstText(m.label, 'en'))),
    ...optional('about', (record.subjects ?? []).map((s) => ({ '@type': 'Thing', name: firstText(s.label, 'en'), ...(s.uri ? { sameAs: s.uri } : {}) }))),
    ...optional('inLanguage', record.languages ?? []),
    ...(holder ? (type === 'ArchiveComponent' ? { holdingArchive: { ...holder, '@type': 'ArchiveOrganization' } } : { provider: holder }) : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` data block: `<`, `>` and `&` written as `\u` escapes,
 * so no text in a record can close the script element or open a comment; U+2028/U+2029 too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A language map as JSON-LD values: language-tagged where the language is known. */
function langValues(map: LangMap | undefined): unknown[] {
  return Object.entries(map ?? {}).flatMap(([tag, values]) =>
    (values ?? []).filter((v) => v?.trim()).map((v) => (tag === 'none' ? v : { '@value': v, '@language': tag })),
  );
}

function organisationOf(institution: Institution, publicUrl: string): SchemaNode {
  return {
    '@type': institution.kind === 'museum' ? 'Museum' : institution.kind === 'library' ? 'Library' : institution.kind === 'archive' ? 'ArchiveOrganization' : 'Organization',
    name: langValues(institution.name),
    url: `${publicUrl}/institutions/${encodeURIComponent(institution.id)}`,
    ...(institution.website ? { sameAs: institution.website } : {}),
  };
}

function optional(key: string, values: unknown[]): SchemaNode {
  return values.length ? { [key]: values } : {};
}
