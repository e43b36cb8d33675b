import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** Reads the version an edit is based on from `If-Match` (an ETag such as `"3"` or `W/"3"`). */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const m = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!m) {
    throw new AppError('PRECONDITION_REQUIRED', 'Send the version you edited in an If-Match header (the ETag of the GET), so a concurrent edit is not overwritten', {
      problems: [{ field: 'If-Match', message: header ? 'is not a version ETag' : 'is required' }],
    });
  }
  return Number(m[1]);
}

/** Sets the ETag of a versioned resource. */
export function setVersionTag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}

/** Query parameters that may be repeated or comma-separated, as one list. */
export function listParam(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return list.length ? list : undefined;
}
