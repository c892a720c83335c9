#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// npm run bench [-- --json] [-- --large]: generates the deterministic data sets (once,
// into build/bench-data), then measures csmetrics natively and as wasm under Node:
// module ready, load, report; medians over several runs; peak memory. Not a test: it
// prints numbers, it does not pass or fail on them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const sets = [
  { name: 'small', rows: 12000, months: 36, start: '2022-01' },
  ...(args.includes('--small-only') ? [] : [{ name: 'large', rows: 1000000, months: 60, start: '2021-01' }]),
];

function dataset(set) {
  const dir = `${root}build/bench-data/${set.name}`;
  if (!existsSync(`${dir}/subscriptions.csv`)) {
    execFileSync(process.execPath, [`${root}bench/generate.mjs`, '--out', dir, '--rows', String(set.rows),
      '--months', String(set.months), '--start', set.start, '--tables', 'subscriptions', '--seed', '42'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function checksumOf(report) {
  let sum = 0;
  for (const m of Object.values(report.months)) sum += Math.round(m.revenue.mrr * 100) + m.revenue.paying_customers;
  return sum;
}

async function wasmNode(dir) {
  // A fresh Node process per measurement would include Node's own start; the module is
  // measured from import to ready inside this process instead, once.
  const t0 = performance.now();
  const { createEngine } = await import(`${root}web/csmetrics.js`);
  const probe = await createEngine();
  const ready = performance.now() - t0;
  probe.dispose();
  const bytes = readFileSync(`${dir}/subscriptions.csv`);
  const load = [], compute = [];
  let checksum = 0, rows = 0, heap = 0;
  for (let i = 0; i < runs; i++) {
    const engine = await createEngine();
    const a = performance.now();
    rows = (await engine.load('subscriptions', bytes)).rows;
    const b = performance.now();
    const report = await engine.report();
    const c = performance.now();
    load.push(b - a);
    compute.push(c - b);
    checksum = checksumOf(report);
    heap = Math.max(heap, engine.wasmMemoryBytes?.() ?? 0);
    engine.dispose();
  }
  return { impl: 'csmetrics-wasm-node', rows, ready_ms: ready, load_ms: median(load), compute_ms: median(compute),
    total_ms: ready + median(load) + median(compute), peak_mb: (heap || process.memoryUsage().rss) / 2 ** 20, checksum };
}

function native(dir) {
  const out = execFileSync(`${root}build/native/csm_bench_native`, [dir, String(runs)], { encoding: 'utf8' });
  return JSON.parse(out);
}

async function wasmChromium(dir) {
  const { startServer } = await import('../scripts/serve.mjs');
  const { launch } = await import('../tests/browser/chromium.js');
  const server = await startServer({ root });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const file = `/${dir.slice(root.length)}/subscriptions.csv`;
    await page.goto(`${server.url}bench/browser/bench.html?runs=${runs}&file=${encodeURIComponent(file)}`);
    await page.waitForFunction(() => window.result, null, { timeout: 600000 });
    return await page.evaluate(() => window.result);
  } finally {
    await browser.close();
    await server.close();
  }
}

function handwritten(dir) {
  return import('./peers/handwritten.mjs').then(({ computeHandwritten }) => {
    const bytes = readFileSync(`${dir}/subscriptions.csv`);
    const times = [];
    let result;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      result = computeHandwritten(bytes);
      times.push(performance.now() - t);
    }
    let checksum = 0;
    for (const m of result.months) checksum += m.mrr + m.paying;
    return { impl: 'handwritten-js-node', rows: null, ready_ms: 0, load_ms: null, compute_ms: null,
      total_ms: median(times), peak_mb: process.memoryUsage().rss / 2 ** 20, checksum };
  });
}

function cliProcess(dir) {
  const times = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t = performance.now();
    execFileSync(`${root}build/native/csmetrics`, ['report', dir], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
  }
  return { impl: 'csmetrics-cli-native-process', total_ms: median(times) };
}

const results = [];
for (const set of sets) {
  const dir = dataset(set);
  const mb = statSync(`${dir}/subscriptions.csv`).size / 2 ** 20;
  for (const r of [native(dir), await wasmNode(dir), await wasmChromium(dir), await handwritten(dir), cliProcess(dir)]) {
    const row = { set: set.name, csv_mb: Number(mb.toFixed(1)), ...r };
    results.push(row);
    if (json) console.log(JSON.stringify(row));
  }
}
if (!json) {
  const f = (x) => (x === undefined || x === null ? '' : typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(1)) : String(x));
  console.log(['set', 'csv_mb', 'impl', 'rows', 'ready_ms', 'load_ms', 'compute_ms', 'total_ms', 'peak_mb'].join('\t'));
  for (const r of results) {
    console.log([r.set, r.csv_mb, r.impl, r.rows, r.ready_ms, r.load_ms, r.compute_ms, r.total_ms, r.peak_mb].map(f).join('\t'));
  }
  for (const set of sets) {
    const sums = results.filter((r) => r.set === set.name && r.checksum !== undefined).map((r) => r.checksum);
    if (new Set(sums).size !== 1) console.log(`WARNING: ${set.name}: implementations disagree`);
  }
}
