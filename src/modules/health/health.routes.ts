import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';

/** GET /healthz: the process is up and its database answers. */
export const healthRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/healthz', {
    schema: {
      tags: ['operations'],
      response: { 200: Type.Object({ status: Type.String(), database: Type.String() }), 503: Type.Object({ status: Type.String(), database: Type.String() }) },
    },
    handler: async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(store.db);
        return { status: 'ok', database: store.dialect.name };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: store.dialect.name });
      }
    },
  });
};
