// A separate process for job.runner.db.test.ts: it runs a job and kills itself mid-way (SIGKILL),
// as a server does when it crashes or loses power, leaving the job "running" with a checkpoint.
import { createDatabase } from '../../db/database';
import { createJobRunner } from './job.runner';
import type { JobHandler } from './job.types';

const handle = createDatabase({ databaseUrl: process.env.CRASH_DATABASE_URL || null, dataDir: process.env.CRASH_DATA_DIR! });

const count: JobHandler = async (ctx, payload: { items: number; crashAfter: number }) => {
  for (let i = 0; i < payload.items; i++) {
    await ctx.progress(i + 1, payload.items, `item ${i}`);
    await ctx.saveCheckpoint({ next: i + 1 });
    if (i + 1 === payload.crashAfter) process.kill(process.pid, 'SIGKILL');
  }
  return { finishedBy: 'child' };
};

const runner = createJobRunner({ store: handle, handlers: { 'test.crash': count }, leaseMs: Number(process.env.CRASH_LEASE_MS), pollMs: 20 });
await runner.runUntilIdle();
process.stderr.write('crash-child found no job to run\n');
await handle.close();
