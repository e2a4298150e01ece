import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTurn } from './render-turn.ts';

/** How many turns of the event loop have begun since it was started (a chain of immediates). */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turns,
    stop: () => {
      running = false;
    },
  };
}

test('pages waiting together render one per turn of the event loop, in the order they asked', async () => {
  const counter = turnCounter();
  const rendered: { page: number; turn: number }[] = [];
  await Promise.all(
    Array.from({ length: 5 }, (_, page) =>
      renderTurn().then(() => {
        rendered.push({ page, turn: counter.now() });
      }),
    ),
  );
  counter.stop();
  assert.deepEqual(
    rendered.map((r) => r.page),
    [0, 1, 2, 3, 4],
  );
  const turns = rendered.map((r) => r.turn);
  assert.equal(new Set(turns).size, 5, `each in a turn of its own: ${turns}`);
});

test('a timer due while pages wait runs between their renders, not after all of them', async () => {
  const order: string[] = [];
  const pages = Array.from({ length: 4 }, (_, i) =>
    renderTurn().then(() => {
      order.push(`page ${i}`);
      if (i === 0) setTimeout(() => order.push('timer'), 0);
      // A render's synchronous work: the timer the first set is due when it ends.
      const until = performance.now() + 5;
      while (performance.now() < until);
    }),
  );
  await Promise.all(pages);
  await new Promise((r) => setTimeout(r, 5));
  const timer = order.indexOf('timer');
  assert.equal(timer, 1, `the timer ran before the next render: ${order.join(', ')}`);
});

test('one page alone renders in the next turn; a later one after it has rendered', async () => {
  let first = false;
  await renderTurn().then(() => {
    first = true;
  });
  assert.ok(first);
  await renderTurn();
});
