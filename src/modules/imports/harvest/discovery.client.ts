import { AppError } from '../../../shared/errors';
import type { RecordInput } from '../../records/record.schema';
import { RecordInputSchema } from '../../records/record.schema';
import type { ReadItem } from '../import.types';
import { RECORD_JSON_PROFILE } from '../../interop/change-discovery';
import { HarvestError, oaiGet, type FetchPolicy } from './oai.fetch';
const COLLECTION_PATH = '/iiif/discovery/changes';

/** One activity of a IIIF Change Discovery stream, as read. */
export interface ReadActivity {
  type: string;
  objectId: string;
  objectType: string;
  /** The resource's own URI whatever its representation (a node's record page), else the object's id. */
  identifier: string;
  endTime: string;
  recordJson?: string;
}

/** Where a walk stands: changes in [since, below ?? upper] are still to be read, newest first. */
export interface DiscoveryWindow {
  since: string | null;
  upper: string | null;
  below: string | null;
}

/** The Ordered Collection URL of a node: its base URL, or the collection URL itself. */
export function collectionUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith(COLLECTION_PATH)) url.pathname = `${url.pathname.replace(/\/+$/, '')}${COLLECTION_PATH}`;
  return url;
}

/** GETs a JSON document within the stream's origin; null on 404 or 410 (the resource is gone). */
export async function getJson(url: URL, origin: string, policy: FetchPolicy, signal: AbortSignal): Promise<unknown> {
  if (url.origin !== origin) throw new HarvestError(`${url.origin} is not the origin of the stream (${origin}); a sync reads only its node`);
  let body: Buffer;
  try {
    body = await oaiGet(url, policy, signal);
  } catch (e) {
    if (e instanceof HarvestError && /^HTTP (404|410) /.test(e.message)) return null;
    throw e;
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new HarvestError(`${url} did not answer JSON: ${(e as Error).message}`);
  }
}

/** The newest activity time of a stream: its last page's last activity (null when it is empty). */
export async function newestChange(collection: URL, policy: FetchPolicy, signal: AbortSignal): Promise<{ newest: string | null; last: URL }> {
  const c = (await getJson(collection, collection.origin, policy, signal)) as { type?: string; last?: { id?: string } } | null;
  if (!c || c.type !== 'OrderedCollection' || typeof c.last?.id !== 'string') {
    throw new HarvestError(`${collection} is not a IIIF Change Discovery Ordered Collection (no "last" page)`);
  }
  const last = new URL(c.last.id);
  const page = await readPage(last, collection.origin, policy, signal);
  return { newest: page.items.at(-1)?.endTime ?? null, last };
}

/**
 * The stream's activities in the window, newest first, as the spec's processing algorithm reads
 * them: from the last page backwards, stopping at the first activity older than `since`; an object
 * already met is skipped (its newest activity came first).
 */
export async function* activitiesSince(last: URL, window: DiscoveryWindow, policy: FetchPolicy, signal: AbortSignal): AsyncGenerator<ReadActivity> {
  const seen = new Set<string>();
  const ceiling = window.below ?? window.upper;
  let url: URL | null = last;
  for (let pages = 0; url; pages++) {
    if (pages > 10_000_000) throw new HarvestError('The stream has too many pages; stopping');
    const page = await readPage(url, last.origin, policy, signal);
    for (let i = page.items.length - 1; i >= 0; i--) {
      const a = page.items[i];
      if (window.since && a.endTime < window.since) return;
      if (seen.has(a.identifier)) continue;
      // Marked seen even above the ceiling: that newest activity was applied before (or waits for the
      // next sync), and an older one of the same object must not undo it.
      seen.add(a.identifier);
      if (ceiling && a.endTime > ceiling) continue;
      yield a;
    }
    url = page.prev;
  }
}

async function readPage(url: URL, origin: string, policy: FetchPolicy, signal: AbortSignal): Promise<{ items: ReadActivity[]; prev: URL | null }> {
  const p = (await getJson(url, origin, policy, signal)) as { type?: string; orderedItems?: unknown[]; prev?: { id?: string } } | null;
  if (!p || p.type !== 'OrderedCollectionPage' || !Array.isArray(p.orderedItems)) throw new HarvestError(`${url} is not a IIIF Change Discovery page`);
  const items: ReadActivity[] = [];
  for (const raw of p.orderedItems) {
    const a = raw as { type?: string; endTime?: string; object?: { id?: string; type?: string; canonical?: string; seeAlso?: { id?: string; profile?: string }[] } };
    // An activity without an object, a type or a readable time cannot be placed in the stream: skipped.
    if (typeof a?.object?.id !== 'string' || typeof a.endTime !== 'string' || typeof a.type !== 'string' || Number.isNaN(Date.parse(a.endTime))) continue;
    const json = a.object.seeAlso?.find((s) => s?.profile === RECORD_JSON_PROFILE && typeof s.id === 'string')?.id;
    items.push({ type: a.type, objectId: a.object.id, objectType: a.object.type ?? '', identifier: a.object.canonical ?? a.object.id, endTime: new Date(a.endTime).toISOString(), ...(json ? { recordJson: json } : {}) });
  }
  return { items, prev: typeof p.prev?.id === 'string' ? new URL(p.prev.id) : null };
}

const INPUT_KEYS = new Set(Object.keys(RecordInputSchema.properties));

/**
 * A node's record JSON as a record of this institution: the node's description unchanged, its id kept
 * (relations between its records keep working), public and without embargo (the node published it),
 * its source the node's record page (the link back), its Manifest shown when it has images.
 */
export function recordFromNode(json: Record<string, unknown>, a: ReadActivity, opts: { institutionId: string; system: string }): RecordInput {
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) if (INPUT_KEYS.has(k) && v !== null && v !== undefined) input[k] = v;
  const date = json.date as { display?: string; edtf?: string } | undefined;
  if (date) input.date = { display: date.display ?? '', ...(date.edtf ? { edtf: date.edtf } : {}) };
  const manifests = [...((json.iiifManifests as string[] | undefined) ?? [])];
  if (a.objectType === 'Manifest' && !manifests.includes(a.objectId)) manifests.unshift(a.objectId);
  return {
    ...(input as unknown as RecordInput),
    institutionId: opts.institutionId,
    visibility: 'public',
    embargoUntil: null,
    ...(json.rights === null ? { rights: null } : {}),
    ...(manifests.length ? { iiifManifests: manifests.slice(0, 20) } : {}),
    source: { kind: 'harvest', system: opts.system, identifier: a.identifier, url: a.identifier },
  };
}

/** Each activity as an item to write: a Delete (or a record gone since) trashes the copy; a Create or Update copies the record. */
export async function* itemsOf(
  activities: AsyncIterable<ReadActivity>,
  opts: { institutionId: string; system: string; origin: string; policy: FetchPolicy; signal: AbortSignal; onActivity(a: ReadActivity): void; prefetch?: number },
): AsyncGenerator<ReadItem> {
  const window: Promise<ReadItem>[] = [];
  let record = 0;
  const toItem = async (a: ReadActivity, index: number): Promise<ReadItem> => {
    const position = { record: index, identifier: a.identifier };
    if (a.type === 'Delete' || a.type === 'Remove') return { kind: 'deleted', position, sourceIdentifier: a.identifier };
    if (!a.recordJson) return { kind: 'rejected', position, problems: [{ field: 'object/seeAlso', message: `names no record JSON (profile ${RECORD_JSON_PROFILE}); only Heritage Commons nodes can be synced` }] };
    const json = await getJson(new URL(a.recordJson), opts.origin, opts.policy, opts.signal);
    if (json === null) return { kind: 'deleted', position, sourceIdentifier: a.identifier };
    if (!json || typeof json !== 'object' || Array.isArray(json)) return { kind: 'rejected', position, problems: [{ field: 'object/seeAlso', message: `${a.recordJson} is not a record` }] };
    try {
      return { kind: 'record', position, record: recordFromNode(json as Record<string, unknown>, a, opts), warnings: [] };
    } catch (e) {
      if (e instanceof AppError) return { kind: 'rejected', position, problems: [{ field: '/', message: e.message }] };
      throw e;
    }
  };
  // Fetch a few records ahead while the writer works: the order of items stays the order of activities.
  const prefetch = opts.prefetch ?? 8;
  const order: ReadActivity[] = [];
  for await (const a of activities) {
    order.push(a);
    const p = toItem(a, ++record);
    p.catch(() => {});
    window.push(p);
    if (window.length >= prefetch) {
      opts.onActivity(order.shift()!);
      yield await window.shift()!;
    }
  }
  while (window.length) {
    opts.onActivity(order.shift()!);
    yield await window.shift()!;
  }
}
