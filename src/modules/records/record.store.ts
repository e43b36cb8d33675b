import type { Db } from '../../db/database';
import type { DialectAdapter } from '../../db/dialect/dialect';

/** The database and its dialect, passed to services (a transaction is a Store too). */
export interface Store {
  db: Db;
  dialect: DialectAdapter;
}

/** Runs work in one transaction, handing it a Store bound to the transaction. */
export function inTransaction<T>(store: Store, work: (trx: Store) => Promise<T>): Promise<T> {
  if (store.db.isTransaction) return work(store);
  return store.db.transaction().execute((trx) => work({ db: trx, dialect: store.dialect }));
}
