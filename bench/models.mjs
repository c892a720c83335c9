#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// node bench/models.mjs: how long the predictive models take in wasm under Node (medians
// of 5): BG/NBD + Gamma-Gamma on the full CDNOW master file (23,570 customers, from the raw
// purchases); the sBG on 100,000 simulated subscribers (24 monthly cohort columns, alpha
// 0.7, beta 1.2, deterministic) through engine.sbg; and the whole report, whose sBG fits the
// cohorts jointly, on a generated subscriptions table of about 100,000 customers. Prints a
// table; measures, never fails on a number.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../web/csmetrics.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// theta ~ Beta(a, b) by Johnk's method; each subscriber then churns geometrically.
function simulatedCohorts(customers, cohorts, alpha, beta, seed) {
  const rand = mulberry32(seed);
  const betaDraw = () => {
    for (;;) {
      const x = rand() ** (1 / alpha);
      const y = rand() ** (1 / beta);
      if (x + y <= 1 && x + y > 0) return x / (x + y);
    }
  };
  const columns = {};
  for (let c = 0; c < cohorts; c++) {
    const periods = cohorts - c + 3; // the cohort of month c is seen for the months left
    const alive = new Array(periods).fill(0);
    for (let i = 0; i < customers / cohorts; i++) {
      const theta = betaDraw();
      for (let t = 0; t < periods; t++) {
        alive[t]++;
        if (rand() < theta) break;
      }
    }
    columns[`m${c + 1}`] = alive;
  }
  return { columns };
}

async function time(fn) {
  const ms = [];
  let out;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out };
}

const engine = await createEngine();
const master = readFileSync(`${root}tests/data/shared/cdnow/CDNOW_master.txt`);
const bg = await time(() => engine.bgnbd(master, { calibrationEnd: '1997-09-30' }));
const survivors = simulatedCohorts(100000, 24, 0.7, 1.2, 42);
const sbg = await time(() => engine.sbg(survivors));
const fit = sbg.out.fits;
console.log('| fit (wasm, Node) | customers | median ms | result |');
console.log('|---|---:|---:|---|');
console.log(`| BG/NBD + Gamma-Gamma, CDNOW master, raw purchases | ${bg.out.customers} | ${bg.ms.toFixed(1)} | r ${bg.out.bg_nbd.r.toFixed(3)}, alpha ${bg.out.bg_nbd.alpha.toFixed(3)}, a ${bg.out.bg_nbd.a.toFixed(3)}, b ${bg.out.bg_nbd.b.toFixed(3)} |`);
console.log(`| sBG, 24 cohort columns fitted one by one | 100000 | ${sbg.ms.toFixed(1)} | alpha ${fit[0].alpha.toFixed(2)}, beta ${fit[0].beta.toFixed(2)} (first column) |`);
const dir = `${root}build/bench-data/models-100k`;
if (!existsSync(`${dir}/subscriptions.csv`)) {
  execFileSync(process.execPath, [`${root}bench/generate.mjs`, '--out', dir, '--rows', '160000', '--months', '36',
    '--start', '2022-01', '--tables', 'subscriptions', '--seed', '5'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const subs = readFileSync(`${dir}/subscriptions.csv`);
const reportEngine = await createEngine();
await reportEngine.load('subscriptions', subs);
const withModels = await time(() => reportEngine.report({ grossMargin: 0.8 }));
const m = withModels.out.models.sbg;
console.log(`| whole report incl. the joint sBG of ${m.cohorts} cohorts and the base valuation | ${m.customers} | ${withModels.ms.toFixed(1)} | alpha ${m.alpha.toFixed(3)}, beta ${m.beta.toFixed(3)} |`);
reportEngine.dispose();
engine.dispose();
