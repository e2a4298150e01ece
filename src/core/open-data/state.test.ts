import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../db/database.ts';
import type { Dataset } from '../extensions.ts';
import { keptSummaries } from './state.ts';

/** A dataset whose summary counts how often it is read, and can be made to wait or fail. */
function counted() {
  const calls = { n: 0, fail: false, gate: Promise.resolve() };
  const dataset = {
    id: 'things',
    async summary() {
      calls.n++;
      await calls.gate;
      if (calls.fail) throw new Error('the database went away');
      return { rows: calls.n, lastChange: null, stamp: String(calls.n) };
    },
  } as unknown as Dataset;
  return { calls, dataset };
}
const db = {} as Db;

test('without a change version the summaries are read on every request', async () => {
  const { calls, dataset } = counted();
  const read = keptSummaries(db, [dataset], () => undefined);
  await read();
  await read();
  assert.equal(calls.n, 2);
});

test('kept while the version stays, read again when it moves; one read shared by requests meanwhile', async () => {
  const { calls, dataset } = counted();
  let version = 1;
  const read = keptSummaries(db, [dataset], () => version);
  const [a, b] = await Promise.all([read(), read()]);
  assert.deepEqual(a, b);
  assert.equal((await read())[0]?.stamp, '1');
  assert.equal(calls.n, 1);
  version = 2;
  assert.equal((await read())[0]?.stamp, '2');
  assert.equal(calls.n, 2);
});

test('not kept when a change came while they were read, nor when reading failed', async () => {
  const { calls, dataset } = counted();
  let version = 1;
  const read = keptSummaries(db, [dataset], () => version);
  let open = () => {};
  calls.gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const first = read();
  version = 2;
  open();
  await first;
  version = 1;
  // The version is back where the read began, but that read overlapped a change: read again.
  await read();
  assert.equal(calls.n, 2);
  version = 3;
  calls.fail = true;
  await assert.rejects(read());
  calls.fail = false;
  await read();
  assert.equal(calls.n, 4, 'a failed read is not kept');
});
