import type { Db } from '../../db/database';
import { catalogueVersion } from '../../db/app-state';
import { feedColumns, inPublicFeed } from '../records/record.public-feed';
import { manifestUrl } from './iiif-manifest';

/** The JSON-LD context of the IIIF Change Discovery API 1.0. */
export const DISCOVERY_CONTEXT = 'http://iiif.io/api/discovery/1/context.json';
/** Activities per page (the spec leaves it to the publisher). */
export const DISCOVERY_PAGE_SIZE = 100;
/** The profile naming the record JSON of a Heritage Commons node, which a hub reads to copy a record. */
export const RECORD_JSON_PROFILE = 'https://heritage-commons.org/profiles/record/v1';

type Ref<T extends string> = { id: string; type: T };

export interface Activity {
  type: 'Create' | 'Update' | 'Delete';
  object: { id: string; type: string; canonical: string; seeAlso?: { id: string; type: 'Dataset'; format: string; profile: string }[] };
  endTime: string;
}

export interface DiscoveryUrls {
  collection: string;
  page: (n: number) => string;
}

/** Where a node publishes its changes. */
export function discoveryUrls(publicUrl: string): DiscoveryUrls {
  return { collection: `${publicUrl}/iiif/discovery/changes`, page: (n) => `${publicUrl}/iiif/discovery/changes/page/${n}` };
}

/**
 * The Ordered Collection of every change the public may know of: one activity per record, its most
 * recent (Level 2 allows omitting earlier ones), oldest first, in pages of `pageSize`.
 */
export async function discoveryCollection(db: Db, publicUrl: string, opts: { now?: string; pageSize?: number } = {}) {
  const now = opts.now ?? new Date().toISOString();
  const size = opts.pageSize ?? DISCOVERY_PAGE_SIZE;
  const total = await countFeed(db, now);
  const urls = discoveryUrls(publicUrl);
  return {
    '@context': DISCOVERY_CONTEXT,
    id: urls.collection,
    type: 'OrderedCollection',
    totalItems: total,
    first: { id: urls.page(0), type: 'OrderedCollectionPage' } satisfies Ref<'OrderedCollectionPage'>,
    last: { id: urls.page(lastPage(total, size)), type: 'OrderedCollectionPage' } satisfies Ref<'OrderedCollectionPage'>,
  };
}

/** Page `n` of the collection, or null when there is no such page. */
export async function discoveryPage(db: Db, publicUrl: string, n: number, opts: { now?: string; pageSize?: number } = {}) {
  const now = opts.now ?? new Date().toISOString();
  const size = opts.pageSize ?? DISCOVERY_PAGE_SIZE;
  const total = await countFeed(db, now);
  const last = lastPage(total, size);
  if (!Number.isInteger(n) || n < 0 || n > last) return null;
  const rows = await pageRows(db, now, n, size, total);
  const urls = discoveryUrls(publicUrl);
  return {
    '@context': DISCOVERY_CONTEXT,
    id: urls.page(n),
    type: 'OrderedCollectionPage',
    startIndex: n * size,
    partOf: { id: urls.collection, type: 'OrderedCollection' },
    ...(n > 0 ? { prev: { id: urls.page(n - 1), type: 'OrderedCollectionPage' } } : {}),
    ...(n < last ? { next: { id: urls.page(n + 1), type: 'OrderedCollectionPage' } } : {}),
    orderedItems: rows.map((r) => activity(r, publicUrl)),
  };
}

type FeedRow = { id: string; version: number; has_media: number; public_at: string; gone_at: string | null };

/** A record's most recent public change as an activity: its Manifest when it has images, else its Linked Art description. */
export function activity(r: FeedRow, publicUrl: string): Activity {
  const id = encodeURIComponent(r.id);
  const canonical = `${publicUrl}/records/${id}`;
  const endTime = r.public_at.replace(/\.\d+Z$/, 'Z');
  const object = r.has_media ? { id: manifestUrl(publicUrl, r.id), type: 'Manifest' } : { id: `${publicUrl}/linked-art/object/${id}`, type: 'HumanMadeObject' };
  if (r.gone_at) return { type: 'Delete', object: { ...object, canonical }, endTime };
  return {
    type: r.version === 1 ? 'Create' : 'Update',
    object: {
      ...object,
      canonical,
      seeAlso: [
        { id: `${publicUrl}/api/v1/records/${id}`, type: 'Dataset', format: 'application/json', profile: RECORD_JSON_PROFILE },
        { id: `${publicUrl}/linked-art/object/${id}`, type: 'Dataset', format: 'application/ld+json', profile: 'https://linked.art/ns/v1/linked-art.json' },
      ],
    },
    endTime,
  };
}

function lastPage(total: number, size: number): number {
  return Math.max(0, Math.ceil(total / size) - 1);
}

// Counting the feed reads the whole feed index (about 150 ms at a million records) and every
// document needs the count: it is kept while the catalogue is unchanged, and at most a minute
// (an embargo that ends changes the count without any write).
const counted = new WeakMap<Db, { key: string; n: number }>();

async function countFeed(db: Db, now: string): Promise<number> {
  const key = `${await catalogueVersion(db)}:${now.slice(0, 16)}`;
  const hit = counted.get(db);
  if (hit?.key === key) return hit.n;
  const r = await db.selectFrom('record').select((eb) => eb.fn.countAll<number>().as('n')).where(inPublicFeed(now)).executeTakeFirstOrThrow();
  counted.set(db, { key, n: Number(r.n) });
  return Number(r.n);
}

/**
 * The rows of page n. Consumers read from the last page backwards, so pages near the end are
 * counted from the end of the feed index. The page's first position is found in the index
 * alone (no table rows read while skipping), then its rows are read from there by keyset.
 */
async function pageRows(db: Db, now: string, n: number, size: number, total: number): Promise<FeedRow[]> {
  const start = n * size;
  const fromEnd = Math.max(0, total - (start + size));
  const keys = db.selectFrom('record').select(['record.public_at', 'record.seq']).where(inPublicFeed(now));
  const rows = db.selectFrom('record').select(feedColumns(now)).where(inPublicFeed(now));
  if (start <= fromEnd) {
    const first = await keys.orderBy('record.public_at').orderBy('record.seq').limit(1).offset(start).executeTakeFirst();
    if (!first) return [];
    return rows
      .where((eb) => eb.or([eb('record.public_at', '>', first.public_at), eb.and([eb('record.public_at', '=', first.public_at), eb('record.seq', '>=', first.seq)])]))
      .orderBy('record.public_at')
      .orderBy('record.seq')
      .limit(size)
      .execute();
  }
  const count = Math.min(size, total - start);
  const last = await keys.orderBy('record.public_at', 'desc').orderBy('record.seq', 'desc').limit(1).offset(fromEnd).executeTakeFirst();
  if (!last) return [];
  const page = await rows
    .where((eb) => eb.or([eb('record.public_at', '<', last.public_at), eb.and([eb('record.public_at', '=', last.public_at), eb('record.seq', '<=', last.seq)])]))
    .orderBy('record.public_at', 'desc')
    .orderBy('record.seq', 'desc')
    .limit(count)
    .execute();
  return page.reverse();
}
