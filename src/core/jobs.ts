import type { Job, JobContext } from './extensions.ts';

/**
 * The one scheduler (decision 0016): every job of every domain runs in this process every
 * `everyMs`. A run that is still going when the next is due is not doubled; an error is logged and
 * the next run comes as planned, so no job can end the process. Jobs must be safe to run in several
 * processes at once (they claim their rows in PostgreSQL); nothing is agreed in memory.
 * Returns a function that stops the timers (runs in flight finish on their own).
 */
export function startJobs(
  jobs: readonly Job[],
  ctx: JobContext,
  /** Told of every run, its duration and whether it failed (/metrics, core/metrics.ts). */
  observe?: (job: string, seconds: number, failed: boolean) => void,
): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      const started = performance.now();
      let failed = false;
      try {
        await job.run(ctx);
      } catch (err) {
        failed = true;
        ctx.log.warn({ err, job: job.name }, 'job failed');
      } finally {
        running = false;
        observe?.(job.name, (performance.now() - started) / 1000, failed);
      }
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
