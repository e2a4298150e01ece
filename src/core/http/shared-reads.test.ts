import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedReads } from './shared-reads.ts';

/** Issue 15: reads kept while the page cache's version stays (shared-reads.ts). */
describe('shared reads', () => {
  const counter = () => {
    let n = 0;
    return { load: async () => ++n, loads: () => n };
  };

  test('kept while the version stays, read again once it moves; each key its own', async () => {
    let version = 1;
    const reads = sharedReads(() => version);
    const c = counter();
    assert.equal(await reads.read('a', c.load), 1);
    assert.equal(await reads.read('a', c.load), 1);
    assert.equal(await reads.read('b', c.load), 2, 'another key is another value');
    version = 2;
    assert.equal(await reads.read('a', c.load), 3);
    assert.equal(c.loads(), 3);
  });

  test('without a version (no page cache, or not listening) every read loads', async () => {
    const reads = sharedReads(() => undefined);
    const c = counter();
    await reads.read('a', c.load);
    await reads.read('a', c.load);
    assert.equal(c.loads(), 2);
  });

  test('readers asking at once share one load', async () => {
    const reads = sharedReads(() => 1);
    const c = counter();
    const values = await Promise.all([reads.read('a', c.load), reads.read('a', c.load), reads.read('a', c.load)]);
    assert.deepEqual(values, [1, 1, 1]);
    assert.equal(c.loads(), 1);
  });

  test('a value whose load overlapped a change is not kept, nor a failed one', async () => {
    let version = 1;
    const reads = sharedReads(() => version);
    const c = counter();
    await reads.read('a', async () => {
      version = 2;
      return c.load();
    });
    // Asked under the same version the load ended in: the overlapping load was not kept.
    assert.equal(await reads.read('a', c.load), 2);
    await assert.rejects(
      reads.read('b', async () => {
        throw new Error('the database is gone');
      }),
    );
    assert.equal(await reads.read('b', c.load), 3);
  });

  test('nothing is kept longer than 30 s (what depends on the time of day)', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const reads = sharedReads(() => 1);
    const c = counter();
    await reads.read('a', c.load);
    t.mock.timers.tick(29_000);
    assert.equal(await reads.read('a', c.load), 1);
    t.mock.timers.tick(2_000);
    assert.equal(await reads.read('a', c.load), 2);
  });
});
