import { AppError } from '../../shared/errors';
import { listInstitutions } from '../institutions/institution.service';
import type { Store } from '../records/record.store';
import { datestamp, esc } from './oai-xml';
import { recordPageUrl } from './linked-art';
import { sitemapRepository as repo, type SitemapRecordRow } from './sitemap.repository';

/** The sitemaps.org 0.9 namespace. */
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** The most URLs one sitemap may list (sitemaps.org); past it, /sitemap.xml is an index. */
export const SITEMAP_MAX_URLS = 50_000;

// Records read per query while streaming.
const BATCH = 1000;
// The site's own pages every sitemap starts with (besides one page per institution).
const SITE_PATHS = ['/', '/search', '/institutions'];

/** What /sitemap.xml is: one list of every URL, or an index of the parts (`pages` and record pages by number). */
export type SitemapPlan = { kind: 'urlset' } | { kind: 'index'; recordPages: AsyncIterable<number> };

/**
 * Decides the shape of /sitemap.xml for `pageSize` URLs per sitemap. Always as the public sees the
 * records, whoever asks; the count stops at the first URL past the limit, so the work stays bounded.
 */
export async function planSitemap(store: Store, pageSize: number): Promise<SitemapPlan> {
  const now = new Date().toISOString();
  let siteUrls = SITE_PATHS.length;
  for await (const _ of institutionIds(store)) siteUrls++;
  const records = siteUrls > pageSize ? 1 : await repo.countPublicUpTo(store.db, pageSize - siteUrls + 1, now);
  if (siteUrls + records <= pageSize) return { kind: 'urlset' };
  return { kind: 'index', recordPages: recordPageNumbers(store, pageSize, now) };
}

/** The sitemap index: the site's pages, then each record page that holds at least one public record. */
export async function* sitemapIndexXml(publicUrl: string, recordPages: AsyncIterable<number>): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n`;
  yield sitemapEntry(`${publicUrl}/sitemaps/pages.xml`);
  for await (const n of recordPages) yield sitemapEntry(`${publicUrl}/sitemaps/records-${n}.xml`);
  yield '</sitemapindex>\n';
}

/** One sitemap of everything: the site's pages, the institutions, every record the public may see. */
export function fullSitemapXml(store: Store, publicUrl: string): AsyncGenerator<string> {
  return urlset([sitePageUrls(store, publicUrl), recordUrls(store, publicUrl, { afterSeq: 0, toSeq: null, first: null })]);
}

/** The site's pages and the institutions' pages, as a sitemap of their own (part of the index). */
export function sitePagesXml(store: Store, publicUrl: string): AsyncGenerator<string> {
  return urlset([sitePageUrls(store, publicUrl)]);
}

/**
 * Record page `n` of the index: the public records with `seq` in ((n-1)·size, n·size], so a record
 * stays on the same page whatever is added or hidden elsewhere. A page without any is a 404.
 */
export async function recordPageXml(store: Store, publicUrl: string, n: number, pageSize: number): Promise<AsyncGenerator<string>> {
  const afterSeq = (n - 1) * pageSize;
  const toSeq = n * pageSize;
  const first = Number.isSafeInteger(toSeq) ? await repo.listPublic(store.db, { afterSeq, toSeq, limit: BATCH, now: new Date().toISOString() }) : [];
  if (!first.length) throw new AppError('NOT_FOUND', `No sitemap "records-${n}.xml"`);
  return urlset([recordUrls(store, publicUrl, { afterSeq, toSeq, first })]);
}

async function* urlset(parts: AsyncIterable<string>[]): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n`;
  for (const part of parts) for await (const chunk of part) yield chunk;
  yield '</urlset>\n';
}

async function* sitePageUrls(store: Store, publicUrl: string): AsyncGenerator<string> {
  for (const path of SITE_PATHS) yield urlEntry(`${publicUrl}${path}`);
  for await (const id of institutionIds(store)) yield urlEntry(`${publicUrl}/institutions/${encodeURIComponent(id)}`);
}

async function* recordUrls(store: Store, publicUrl: string, opts: { afterSeq: number; toSeq: number | null; first: SitemapRecordRow[] | null }): AsyncGenerator<string> {
  const now = new Date().toISOString();
  let after = opts.afterSeq;
  let rows = opts.first ?? (await repo.listPublic(store.db, { afterSeq: after, toSeq: opts.toSeq, limit: BATCH, now }));
  while (rows.length) {
    let chunk = '';
    for (const row of rows) chunk += urlEntry(recordPageUrl(publicUrl, row.id), datestamp(row.public_at));
    yield chunk;
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].seq;
    rows = await repo.listPublic(store.db, { afterSeq: after, toSeq: opts.toSeq, limit: BATCH, now });
  }
}

/** Numbers of the record pages that hold a public record, found by jumping from one to the next. */
async function* recordPageNumbers(store: Store, pageSize: number, now: string): AsyncGenerator<number> {
  let after = 0;
  for (;;) {
    const seq = await repo.nextPublicSeq(store.db, after, now);
    if (seq === undefined) return;
    const n = Math.ceil(seq / pageSize);
    yield n;
    after = n * pageSize;
  }
}

async function* institutionIds(store: Store): AsyncGenerator<string> {
  let cursor: string | undefined;
  do {
    const page = await listInstitutions(store.db, { cursor, limit: 500 });
    for (const i of page.items) yield i.id;
    cursor = page.next ?? undefined;
  } while (cursor);
}

function urlEntry(loc: string, lastmod?: string): string {
  return `<url><loc>${esc(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>\n`;
}

function sitemapEntry(loc: string): string {
  return `<sitemap><loc>${esc(loc)}</loc></sitemap>\n`;
}
