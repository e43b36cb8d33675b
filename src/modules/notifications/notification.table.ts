import type { Selectable } from 'kysely';

/** A message to one user, shown in the app: a catalogue key and its parameters, translated when shown. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  link: string | null;
  message_key: string;
  /** JSON object of the message's parameters. */
  message_params: string;
  created_at: string;
  read_at: string | null;
}

export type NotificationRow = Selectable<NotificationTable>;

declare module '../../db/schema' {
  interface Database {
    notification: NotificationTable;
  }
}
