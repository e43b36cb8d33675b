import type { FastifyRequest } from 'fastify';
import type { MessageKey } from '../../shared/i18n/i18n';
import { pageContext, type PageContext } from './context';
import { Layout, renderDocument } from './layout';
import { SearchBox } from './components';

/** An error page in the visitor's language; the technical message is shown below 500 only. */
export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const { t } = ctx;
  const title = errorTitle(ctx, status);
  const textKey: MessageKey = status === 404 ? 'error.text404' : status >= 500 ? 'error.text500' : status === 400 ? 'error.text400' : 'error.textOther';
  return (
    <Layout ctx={ctx} title={title} section={null}>
      <div class="wrap error-page">
        <p class="eyebrow">{String(status)}</p>
        <h1>{title}</h1>
        <p class="lead">{t(textKey)}</p>
        {status < 500 && message ? (
          <details class="error-details">
            <summary>{t('error.details')}</summary>
            <p lang="en" dir="ltr">
              {message}
            </p>
          </details>
        ) : null}
        <SearchBox ctx={ctx} id="error-q" label={t('error.search')} />
        <p>
          <a href="/">{t('error.home')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The HTML error page of a request (used by the global error handler); never throws. */
export function renderErrorPage(request: FastifyRequest, status: number, message: string): string {
  try {
    return renderDocument(<ErrorPage ctx={pageContext(request)} status={status} message={message} />);
  } catch {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1></body></html>`;
  }
}

function errorTitle(ctx: PageContext, status: number): string {
  switch (status) {
    case 400:
      return ctx.t('error.title400');
    case 401:
      return ctx.t('error.title401');
    case 403:
      return ctx.t('error.title403');
    case 404:
      return ctx.t('error.title404');
    default:
      return status >= 500 ? ctx.t('error.title500') : ctx.t('error.titleOther', { status: String(status) });
  }
}
