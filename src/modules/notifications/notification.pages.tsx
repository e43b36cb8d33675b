import { CATALOGUES } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice, safeNext } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import type { AppNotification } from './notification.service';

/** `/notifications`: the signed-in user's messages, newest first, unread ones marked and markable. */
export function NotificationsPage({ ctx, items, done }: { ctx: PageContext; items: AppNotification[]; done: boolean }) {
  const { t, lang } = ctx;
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <Layout ctx={ctx} title={t('notifications.title')} section="account">
      <div class="wrap">
        <PageHeading title={t('notifications.title')} lead={t('notifications.lead')} />
        {done ? <FormNotice ctx={ctx} kind="success" message={t('notifications.marked')} /> : null}
        {unread ? (
          <form method="post" action="/notifications/read" class="inline-form notifications-all">
            <CsrfField token={ctx.csrf} />
            <button type="submit">{t('notifications.markAll')}</button>
          </form>
        ) : null}
        {items.length ? (
          <ul class="notification-list">
            {items.map((n) => (
              <li class={n.readAt ? 'notification' : 'notification notification-unread'}>
                {n.readAt ? null : <strong class="notification-state">{t('notifications.new')}</strong>}{' '}
                {n.link ? <a href={safeNext(n.link, '/notifications')}>{messageText(ctx, n)}</a> : <span>{messageText(ctx, n)}</span>} · <time datetime={n.createdAt}>{formatDateTime(lang, n.createdAt)}</time>
                {n.readAt ? null : (
                  <form method="post" action={`/notifications/${encodeURIComponent(n.id)}/read`} class="inline-form">
                    <CsrfField token={ctx.csrf} />
                    <button type="submit" class="link-button">
                      {t('notifications.markRead')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('notifications.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** The notification's message in the page's language (a key no catalogue knows any more shows its kind). */
export function messageText(ctx: PageContext, n: AppNotification): string {
  return n.message.key in CATALOGUES.en ? ctx.t(n.message.key, n.message.params) : n.kind;
}
