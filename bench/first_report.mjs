#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `node [V8 FLAGS] bench/first_report.mjs DIR [WEB_DIR]`: in one fresh process, two engines
// one after the other each load DIR's subscriptions.csv (and responses.csv when there is
// one) and report twice; prints per engine the load, both reports and the wasm heap before
// and after them. The first engine's first report runs on code V8 has not optimised yet;
// the second engine's runs on warm code and a heap already grown (bench/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, web = new URL('../web', import.meta.url).pathname] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/first_report.mjs DIR [WEB_DIR]');
  process.exit(2);
}
const { createEngine } = await import(pathToFileURL(resolve(web, 'csmetrics.js')).href);
const tables = ['subscriptions', 'responses'].filter((t) => existsSync(`${dir}/${t}.csv`));
const bytes = tables.map((t) => readFileSync(`${dir}/${t}.csv`));
const mib = (b) => (b / 2 ** 20).toFixed(0);
for (let k = 0; k < 2; k++) {
  const engine = await createEngine();
  let t = performance.now();
  for (let i = 0; i < tables.length; i++) await engine.load(tables[i], bytes[i]);
  const load = performance.now() - t;
  const before = engine.wasmMemoryBytes();
  const reports = [];
  for (let i = 0; i < 2; i++) {
    t = performance.now();
    await engine.report();
    reports.push(performance.now() - t);
  }
  console.log(JSON.stringify({ engine: k + 1, load_ms: +load.toFixed(1), reports_ms: reports.map((x) => +x.toFixed(1)),
    heap_mib: `${mib(before)} -> ${mib(engine.wasmMemoryBytes())}` }));
  engine.dispose();
}
