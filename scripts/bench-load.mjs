/** Load loop for scripts/bench.ts, run in a worker thread so that it does not share the server's event loop. */
import { parentPort, workerData } from 'node:worker_threads';

const { url, seconds, concurrency, cookie } = workerData;
const latencies = [];
const deadline = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  }),
);
parentPort?.postMessage(latencies);
