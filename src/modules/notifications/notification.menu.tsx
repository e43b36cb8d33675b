import { formatNumber } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { unreadForPage } from './notification.count';

/** The user menu's link to `/notifications`, with the number unread when there are any. */
export function NotificationsItem({ ctx }: { ctx: PageContext }) {
  const unread = unreadForPage() ?? 0;
  return (
    <li>
      <a href="/notifications" class="notifications-link">
        {ctx.t('notifications.title')}
        {unread ? (
          <>
            {' '}
            <span class="unread-badge" aria-hidden="true">
              {formatNumber(ctx.lang, unread)}
            </span>
            <span class="visually-hidden">({ctx.t('notifications.unread', { count: unread })})</span>
          </>
        ) : null}
      </a>
    </li>
  );
}
