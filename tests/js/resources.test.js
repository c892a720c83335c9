// SPDX-License-Identifier: MIT
// Resources: 10,000 load-and-report cycles leave the wasm heap where it was; running out
// of wasm memory is a clear 'limit' error after which the engine still works; empty and
// one-row data sets give valid reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../web/csmetrics.js';
import { RAISEKIT, root, SUBS_HEADER } from './helpers.js';

test('10,000 load-and-report cycles keep the wasm heap flat', async () => {
  const engine = await createEngine();
  const cycle = async (i) => {
    await engine.load('subscriptions', RAISEKIT);
    await engine.load('responses', `customer_id,date,survey,score,comment\nKAKCo,2022-02-0${1 + (i % 9)},nps,${i % 11},slow support ${i}\n`);
    if (i % 7 === 0) await engine.load('subscriptions', `${SUBS_HEADER}x,P,2022-01-01,,-1,USD,month,1,1,\n`, { lenient: true });
    if (i % 13 === 0) await assert.rejects(engine.load('subscriptions', `${SUBS_HEADER}x,P,2022-01-01,,bad,USD,month,1,1,\n`));
    await engine.report({ segmentBy: 'plan' });
    await engine.reset();
  };
  for (let i = 0; i < 200; i++) await cycle(i);
  const before = engine.wasmHeapInUse();
  const reserved = engine.wasmMemoryBytes();
  for (let i = 0; i < 10000; i++) await cycle(i);
  const after = engine.wasmHeapInUse();
  assert.ok(Math.abs(after - before) <= 4096, `heap in use ${before} -> ${after} bytes`);
  assert.equal(engine.wasmMemoryBytes(), reserved, 'no memory growth');
});

test('running out of wasm memory is a limit error, and the engine stays usable', async () => {
  // The same engine linked with a 64 MB ceiling (build/wasm/small).
  const { default: factory } = await import(`${root}build/wasm/small/csmetrics-core-64mb.mjs`);
  const core = await factory({ wasmBinary: readFileSync(`${root}build/wasm/small/csmetrics-core-64mb.wasm`) });
  const engine = new core.Engine();
  const check = (text) => (text ? JSON.parse(text) : null);
  assert.equal(check(engine.beginLoad('subscriptions', '{}')), null);
  const encoder = new TextEncoder();
  const ptr = core._malloc(1 << 20);
  let error = null;
  let rows = 0;
  feeding: for (let chunk = 0; chunk < 2000; chunk++) {
    let text = chunk === 0 ? SUBS_HEADER : '';
    while (text.length < (1 << 20) - 200) text += `customer-${rows++},Plan-${rows % 997},2024-01-01,,10.5,USD,month,1,1,\n`;
    const bytes = encoder.encode(text);
    core.HEAPU8.set(bytes, ptr);
    const answer = check(engine.feed(ptr, bytes.length));
    if (answer?.error) {
      error = answer.error;
      break feeding;
    }
  }
  core._free(ptr);
  assert.ok(error, `no error after ${rows} rows`);
  assert.equal(error.code, 'limit');
  assert.match(error.message, /out of memory/);
  engine.abortLoad();
  engine.reset();
  // Usable again: a small table loads and reports.
  assert.equal(check(engine.beginLoad('subscriptions', '{}')), null);
  const small = encoder.encode(RAISEKIT);
  const p = core._malloc(small.length);
  core.HEAPU8.set(small, p);
  assert.equal(check(engine.feed(p, small.length)), null);
  core._free(p);
  assert.equal(check(engine.finishLoad()).rows, 5);
  assert.equal(check(engine.report('{}', -1)).months['2022-02'].revenue.mrr, 155);
  engine.delete();
});

test('empty and single-row data sets give valid reports', async () => {
  const engine = await createEngine();
  await engine.load('subscriptions', SUBS_HEADER);
  let report = await engine.report();
  assert.deepEqual(report.months, {});
  assert.equal(report.meta.from, null);
  await engine.load('subscriptions', `${SUBS_HEADER}a,P,2024-01-01,,10,USD,month,1,1,\n`);
  report = await engine.report({ segmentBy: 'plan', grossMargin: 0.5 });
  const m = report.months['2024-01'];
  assert.equal(m.revenue.mrr, 10);
  assert.equal(m.retention.nrr, null);
  assert.equal(m.unit_economics.lifetime_months, null);
  assert.equal(report.survival.customers, 1);
  assert.deepEqual(Object.keys(report.segments), ['P']);
});
