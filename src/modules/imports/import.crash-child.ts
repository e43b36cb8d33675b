// A separate process for import.crash.db.test.ts: it runs queued import jobs until its parent kills it
// (SIGKILL, at a moment the parent does not choose precisely), as a crash or a power cut would.
import { createDatabase } from '../../db/database';
import { createJobRunner } from '../jobs/job.runner';
import { importJobHandlers } from './import.job';

const handle = createDatabase({ databaseUrl: process.env.CRASH_DATABASE_URL || null, dataDir: process.env.CRASH_DATA_DIR! });
const runner = createJobRunner({ store: handle, handlers: importJobHandlers({ dataDir: process.env.CRASH_DATA_DIR! }), leaseMs: Number(process.env.CRASH_LEASE_MS), pollMs: 20 });
await runner.runUntilIdle();
process.stderr.write('import crash-child finished before it was killed\n');
await handle.close();
