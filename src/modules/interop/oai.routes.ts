import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ModuleOptions } from '../../shared/request-context';
import { argumentsOf } from './oai-request';
import { tokenSecret } from './oai-token';
import type { OaiContext } from './oai-context';
import { answerOai } from './oai.service';

/** Records per ListRecords/ListIdentifiers response. */
export const OAI_PAGE_SIZE = 500;
const EMAIL = /^\S+@(\S+\.)+\S+$/;

/**
 * The OAI-PMH 2.0 provider at `/oai`: GET with a query string or POST with an
 * application/x-www-form-urlencoded body, answering text/xml for protocol errors too (HTTP 200).
 * It shows only what the public may see, whatever credentials come with the request.
 */
export const oaiRoutes: FastifyPluginAsync<ModuleOptions & { pageSize?: number; repositoryName?: string }> = async (app, { store, config, pageSize, repositoryName }) => {
  let secret: Promise<Buffer> | null = null;
  const ctx: OaiContext = {
    db: store.db,
    baseUrl: `${config.publicUrl}/oai`,
    publicUrl: config.publicUrl,
    repositoryName: repositoryName ?? 'Heritage Commons',
    adminEmail: adminEmail(config.mailFrom, config.publicUrl),
    pageSize: pageSize ?? OAI_PAGE_SIZE,
    secret: () => (secret ??= tokenSecret(store.db).catch((e: unknown) => {
      secret = null;
      throw e;
    })),
  };
  const send = async (reply: FastifyReply, params: Map<string, string[]>) =>
    reply.header('content-type', 'text/xml; charset=utf-8').header('cache-control', 'no-cache').send(await answerOai(ctx, params));

  app.get('/oai', { schema: { hide: true } }, async (req, reply) => {
    const q = req.url.indexOf('?');
    return send(reply, argumentsOf(new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1))));
  });

  app.post('/oai', { schema: { hide: true } }, async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    return send(reply, argumentsOf(body));
  });
};

/** The repository's contact address: the address mail comes from, else no-reply at the public host. */
export function adminEmail(mailFrom: string, publicUrl: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  if (EMAIL.test(address)) return address;
  const host = new URL(publicUrl).hostname;
  return EMAIL.test(`no-reply@${host}`) ? `no-reply@${host}` : 'no-reply@localhost.localdomain';
}
