/**
 * Pages take turns to render: one per turn of the event loop (decision 0037). A page's render is
 * synchronous (a few milliseconds of preact); when many requests' reads come back from PostgreSQL
 * together, Node would otherwise render all of them in the same turn, and a timer, a new connection or
 * a light request (/healthz, a visitor's kept page) would wait for every one: the event loop held by
 * their sum. Here a page's render waits for its turn (setImmediate), and a turn renders one page, so
 * what else is waiting runs between them. With nothing else waiting it costs one setImmediate.
 */
const waiting: (() => void)[] = [];
let head = 0;
let scheduled = false;

function nextTurn() {
  const resolve = waiting[head];
  waiting[head++] = undefined as unknown as () => void;
  if (head === waiting.length) {
    waiting.length = 0;
    head = 0;
  }
  // The render runs in the microtasks after this callback; the next turn's is queued for the next
  // iteration (an immediate queued while immediates run waits for the next turn of the loop).
  if (waiting.length > head) setImmediate(nextTurn);
  else scheduled = false;
  resolve?.();
}

/** Resolves when this page may render: at once in the next turn if none waits, else after those before it. */
export function renderTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(nextTurn);
    }
  });
}
