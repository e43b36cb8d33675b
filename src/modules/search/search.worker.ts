import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../../db/database';
import { AppError } from '../../shared/errors';
import { searchRecords } from './search.service';
import type { SearchJob, SearchReply } from './search.pool';

// A search thread: its own SQLite connection, so a slow query never blocks the server's event loop.
const { sqliteFile } = workerData as { sqliteFile: string };
const handle = createDatabase({ databaseUrl: `sqlite:${sqliteFile}`, dataDir: '.' });
const store = { db: handle.db, dialect: handle.dialect };

parentPort!.on('message', async (job: SearchJob) => {
  let reply: SearchReply;
  try {
    reply = { id: job.id, result: await searchRecords(store, job.actor, job.params) };
  } catch (e) {
    reply =
      e instanceof AppError
        ? { id: job.id, error: { code: e.code, message: e.message, details: e.details } }
        : { id: job.id, error: { code: 'INTERNAL', message: (e as Error).message } };
  }
  parentPort!.postMessage(reply);
});
