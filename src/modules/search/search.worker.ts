import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '../../db/database';
import { AppError } from '../../shared/errors';
import { SearchEngine } from './search.engine';
import type { SearchJob, SearchReply } from './search.pool';

// A search thread: its own SQLite connection, so a slow query never blocks the server's event loop.
const { sqliteFile } = workerData as { sqliteFile: string };
const handle = createDatabase({ databaseUrl: `sqlite:${sqliteFile}`, dataDir: '.' });
const engine = new SearchEngine({ db: handle.db, dialect: handle.dialect });
// Load the record index as soon as the thread starts, not at the first search.
engine.warm().catch(() => {});

parentPort!.on('message', async (job: SearchJob | 'close') => {
  if (job === 'close') {
    // Close the connection cleanly (so SQLite can checkpoint its log), then end the thread.
    await handle.close();
    parentPort!.close();
    return;
  }
  let reply: SearchReply;
  try {
    reply = { id: job.id, result: await engine.search(job.actor, job.params) };
  } catch (e) {
    reply =
      e instanceof AppError
        ? { id: job.id, error: { code: e.code, message: e.message, details: e.details } }
        : { id: job.id, error: { code: 'INTERNAL', message: (e as Error).message } };
  }
  parentPort!.postMessage(reply);
});
