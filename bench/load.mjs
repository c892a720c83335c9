#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// node bench/load.mjs TABLE FILE [RUNS] [--lenient] [--map col=Header] [--const col=value]
// The wasm engine under Node: module ready, then RUNS times load FILE (streamed from disk
// in 1 MiB chunks, as the CLI does) and build the report; prints one JSON line with the
// medians, the wasm memory reserved (the heap's peak) and the process's peak RSS.
// The native twin is `build/native/csm_bench_native DIR RUNS TABLE FILE ...`.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';

const [table, file, runsArg, ...rest] = process.argv.slice(2);
if (!table || !file) {
  console.error('usage: node bench/load.mjs TABLE FILE [RUNS] [--lenient] [--map col=Header] [--const col=value]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const options = { source: file.split('/').pop(), sizeHint: statSync(file).size };
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--lenient') options.lenient = true;
  if (rest[i] === '--map' || rest[i] === '--const') {
    const [k, v] = rest[++i].split('=');
    const key = rest[i - 1] === '--map' ? 'mapping' : 'constants';
    options[key] = { ...options[key], [k]: v };
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const t0 = performance.now();
const { createEngine } = await import('../web/csmetrics.js');
const first = await createEngine();
const ready = performance.now() - t0;
first.dispose();
const load = [], compute = [];
let rows = 0, rejected = 0, heap = 0;
for (let i = 0; i < runs; i++) {
  const engine = await createEngine();
  const a = performance.now();
  const summary = await engine.load(table, Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 })), options);
  const b = performance.now();
  await engine.report();
  compute.push(performance.now() - b);
  load.push(b - a);
  rows = summary.rows;
  rejected = summary.rejected.length;
  heap = Math.max(heap, engine.wasmMemoryBytes());
  engine.dispose();
}
console.log(JSON.stringify({
  impl: 'csmetrics-wasm-node', table, file: options.source, rows, rejected, ready_ms: +ready.toFixed(1),
  load_ms: +median(load).toFixed(1), compute_ms: +median(compute).toFixed(1),
  wasm_heap_mb: +(heap / 2 ** 20).toFixed(1), peak_rss_mb: +(resourceUsage().maxRSS / 1024).toFixed(1),
}));
