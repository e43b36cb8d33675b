import { jobRepository, toJob } from '../modules/jobs/job.repository';
import { isFinished, type Job } from '../modules/jobs/job.types';
import type { Store } from '../modules/records/record.store';
import { AppError } from '../shared/errors';
import { progressReporter } from './progress';

/** Follows a job with a progress bar (a line now and then off a terminal) until it ends; returns how it ended. */
export async function followJob(store: Store, jobId: string, label: string, opts: { pollMs?: number } = {}): Promise<Job> {
  const bar = progressReporter(label);
  try {
    for (;;) {
      const row = await jobRepository.find(store.db, jobId);
      if (!row) throw new AppError('NOT_FOUND', `No job "${jobId}"`);
      const job = toJob(row);
      // An unknown total shows as a full bar of what is done so far.
      if (job.progress.total !== null || job.progress.done > 0) bar.update(job.progress.done, job.progress.total ?? job.progress.done);
      if (isFinished(job.status)) return job;
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
    }
  } finally {
    bar.stop();
  }
}
