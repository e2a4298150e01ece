import type { FastifyInstance } from 'fastify';

/*
 * Work a request starts but does not wait for, because its answer must not depend on it: a
 * password-reset request answers the same, in the same time, whether the address has an account
 * (issue 10: 5.5 ms against 3.0 ms told them apart). The work starts once the answer is on its way;
 * a failure is logged, never thrown (it cannot end the process); closing the app waits for what is
 * still running. Work lost when the process dies in between must be something the user can simply
 * ask for again.
 */

const running = new WeakMap<FastifyInstance, Set<Promise<void>>>();

/** Prepares `app` for work after responses (at start: registers the wait on close); returns the runner. */
export function afterResponse(app: FastifyInstance): (label: string, work: () => Promise<unknown>) => void {
  // One set per app, however many features ask for a runner (password resets, sign-up).
  let tasks = running.get(app);
  if (!tasks) {
    const created = new Set<Promise<void>>();
    running.set(app, created);
    app.addHook('onClose', async () => {
      await Promise.allSettled([...created]);
    });
    tasks = created;
  }
  const all = tasks;
  return (label, work) => {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(
        () => undefined,
        (err: unknown) => app.log.error({ err }, `${label} failed after the response`),
      )
      .finally(() => all.delete(task));
    all.add(task);
  };
}

/** Resolves when no work started after a response is still running (tests, graceful shutdown). */
export async function afterResponseIdle(app: FastifyInstance): Promise<void> {
  const tasks = running.get(app);
  while (tasks && tasks.size > 0) await Promise.allSettled([...tasks]);
}
