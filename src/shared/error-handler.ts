import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from './errors';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      problems: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
      currentVersion: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'Error' },
);

/** Renders an error as an HTML page; the pages module replaces the plain default. */
export type HtmlErrorRenderer = (request: FastifyRequest, status: number, message: string) => string;

/** True when the request is for an HTML page rather than an API or protocol endpoint. */
export function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url;
  if (/^\/(api|iiif|oai|healthz)(\/|\?|$)/.test(url)) return false;
  return true;
}

/** Maps every error to one answer: coded domain errors and validation errors with their fields; others as a 500 without details. */
export function installErrorHandler(app: FastifyInstance, renderHtml: () => HtmlErrorRenderer | null): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let status = 500;
    let code = 'INTERNAL';
    let message = 'Something went wrong on our side; it has been logged.';
    let problems: FieldProblem[] | undefined;
    let currentVersion: number | undefined;
    if (error instanceof AppError) {
      status = error.status;
      code = error.code;
      message = error.message;
      problems = error.details?.problems;
      currentVersion = error.details?.currentVersion as number | undefined;
      if (typeof error.details?.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
    } else if ((error as FastifyError).validation) {
      const fe = error as FastifyError;
      status = 400;
      code = 'VALIDATION_FAILED';
      const where = fe.validationContext ?? 'request';
      problems = fe.validation!.map((v) => {
        const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
        return { field: `${where}${v.instancePath ?? ''}${missing ? `/${missing}` : ''}`, message: v.message ?? 'is invalid' };
      });
      message = `Invalid ${where}: ${problems.slice(0, 3).map((p) => `${p.field} ${p.message}`).join('; ')}`;
    } else if (typeof (error as FastifyError).statusCode === 'number' && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      code = (error as FastifyError).code ?? 'BAD_REQUEST';
      message = error.message;
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, renderHtml(), status, { code, message, problems, currentVersion });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, renderHtml(), 404, { code: 'NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}` }),
  );
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  html: HtmlErrorRenderer | null,
  status: number,
  body: { code: string; message: string; problems?: FieldProblem[]; currentVersion?: number },
) {
  reply.code(status);
  if (html && wantsHtml(request)) {
    return reply.type('text/html; charset=utf-8').send(html(request, status, body.message));
  }
  const error: Record<string, unknown> = { code: body.code, message: body.message };
  if (body.problems) error.problems = body.problems;
  if (body.currentVersion !== undefined) error.currentVersion = body.currentVersion;
  return reply.type('application/json; charset=utf-8').send({ error });
}
