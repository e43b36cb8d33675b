import { AppError } from '../../shared/errors';
import type { PageContext } from '../pages/context';
import type { FormOutcome } from './sign-in.pages';

/**
 * Turns a refused form into what the page shows: a message in the visitor's language, with the
 * service's (English) explanation below it. Errors of the server itself are rethrown.
 */
export function formOutcome(ctx: PageContext, err: unknown): { status: number; outcome: FormOutcome } {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  const { t } = ctx;
  const retryAfter = typeof err.details?.retryAfter === 'number' ? err.details.retryAfter : 60;
  const message =
    err.code === 'UNAUTHENTICATED'
      ? t('auth.wrongCredentials')
      : err.code === 'RATE_LIMITED'
        ? t('auth.throttled', { count: retryAfter })
        : err.code === 'VALIDATION_FAILED'
          ? t('form.invalid')
          : err.code === 'FORBIDDEN'
            ? t('form.forbidden')
            : err.code === 'ALREADY_EXISTS' || err.code === 'CONFLICT'
              ? t('form.conflict')
              : t('form.notFound');
  const detail = err.code === 'UNAUTHENTICATED' || err.code === 'RATE_LIMITED' || err.details?.problems ? null : err.message;
  return { status: err.status, outcome: { message, detail, problems: err.details?.problems, retryAfter: err.code === 'RATE_LIMITED' ? retryAfter : undefined } };
}

/** A string field of a posted form ('' when absent or not a string). */
export function formString(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

/** Every value of a repeated form field (checkboxes). */
export function formList(body: unknown, name: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}
