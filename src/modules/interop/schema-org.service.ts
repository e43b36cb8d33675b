import type { Actor } from '../accounts/actor';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { HeritageRecord } from '../records/record.schema';
import type { Store } from '../records/record.store';
import { linkedArtUrl } from './linked-art';
import { isPublicRecord, publicImages } from './linked-art.service';
import { buildSchemaOrg, scriptJson } from './schema-org';

/** What a public record page publishes for machines: its Linked Art URL and its schema.org block. */
export interface PublishedData {
  linkedArtUrl: string;
  /** schema.org JSON-LD, escaped for a `<script>` data block. */
  schemaOrg: string;
}

/**
 * The machine-readable data of a record page, or null when the public may not see the record:
 * a page shown to its curators or to members publishes nothing search engines could pick up.
 * Images are those the public may see, whoever is looking at the page.
 */
export async function publishedData(
  store: Store,
  actor: Actor,
  page: { record: HeritageRecord; institution: Institution | null; media: Media[] },
  publicUrl: string,
): Promise<PublishedData | null> {
  const { record, institution } = page;
  if (!isPublicRecord(record)) return null;
  const images = actor.kind === 'public' ? page.media.filter((m) => m.status === 'ready') : await publicImages(store, record, publicUrl);
  return { linkedArtUrl: linkedArtUrl(publicUrl, record.id), schemaOrg: scriptJson(buildSchemaOrg({ record, institution, images, publicUrl })) };
}
