// SPDX-License-Identifier: MIT
// Would two workers load and report faster? `node bench/parallel.mjs [FILE] [ROUNDS]` loads
// the subscriptions CSV (default: the large set) in one worker_thread and builds the report,
// then does the same with its two halves in two workers at once, each into an engine of
// its own. The cut is the first line end after the middle where the customer id changes,
// the header repeated, so that on a file grouped by customer (as the generated sets and
// billing exports are) no customer is split and the halves' month MRR and paying
// customers add up exactly to the whole's (checked, printed). Nothing is merged: this is
// the upper bound of a two-thread engine, with the merge, the threads' start and shared
// memory all free (bench/README.md, "Parallel load"). Measures; never fails on a time.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

const firstField = (bytes, at) => {
  const end = bytes.indexOf(44, at);
  return bytes.subarray(at, end).toString('latin1');
};

// The first line start after the middle whose customer differs from the line before.
function customerCut(bytes) {
  let prev = bytes.indexOf(10, bytes.length >> 1) + 1;
  let line = bytes.indexOf(10, prev) + 1;
  while (line > 0 && line < bytes.length && firstField(bytes, line) === firstField(bytes, prev)) {
    prev = line;
    line = bytes.indexOf(10, line) + 1;
  }
  return line > 0 ? line : bytes.length;
}

if (isMainThread) {
  const file = process.argv[2] ?? new URL('../build/bench-data/large/subscriptions.csv', import.meta.url).pathname;
  const rounds = Number(process.argv[3] ?? 4);
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, bytes.indexOf(10) + 1);
  const cut = customerCut(bytes);
  const halves = [bytes.subarray(0, cut), Buffer.concat([header, bytes.subarray(cut)])];
  const start = () => new Promise((ok) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', () => ok(worker));
  });
  const run = (worker, data) => new Promise((ok) => {
    worker.once('message', ok);
    worker.postMessage(data);
  });
  const f = (ms) => ms.toFixed(0);
  const workers = [await start(), await start()];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const one = await run(workers[0], bytes);
    const single = performance.now() - t;
    t = performance.now();
    const two = await Promise.all(halves.map((half, k) => run(workers[k], half)));
    const parallel = performance.now() - t;
    const adds = Object.entries(one.months).every(([m, [mrr, paying]]) =>
      two.reduce((s, r) => s + (r.months[m]?.[0] ?? 0), 0) === mrr &&
      two.reduce((s, r) => s + (r.months[m]?.[1] ?? 0), 0) === paying);
    console.log(`one worker ${f(single)} ms (${one.rows} rows; load ${f(one.load)} + report ${f(one.report)} ms)` +
      ` | two halves at once ${f(parallel)} ms (${two.map((r) => r.rows).join(' + ')} rows; load + report` +
      ` ${two.map((r) => `${f(r.load)} + ${f(r.report)}`).join(' / ')} ms) | ${(single / parallel).toFixed(2)}x;` +
      ` halves' month MRR and paying customers ${adds ? 'add up to the whole' : 'DO NOT add up'}`);
  }
  await Promise.all(workers.map((w) => w.terminate()));
} else {
  const { createEngine } = await import('../web/csmetrics.js');
  parentPort.postMessage('ready');
  parentPort.on('message', async (data) => {
    const engine = await createEngine();
    const t = performance.now();
    const { rows } = await engine.load('subscriptions', data, { sizeHint: data.length });
    const load = performance.now() - t;
    const report = await engine.report();
    const ms = performance.now() - t - load;
    engine.dispose();
    // Money in minor units (cents for the large set's USD), so that sums compare exactly.
    const scale = 10 ** report.meta.minor_unit_exponent;
    const months = Object.fromEntries(Object.entries(report.months).map(([m, x]) =>
      [m, [Math.round(x.revenue.mrr * scale), x.revenue.paying_customers]]));
    parentPort.postMessage({ rows, load, report: ms, months });
  });
}
