import type { FastifyReply } from 'fastify';
import type { Child } from 'hono/jsx';
import { renderDocument } from './layout';

/** Sends a rendered page: HTML, varying by the visitor's language, revalidated on each visit. */
export function sendPage(reply: FastifyReply, page: Child, status = 200) {
  return reply
    .code(status)
    .header('cache-control', 'no-cache')
    .header('vary', 'Accept-Language, Cookie')
    .type('text/html; charset=utf-8')
    .send(renderDocument(page));
}
