import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n/i18n';
import { newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import type { Mailer } from '../accounts/account.mail';
import { notificationRepository as repo } from './notification.repository';

/** A notification as the page and API show it: its message still a key, translated by the reader's language. */
export interface AppNotification {
  id: string;
  kind: string;
  link: string | null;
  message: { key: MessageKey; params: MessageParams };
  createdAt: string;
  readAt: string | null;
}

export interface NotifyInput {
  userIds: string[];
  /** A short machine name of what happened, e.g. `application.status`. */
  kind: string;
  /** A same-site path to what it is about. */
  link?: string | null;
  message: { key: MessageKey; params?: MessageParams };
}

/** Where e-mail goes, when the instance has an SMTP server: the mailer and the public base URL for links. */
export interface NotifyDelivery {
  mailer: Mailer | null;
  publicUrl: string;
}

/**
 * Tells users something in the app (and by e-mail when a mailer is given). Stores the message key,
 * not text, so each reader sees it in their own language. Mail is sent in English (a user's
 * language is not stored) and never fails the caller's work.
 */
export async function notify(db: Db, input: NotifyInput, delivery?: NotifyDelivery): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (!userIds.length) return;
  const at = nowIso();
  const params = JSON.stringify(input.message.params ?? {});
  await repo.insertMany(
    db,
    userIds.map((userId) => ({ id: newId('n'), user_id: userId, kind: input.kind, link: input.link ?? null, message_key: input.message.key, message_params: params, created_at: at, read_at: null })),
  );
  const mailer = delivery?.mailer;
  if (!mailer) return;
  const text = t('en', input.message.key, input.message.params ?? {});
  const link = input.link ? `\n\n${delivery.publicUrl.replace(/\/$/, '')}${input.link}` : '';
  for (const user of await repo.emails(db, userIds)) {
    mailer.send({ to: user.email, subject: `Heritage Commons: ${text}`.slice(0, 200), text: `${text}${link}\n` }).catch(() => undefined);
  }
}

/** The user ids of the alliance secretariat (alliance admins), to notify of work waiting for them. */
export function secretariatUserIds(db: Db): Promise<string[]> {
  return repo.adminIds(db);
}

/** The signed-in user's latest notifications, newest first. */
export async function listNotifications(db: Db, actor: Actor, limit = 50): Promise<AppNotification[]> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to see your notifications');
  const rows = await repo.listForUser(db, actor.userId, Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => ({ id: r.id, kind: r.kind, link: r.link, message: { key: r.message_key as MessageKey, params: parseParams(r.message_params) }, createdAt: r.created_at, readAt: r.read_at }));
}

/** How many of the user's notifications are unread (0 for the public). */
export function unreadCount(db: Db, actor: Actor): Promise<number> {
  return actor.kind === 'user' ? repo.countUnread(db, actor.userId) : Promise.resolve(0);
}

/** Marks one of the user's notifications read, or all of them when `id` is null; someone else's answers 404. */
export async function markRead(db: Db, actor: Actor, id: string | null): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to see your notifications');
  if (id && !(await repo.exists(db, actor.userId, id))) throw new AppError('NOT_FOUND', 'No such notification');
  await repo.markRead(db, actor.userId, id, nowIso());
}

function parseParams(json: string): MessageParams {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as MessageParams) : {};
  } catch {
    return {};
  }
}
