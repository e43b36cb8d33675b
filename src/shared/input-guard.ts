import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * Refuses NUL characters anywhere in a request's URL or JSON body: no field of ours can hold
 * one, PostgreSQL cannot store one in text, and they are a classic way to confuse parsers.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (/%00/.test(request.url) || request.url.includes('\u0000')) {
      throw new AppError('VALIDATION_FAILED', 'The URL contains a NUL character (%00), which no parameter may hold', {
        problems: [{ field: 'url', message: 'contains a NUL character' }],
      });
    }
    if (request.body && typeof request.body === 'object' && JSON.stringify(request.body).includes('\\u0000')) {
      throw new AppError('VALIDATION_FAILED', 'The request body contains a NUL character (\\u0000), which no field may hold', {
        problems: [{ field: 'body', message: 'contains a NUL character' }],
      });
    }
  });
}
