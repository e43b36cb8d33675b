import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AppError } from '../../shared/errors';
import type { ModuleOptions } from '../../shared/request-context';
import { robotsTxt } from './robots';
import { fullSitemapXml, planSitemap, recordPageXml, sitePagesXml, sitemapIndexXml, SITEMAP_MAX_URLS } from './sitemap.service';

// Short: a record made private leaves cached sitemaps within the hour.
const CACHE = 'public, max-age=3600';
const RECORD_PAGE = /^records-([1-9]\d{0,8})\.xml$/;

/**
 * What search engines read: /robots.txt and /sitemap.xml (an index of /sitemaps/*.xml past
 * `pageSize` URLs). Sitemaps list only what the public may see, whoever asks, streamed from the database.
 */
export const publishingRoutes: FastifyPluginAsync<ModuleOptions & { sitemapPageSize?: number }> = async (app, { store, config, sitemapPageSize }) => {
  const pageSize = sitemapPageSize ?? SITEMAP_MAX_URLS;
  const { publicUrl } = config;

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', CACHE).send(robotsTxt(publicUrl)),
  );

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
    const plan = await planSitemap(store, pageSize);
    return sendXml(reply, plan.kind === 'index' ? sitemapIndexXml(publicUrl, plan.recordPages) : fullSitemapXml(store, publicUrl));
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params;
    if (file === 'pages.xml') return sendXml(reply, sitePagesXml(store, publicUrl));
    const n = RECORD_PAGE.exec(file);
    if (!n) throw new AppError('NOT_FOUND', `No sitemap "${file}"`);
    return sendXml(reply, await recordPageXml(store, publicUrl, Number(n[1]), pageSize));
  });
};

function sendXml(reply: FastifyReply, xml: AsyncIterable<string>) {
  return reply.type('application/xml; charset=utf-8').header('cache-control', CACHE).send(Readable.from(xml));
}
