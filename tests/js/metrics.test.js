// SPDX-License-Identifier: MIT
// Movements, retention, cohorts, survival, segments and drill-down through the JS API and
// both CLIs (issue 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../web/csmetrics.js';
import { nativeCli, nodeCli, RAISEKIT, root, run } from './helpers.js';

const sample = `${root}web/demo/sample`;

test('the raisekit movements and rates reach JS as plain objects', async () => {
  const engine = await createEngine();
  await engine.load('subscriptions', RAISEKIT);
  const { months, cohorts, survival } = await engine.report();
  assert.equal(months['2022-02'].movements.expansion.amount, 95);
  assert.equal(months['2022-03'].movements.churn.voluntary.amount, 75);
  assert.equal(months['2022-03'].movements.net_change, -35);
  assert.equal(months['2022-03'].retention.customer_churn_rate, 50);
  assert.equal(months['2022-01'].retention.nrr, null);
  assert.equal(months['2022-03'].retention.nrr, (155 - 75 + 40) / 155 * 100);
  assert.deepEqual(Object.keys(cohorts), ['2022-01']);
  assert.deepEqual(cohorts['2022-01'].ages.map((a) => a.customers), [2, 2, 1]);
  assert.equal(survival.events, 1);
});

test('drillDown lists the customers behind a figure', async () => {
  const engine = await createEngine();
  await engine.load('subscriptions', RAISEKIT);
  const d = await engine.drillDown({ month: '2022-03', movement: 'churn' });
  assert.deepEqual(d.customers, [{ customer_id: 'KAKCo', mrr_prev: 75, mrr: 0, amount: 75, churn_type: 'voluntary' }]);
  assert.deepEqual(d.total, { customers: 1, amount: 75 });
  await assert.rejects(engine.drillDown({ month: '2022-03', movement: 'nope' }), { code: 'invalid_option' });
  await assert.rejects(engine.drillDown({ movement: 'churn' }), { code: 'invalid_option' });
});

test('on the sample, segments sum to the totals and drill-downs to the figures', async () => {
  const engine = await createEngine();
  for (const table of ['subscriptions', 'customers']) {
    await engine.load(table, (await import('node:fs')).readFileSync(`${sample}/${table}.csv`));
  }
  const report = await engine.report({ segmentBy: 'plan' });
  const values = Object.keys(report.segments);
  assert.ok(values.length >= 2, values.join());
  const cents = (x) => Math.round(x * 100);
  for (const [month, total] of Object.entries(report.months)) {
    for (const key of ['mrr', 'paying_customers']) {
      const sum = values.reduce((s, v) => s + cents(report.segments[v][month].revenue[key]), 0);
      assert.equal(sum, cents(total.revenue[key]), `${month} ${key}`);
    }
    for (const key of ['new', 'expansion', 'contraction', 'churn', 'reactivation']) {
      const sum = values.reduce((s, v) => s + cents(report.segments[v][month].movements[key].amount), 0);
      assert.equal(sum, cents(total.movements[key].amount), `${month} ${key}`);
    }
  }
  const month = Object.keys(report.months).at(-1);
  for (const movement of ['churn', 'expansion', 'new']) {
    const d = await engine.drillDown({ month, movement, segmentBy: 'plan', segment: values[0] });
    assert.equal(cents(d.total.amount), cents(report.segments[values[0]][month].movements[movement].amount));
  }
});

test('csmetrics drill prints the same bytes natively and over wasm', () => {
  const args = ['drill', sample, '--month', '2023-06', '--movement', 'churn', '--segment-by', 'plan'];
  const native = run(nativeCli, args);
  const node = run(process.execPath, [nodeCli, ...args]);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(node.stdout, native.stdout);
  const d = JSON.parse(native.stdout);
  assert.equal(d.month, '2023-06');
  assert.ok(d.customers.length > 0);
  const both = (a) => [run(nativeCli, a).status, run(process.execPath, [nodeCli, ...a]).status];
  assert.deepEqual(both(['drill', sample, '--month', '2023-06']), [2, 2]);
});
