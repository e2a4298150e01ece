import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until `check()` holds, looking every 10 ms; throws once `ms` have passed without. */
export async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(10);
  }
}
