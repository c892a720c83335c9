// SPDX-License-Identifier: MIT
// Engine ready time in Chromium, taken apart: `node bench/ready.mjs [LOADS]` opens
// bench/browser/ready.html in a fresh headless Chromium per load, twice: a first visit
// (empty cache) and a repeat visit in a new tab of the same profile (files revalidated by
// ETag, compiled code cached). It prints, per visit, ready = (requests and module
// evaluation until the .wasm response starts) + (streaming compile and instantiate), and
// when the import of the package's entry resolved; then the medians of each kind of visit.
// Then the same two visits, in a profile of their own, for createWorkerEngine() (the engine
// in a worker, as pages use it): its ready time only.
// Measures; never fails on a time.
import { startServer } from '../scripts/serve.mjs';
import { launch } from '../tests/browser/chromium.js';
import { pageResult } from './browser/page-result.mjs';

const loads = Number(process.argv[2] ?? 9);
const root = new URL('../', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
// The columns, in ready.js's names: one line per load, then one of their medians.
const columns = ['ready_ms', 'wasm_response_ms', 'instantiate_ms', 'import_ms'];
const line = (label, values) => `${label.padStart(6)} ${values.map((x) => x.toFixed(1).padStart(12)).join('')}`;
const server = await startServer({ root });
const rows = { first: [], repeat: [] };
const workerRows = { first: [], repeat: [] };
try {
  console.log(`${'load'.padStart(6)} ${['ready', 'before-wasm', 'instantiate', 'imported'].map((h) => h.padStart(12)).join('')}` +
    '   requests (start-end ms)');
  for (let i = 0; i < loads; i++) {
    const browser = await launch();
    try {
      const context = await browser.newContext();
      for (const visit of ['first', 'repeat']) {
        const page = await context.newPage();
        const r = await pageResult(page, `${server.url}bench/browser/ready.html`, 60000);
        await page.close();
        rows[visit].push(r);
        const requests = r.requests.map((q) => `${q.file} ${q.start_ms.toFixed(0)}-${q.end_ms.toFixed(0)}`).join(', ');
        console.log(`${line(`${i + 1}${visit[0]}`, columns.map((c) => r[c]))}   ${requests}`);
      }
      // createWorkerEngine() in a profile of its own, so its first visit is a first one.
      const workerContext = await browser.newContext();
      for (const visit of ['first', 'repeat']) {
        const page = await workerContext.newPage();
        workerRows[visit].push((await pageResult(page, `${server.url}bench/browser/worker-ready.html`, 60000)).ready_ms);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
for (const visit of ['first', 'repeat']) {
  console.log(line(`${visit}`, columns.map((c) => median(rows[visit].map((r) => r[c])))) + '   (medians)');
}
for (const visit of ['first', 'repeat']) {
  const xs = workerRows[visit];
  console.log(`createWorkerEngine() ready, ${visit} visits: median ${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`);
}
