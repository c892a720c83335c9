// SPDX-License-Identifier: MIT
// Would two workers load a file faster? `node bench/parallel.mjs [FILE] [ROUNDS]` loads the
// subscriptions CSV (default: the large set) in one worker_thread, then its two halves (cut
// at a line end, the header repeated) in two, each into an engine of its own, and prints
// the wall time of each way and the loads timed inside the workers. The halves are not
// merged: this is the upper bound of a parallel load before the merge (bench/README.md,
// "Parallel load"). Measures; never fails on a time.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

if (isMainThread) {
  const file = process.argv[2] ?? new URL('../build/bench-data/large/subscriptions.csv', import.meta.url).pathname;
  const rounds = Number(process.argv[3] ?? 4);
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, bytes.indexOf(10) + 1);
  const cut = bytes.indexOf(10, bytes.length >> 1) + 1;
  const halves = [bytes.subarray(0, cut), Buffer.concat([header, bytes.subarray(cut)])];
  const start = () => new Promise((ok) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', () => ok(worker));
  });
  const load = (worker, data) => new Promise((ok) => {
    worker.once('message', ok);
    worker.postMessage(data);
  });
  const workers = [await start(), await start()];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const one = await load(workers[0], bytes);
    const single = performance.now() - t;
    t = performance.now();
    const two = await Promise.all(halves.map((half, k) => load(workers[k], half)));
    const parallel = performance.now() - t;
    console.log(`one worker ${single.toFixed(0)} ms (${one.rows} rows, load ${one.ms.toFixed(0)} ms in the worker)` +
      ` | two halves ${parallel.toFixed(0)} ms (${two.map((r) => r.rows).join(' + ')} rows,` +
      ` loads ${two.map((r) => r.ms.toFixed(0)).join(' / ')} ms)`);
  }
  await Promise.all(workers.map((w) => w.terminate()));
} else {
  const { createEngine } = await import('../web/csmetrics.js');
  parentPort.postMessage('ready');
  parentPort.on('message', async (data) => {
    const engine = await createEngine();
    const t = performance.now();
    const { rows } = await engine.load('subscriptions', data, { sizeHint: data.length });
    const ms = performance.now() - t;
    engine.dispose();
    parentPort.postMessage({ rows, ms });
  });
}
