import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import { TOKEN_SCOPES } from './actor';
import { createOwnToken, listOwnTokens, revokeToken } from './token.service';

const Token = Type.Object({
  id: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** API tokens of the signed-in user: list, create (the secret is shown once), revoke. */
export const tokenRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  app.get('/api/v1/tokens', {
    schema: { tags: ['accounts'], summary: 'Your API tokens (without their secrets)', response: { 200: Type.Object({ items: Type.Array(Token) }), ...errors } },
    handler: async (req) => ({ items: await listOwnTokens(store.db, req.actor) }),
  });

  app.post('/api/v1/tokens', {
    schema: {
      tags: ['accounts'],
      summary: 'Create an API token for yourself; the token is in this answer only',
      body: Type.Object(
        {
          scopes: Type.Array(Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: 3 }),
          label: Type.Optional(Type.String({ maxLength: 200 })),
          expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ id: Type.String(), token: Type.String(), scopes: Type.Array(Type.String()), expiresAt: Type.Union([Type.String(), Type.Null()]) }), ...errors },
    },
    handler: async (req, reply) => {
      reply.code(201);
      return createOwnToken(store.db, req.actor, req.body);
    },
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags: ['accounts'], summary: 'Revoke a token (yours, or any for alliance admins)', params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await revokeToken(store.db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });
};
