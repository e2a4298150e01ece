import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { JobContext } from './extensions.ts';
import { startJobs } from './jobs.ts';

test('each job runs on its interval, never twice at once, and a failure is logged, not thrown', async () => {
  const logged: string[] = [];
  const ctx = {
    db: {} as JobContext['db'],
    publicUrl: 'http://localhost',
    log: pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) }),
  };
  let slowRuns = 0;
  let slowConcurrent = 0;
  let slowMaxConcurrent = 0;
  let failing = 0;
  const stop = startJobs(
    [
      {
        name: 'slow',
        everyMs: 10,
        run: async () => {
          slowRuns++;
          slowConcurrent++;
          slowMaxConcurrent = Math.max(slowMaxConcurrent, slowConcurrent);
          await sleep(60);
          slowConcurrent--;
        },
      },
      {
        name: 'failing',
        everyMs: 10,
        run: async () => {
          failing++;
          throw new Error('boom');
        },
      },
    ],
    ctx,
  );
  await sleep(250);
  stop();
  const runsAtStop = failing;
  await sleep(50);
  assert.ok(slowRuns >= 2, `the slow job ran again after finishing (${slowRuns} runs)`);
  assert.equal(slowMaxConcurrent, 1, 'never two runs of one job at once');
  assert.ok(failing >= 5, `the failing job kept its schedule (${failing} runs)`);
  assert.equal(failing, runsAtStop, 'stopped means stopped');
  assert.ok(
    logged.some((l) => l.includes('"job":"failing"') && l.includes('boom')),
    'the failure is logged with the job',
  );
});
