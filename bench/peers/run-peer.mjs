#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// node bench/peers/run-peer.mjs PEER FILE [RUNS]: one JavaScript peer (handwritten,
// duckdb, arquero) in a process of its own, so that its ready time is cold and its peak
// resident memory is its own. FILE is read into memory first (not timed), as the bytes
// of a dropped file are; then module ready (import + set-up), and RUNS times load +
// compute. Prints one JSON line: the medians, the process's peak RSS and the last
// result in the common shape of ./canonical.mjs, which bench/run.mjs compares.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';

const [peer, file, runsArg] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg ?? 5));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const bytes = readFileSync(file);

const t0 = performance.now();
let impl;
if (peer === 'handwritten') {
  const { computeHandwritten } = await import('./handwritten.mjs');
  let result = null;
  impl = {
    name: 'handwritten-js-node',
    load: () => { result = computeHandwritten(bytes); return null; },
    compute: () => result,
    reset() {}, close() {},
  };
} else if (peer === 'duckdb') {
  const { createDuckdbPeer } = await import('./duckdb.mjs');
  impl = { name: 'duckdb-wasm-node', ...(await createDuckdbPeer()) };
} else if (peer === 'arquero') {
  const { createArqueroPeer } = await import('./arquero.mjs');
  impl = { name: 'arquero-node', ...(await createArqueroPeer()) };
} else {
  console.error(`run-peer: unknown peer ${peer}`);
  process.exit(2);
}
const ready = performance.now() - t0;

const load = [], compute = [];
let rows = null, result = null;
for (let i = 0; i < runs; i++) {
  const a = performance.now();
  rows = impl.load(bytes);
  const b = performance.now();
  result = impl.compute();
  const c = performance.now();
  impl.reset();
  load.push(b - a);
  compute.push(c - b);
}
impl.close();
// The hand-written peer does parse and compute in one pass: its time is all "load".
const split = peer !== 'handwritten';
const total = median(load.map((x, i) => x + compute[i]));
console.log(JSON.stringify({
  impl: impl.name, rows, ready_ms: ready,
  load_ms: split ? median(load) : null, compute_ms: split ? median(compute) : null,
  total_ms: ready + (split ? median(load) + median(compute) : total),
  peak_mb: resourceUsage().maxRSS / 1024, result,
}));
