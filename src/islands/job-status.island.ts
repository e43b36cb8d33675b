/**
 * Live job status: each `[data-job]` element (a page that works without JavaScript, with a
 * "refresh" link) follows its job through the jobs API every two seconds, shows its progress
 * and message, and reloads the page once the job has finished.
 */
interface JobAnswer {
  status: string;
  error: string | null;
  progress: { percent: number | null; message: string | null };
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

function follow(el: HTMLElement): void {
  const id = el.dataset.job;
  if (!id || !/^[A-Za-z0-9._-]+$/.test(id)) return;
  el.setAttribute('aria-live', 'polite');
  const tick = async () => {
    try {
      const res = await fetch(`/api/v1/jobs/${encodeURIComponent(id)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const job = (await res.json()) as JobAnswer;
      if (FINISHED.has(job.status)) {
        window.location.reload();
        return;
      }
      // The status word beside the progress, in the page's language (the words come with the page).
      document.querySelectorAll<HTMLElement>(`[data-job-status="${id}"]`).forEach((word) => {
        try {
          const labels = JSON.parse(word.dataset.labels ?? '{}') as Record<string, string>;
          if (labels[job.status]) word.textContent = labels[job.status];
        } catch {
          // Words that cannot be read leave the word as the server wrote it.
        }
      });
      const percent = job.progress.percent === null ? '' : `${Math.round(job.progress.percent)}%`;
      el.textContent = [percent, job.progress.message].filter(Boolean).join(' · ');
    } catch {
      // A dropped connection is retried at the next tick.
    }
    window.setTimeout(tick, 2000);
  };
  window.setTimeout(tick, 1000);
}

document.querySelectorAll<HTMLElement>('[data-job]').forEach(follow);

// A module of its own: islands are bundled one by one and share no scope.
export {};
