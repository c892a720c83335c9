// SPDX-License-Identifier: MIT
// csmetrics wasm in Chromium: module ready, then RUNS times load the file (already in
// memory as a Blob, as a dropped File is) and build the report; medians on window.result,
// with the last report in the common shape of bench/peers/canonical.mjs for the harness's
// comparison.
import { fromReport, checksum as checksumOf } from '/bench/peers/canonical.mjs';
import { announce } from '/bench/browser/page-result.mjs';
const params = new URLSearchParams(location.search);
const runs = Number(params.get('runs') ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const blob = await (await fetch(params.get('file'))).blob();
// The browser was launched a moment ago, and its own start competes for this machine's two
// cores for about a second: ready took 48-85 ms then against 26-40 ms a second later (stop
// 16, bench/README.md). The large set's 65 MB fetch used to hide that and the small set's
// did not; waiting a second times both in a settled browser. bench/ready.mjs keeps timing
// the fresh browser's first page.
await new Promise((resolve) => setTimeout(resolve, 1000));
const t0 = performance.now();
// The package's entry (package.json "exports"), as an app that imports 'csmetrics' gets it.
const { createEngine } = await import('/web/csmetrics.min.js');
const probe = await createEngine();
const ready = performance.now() - t0;
probe.dispose();
const load = [], compute = [];
let rows = 0, result = null, heap = 0;
for (let i = 0; i < runs; i++) {
  const engine = await createEngine();
  const a = performance.now();
  rows = (await engine.load('subscriptions', blob)).rows;
  const b = performance.now();
  const report = await engine.report();
  compute.push(performance.now() - b);
  load.push(b - a);
  result = fromReport(report);
  heap = Math.max(heap, engine.wasmMemoryBytes());
  engine.dispose();
}
window.result = { impl: 'csmetrics-wasm-chromium', rows, ready_ms: ready, load_ms: median(load), compute_ms: median(compute),
  total_ms: ready + median(load) + median(compute), peak_mb: heap / 2 ** 20, checksum: checksumOf(result), result };
announce();
