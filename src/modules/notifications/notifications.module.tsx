import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/error-handler';
import { ID_PATTERN } from '../../shared/ids';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { pageContext } from '../pages/context';
import { sendPage } from '../pages/send-page';
import { installUnreadCount } from './notification.count';
import { NotificationsPage } from './notification.pages';
import { listNotifications, markRead, unreadCount } from './notification.service';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  message: Type.Object({ key: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) }),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});
const errors = Object.fromEntries([401, 404].map((s) => [s, ErrorSchema]));
const tags = ['notifications'];

/**
 * Notifications: the `/notifications` page, its API, and the unread count of the page frame. Its
 * hooks belong to the whole application, so it is registered before the page routes.
 */
const plugin: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { store }) => {
  const db = store.db;
  installUnreadCount(app, store);

  app.get('/notifications', async (request, reply) => {
    if (!request.session || request.actor.kind !== 'user') return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const done = (request.query as Record<string, unknown>)?.done === 'read';
    return sendPage(reply, <NotificationsPage ctx={ctx} items={await listNotifications(db, request.actor)} done={done} />);
  });
  app.post('/notifications/read', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await markRead(db, request.actor, null);
    return reply.redirect('/notifications?done=read', 303);
  });
  app.post<{ Params: { id: string } }>('/notifications/:id/read', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    await markRead(db, request.actor, request.params.id);
    return reply.redirect('/notifications?done=read', 303);
  });

  app.get('/api/v1/notifications', {
    schema: {
      tags,
      summary: 'Your latest notifications, newest first, with the number unread (message keys are translated by the UI)',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
      response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(NotificationSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await listNotifications(db, req.actor, req.query.limit), unread: await unreadCount(db, req.actor) }),
  });
  app.post('/api/v1/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of your notifications read', params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await markRead(db, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  });
  app.post('/api/v1/notifications/read', {
    schema: { tags, summary: 'Mark all your notifications read', response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await markRead(db, req.actor, null);
      return reply.code(204).send(null);
    },
  });
};
// Not encapsulated (what fastify-plugin does): the unread-count hooks apply to every page.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const notificationsModule = plugin;
