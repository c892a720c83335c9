// SPDX-License-Identifier: MIT
// The engine's Web Worker in Chromium: a 1M-row (65 MB) file loads and computes off the
// main thread, which keeps running; progress arrives; a load can be cancelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { launch, watchRequests } from './chromium.js';
import { root } from '../js/helpers.js';

const LARGE = 'build/bench-data/large/subscriptions.csv';
const HUGE = 'build/bench-data/huge/subscriptions.csv'; // 15.5M rows, 1.03 GB
let server;
let browser;

before(async () => {
  if (!existsSync(`${root}${LARGE}`)) {
    execFileSync(process.execPath, [`${root}bench/generate.mjs`, '--out', `${root}build/bench-data/large`, '--rows', '1000000',
      '--months', '60', '--start', '2021-01', '--tables', 'subscriptions', '--seed', '42'], { stdio: 'ignore' });
  }
  server = await startServer({ root });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function run(query, file) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const foreign = watchRequests(page, server.url);
  await page.goto(`${server.url}tests/browser/fixtures/worker.html?${query}`);
  if (file) {
    await page.waitForFunction(() => document.getElementById('state').textContent === 'waiting for a file');
    await page.setInputFiles('#pick', file);
  }
  await page.waitForFunction(() => window.result, null, { timeout: 600000, polling: 1000 });
  const result = await page.evaluate(() => window.result);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  return result;
}

test('a 1M-row file loads in the worker while the page stays responsive', async () => {
  const r = await run(`file=/${LARGE}`);
  assert.equal(r.rows, 1000035);
  assert.equal(r.months, 60);
  assert.ok(r.mrr > 0);
  assert.ok(r.progress >= 10, `progress events: ${r.progress}`);
  assert.equal(r.lastProgress.phase, 'done');
  // The main thread ran its 10 ms timer throughout; a blocked thread would show a gap of
  // the whole load (seconds).
  assert.ok(r.maxGap < 250, `longest main-thread stall ${r.maxGap.toFixed(0)} ms over ${r.ms.toFixed(0)} ms`);
  assert.ok(r.ticks > r.ms / 50, `${r.ticks} ticks in ${r.ms.toFixed(0)} ms`);
});

test('a load can be cancelled and the engine stays usable', async () => {
  const r = await run(`file=/${LARGE}&cancel=1`);
  assert.equal(r.cancelled, 'aborted');
  assert.equal(r.afterCancel, 1);
});

test('a 1 GB file picked in the page streams into the worker, or stops naming the limit', { timeout: 900000 }, async () => {
  if (!existsSync(`${root}${HUGE}`)) {
    execFileSync(process.execPath, [`${root}bench/generate.mjs`, '--out', `${root}build/bench-data/huge`, '--rows', '15500000',
      '--months', '60', '--start', '2021-01', '--tables', 'subscriptions', '--seed', '42'], { stdio: 'ignore' });
  }
  const r = await run('pick=1', `${root}${HUGE}`);
  if (r.error) {
    assert.equal(r.error.code, 'limit', JSON.stringify(r.error));
    assert.match(r.error.message, /memory|limit/);
  } else {
    assert.equal(r.rows, 15500173);
    assert.equal(r.months, 60);
    assert.ok(r.mrr > 0);
  }
  assert.equal(r.heapUsable, 1, 'the engine works after the big load');
  assert.ok(r.progress >= 100, `progress events: ${r.progress}`);
  assert.ok(r.maxGap < 250, `longest main-thread stall ${r.maxGap.toFixed(0)} ms over ${r.ms.toFixed(0)} ms`);
  console.log(`1 GB in Chromium: ${JSON.stringify({ loadMs: r.loadMs, ms: r.ms, rows: r.rows, error: r.error })}`);
});
