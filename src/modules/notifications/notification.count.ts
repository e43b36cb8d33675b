import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../records/record.store';
import { unreadCount } from './notification.service';

const requestState = new AsyncLocalStorage<{ unread: number | null }>();

/** The signed-in visitor's unread notifications for the page being rendered (null when not looked up). */
export function unreadForPage(): number | null {
  return requestState.getStore()?.unread ?? null;
}

/**
 * Looks up the unread count once per page request of a signed-in browser, so the page frame can
 * show it without each page asking. Must be installed on the root instance before page routes.
 */
export function installUnreadCount(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', (_request, _reply, done) => {
    requestState.run({ unread: null }, done);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.session || request.actor?.kind !== 'user') return;
    const path = request.url;
    if (path.startsWith('/api/') || path.startsWith('/iiif/') || path.startsWith('/assets/') || path.startsWith('/oai')) return;
    const state = requestState.getStore();
    if (state) state.unread = await unreadCount(store.db, request.actor);
  });
}
