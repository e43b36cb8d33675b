import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../shared/request-context';
import { ErrorSchema } from '../../shared/error-handler';
import { AppError } from '../../shared/errors';
import { ID_PATTERN } from '../../shared/ids';
import { INSTITUTION_ROLES } from './actor';
import { getUser, listUsers, setRole, updateUserFlags } from './user.service';
import { inviteUser, issueResetLink } from './account-link.service';
import { createMailer } from './account.mail';

const Role = Type.Union(INSTITUTION_ROLES.map((r) => Type.Literal(r)));
const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  isAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  memberships: Type.Array(Type.Object({ institutionId: Type.String(), role: Type.String() })),
  createdAt: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});
const Link = Type.Object({ id: Type.String(), url: Type.String({ description: 'The one-time link; give it to the person (it is not stored)' }), email: Type.String(), expiresAt: Type.String(), mailed: Type.Boolean({ description: 'True when it was also mailed (HERITAGE_SMTP_URL is set)' }) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Users, roles, invitations and reset links, for alliance admins and institution admins. */
export const userRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store, config }) => {
  const db = store.db;
  const delivery = { publicUrl: config.publicUrl, mailer: createMailer(config) };

  app.get('/api/v1/users/me', {
    schema: { tags: ['accounts'], summary: 'The user these credentials act as', response: { 200: User, ...errors } },
    handler: async (req) => {
      if (req.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Send an API token (Authorization: Bearer)');
      return getUser(db, req.actor, req.actor.userId);
    },
  });

  app.get('/api/v1/users', {
    schema: {
      tags: ['accounts'],
      summary: 'Users you administer (alliance admins: all; institution admins: their staff)',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), institution: Type.Optional(Type.String({ pattern: ID_PATTERN })) }),
      response: { 200: Type.Object({ items: Type.Array(User) }), ...errors },
    },
    handler: async (req) => ({ items: await listUsers(db, req.actor, { q: req.query.q, institutionId: req.query.institution }) }),
  });

  app.get('/api/v1/users/:id', {
    schema: { tags: ['accounts'], summary: 'One user you administer', params: IdParams, response: { 200: User, ...errors } },
    handler: async (req) => getUser(db, req.actor, req.params.id),
  });

  app.patch('/api/v1/users/:id', {
    schema: {
      tags: ['accounts'],
      summary: 'Make a user an alliance admin or not, disable or enable the account (alliance admins)',
      params: IdParams,
      body: Type.Object({ isAdmin: Type.Optional(Type.Boolean()), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: User, ...errors },
    },
    handler: async (req) => updateUserFlags(db, req.actor, req.params.id, req.body),
  });

  app.put('/api/v1/users/:id/memberships/:institution', {
    schema: {
      tags: ['accounts'],
      summary: "Give a user a role in an institution (the institution's admins, alliance admins)",
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), institution: Type.String({ pattern: ID_PATTERN }) }),
      body: Type.Object({ role: Role }, { additionalProperties: false }),
      response: { 200: User, ...errors },
    },
    handler: async (req) => setRole(db, req.actor, { userId: req.params.id, institutionId: req.params.institution, role: req.body.role }),
  });

  app.delete('/api/v1/users/:id/memberships/:institution', {
    schema: {
      tags: ['accounts'],
      summary: 'Remove a user from an institution',
      params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }), institution: Type.String({ pattern: ID_PATTERN }) }),
      response: { 200: User, ...errors },
    },
    handler: async (req) => setRole(db, req.actor, { userId: req.params.id, institutionId: req.params.institution, role: null }),
  });

  app.post('/api/v1/invitations', {
    schema: {
      tags: ['accounts'],
      summary: 'Invite a person by a one-time link (valid 7 days): the invitee chooses a password',
      body: Type.Object(
        {
          email: Type.String({ maxLength: 320 }),
          institutionId: Type.Optional(Type.String({ pattern: ID_PATTERN })),
          role: Type.Optional(Role),
          isAdmin: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      response: { 201: Link, ...errors },
    },
    handler: async (req, reply) => {
      reply.code(201);
      return inviteUser(db, req.actor, req.body, delivery);
    },
  });

  app.post('/api/v1/users/:id/reset-link', {
    schema: { tags: ['accounts'], summary: 'Issue a one-time password-reset link (valid 24 hours; alliance admins)', params: IdParams, response: { 201: Link, ...errors } },
    handler: async (req, reply) => {
      const user = await getUser(db, req.actor, req.params.id);
      reply.code(201);
      return issueResetLink(db, req.actor, user.email, delivery);
    },
  });
};
