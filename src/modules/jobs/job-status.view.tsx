import type { PageContext } from '../pages/context';
import { isFinished, JOB_STATUSES, type JobStatus } from './job.types';

/**
 * A job's status in words, in the page's language. While the job is unfinished the job-status
 * island keeps the word current (it carries the words for every status), next to the progress
 * it updates in the `[data-job]` element.
 */
export function JobStatusWord({ ctx, id, status }: { ctx: PageContext; id: string; status: JobStatus }) {
  const word = (s: JobStatus) => ctx.t(`imports.status.${s}`);
  if (isFinished(status)) return <span>{word(status)}</span>;
  const labels = Object.fromEntries(JOB_STATUSES.map((s) => [s, word(s)]));
  return (
    <span data-job-status={id} data-labels={JSON.stringify(labels)}>
      {word(status)}
    </span>
  );
}

/** The kind of a job in words ("Import", "Harvest", "Image derivatives"); an unknown kind is shown as it is. */
export function jobKindLabel(ctx: PageContext, kind: string): string {
  const key = `dashboard.kind.${kind}`;
  const known = ['import', 'harvest', 'media.derivatives'];
  return known.includes(kind) ? ctx.t(key as never) : ctx.t('dashboard.jobKind', { kind });
}
