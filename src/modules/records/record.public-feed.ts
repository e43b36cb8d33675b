import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import { PUBLIC } from '../accounts/actor';
import { visibleTo } from './record.visibility';

type RecordEb = ExpressionBuilder<Database, 'record'>;

/**
 * What the feeds others sync from (OAI-PMH, IIIF Change Discovery) may show: records the public
 * sees now (the one visibility rule), and records the public once saw that are now deleted, hidden
 * or back under embargo, as deletions (`ever_public`). A record the public never saw never
 * appears, not even as deleted. Ordered and selected by `public_at` (index `record_public_feed`,
 * which holds every column of this filter).
 */
export function inPublicFeed(now: string) {
  return (eb: RecordEb): Expression<SqlBool> =>
    eb.or([visibleTo(PUBLIC, now)(eb), eb.and([eb('record.ever_public', '=', 1), eb('record.public_at', '<=', now)])]);
}

/**
 * A feed entry's columns: its position (`public_at`, `seq`), and `gone_at`, set (to the instant
 * of the change) when the record is gone for the public at `now`.
 */
export function feedColumns(now: string) {
  return (eb: RecordEb) =>
    [
      'record.seq',
      'record.id',
      'record.institution_id',
      'record.kind',
      'record.version',
      'record.has_media',
      'record.public_at',
      eb.case().when(visibleTo(PUBLIC, now)(eb)).then(sql<string | null>`NULL`).else(eb.ref('record.public_at')).end().as('gone_at'),
    ] as const;
}
