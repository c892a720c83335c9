// SPDX-License-Identifier: MIT
// The predictive models over wasm: the `sbg` and `bgnbd` commands print the same bytes as
// the native build, the JS API takes plain objects, and the report carries the fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, CsMetricsError } from '../../web/csmetrics.js';
import { nativeCli, nodeCli, root, run, sharedData } from './helpers.js';

const survivors = `${root}tests/data/models/fader_hardie_2007_survivors.csv`;
const sample = `${sharedData}cdnow/CDNOW_sample.txt`;

function both(args) {
  const native = run(nativeCli, args);
  const node = run(process.execPath, [nodeCli, ...args]);
  assert.equal(node.stdout, native.stdout, args.join(' '));
  assert.equal(node.stderr, native.stderr, args.join(' '));
  assert.equal(node.status, native.status, args.join(' '));
  return native;
}

test('csmetrics sbg: the published Fader-Hardie fit, byte-identical natively and over wasm', () => {
  const out = both(['sbg', survivors, '--fit-periods', '7', '--discount', '0.1']);
  assert.equal(out.status, 0, out.stderr);
  const [regular, high] = JSON.parse(out.stdout).fits;
  assert.equal(regular.alpha.toFixed(3), '0.704');
  assert.equal(regular.beta.toFixed(3), '1.182');
  assert.equal(high.alpha.toFixed(3), '0.668');
  assert.equal(high.beta.toFixed(3), '3.806');
  assert.equal(regular.periods.length, 13);
  // DERL for 0..12 renewals grows with tenure: the customers left are the loyal ones.
  for (let t = 1; t < 13; t++) assert.ok(regular.periods[t].derl > regular.periods[t - 1].derl);
  both(['sbg', survivors, '--pretty']);
});

test('csmetrics bgnbd: the published CDNOW fits, byte-identical natively and over wasm', () => {
  const out = both(['bgnbd', sample, '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30', '--margin', '30%']);
  assert.equal(out.status, 0, out.stderr);
  const j = JSON.parse(out.stdout);
  assert.deepEqual([j.bg_nbd.r, j.bg_nbd.alpha, j.bg_nbd.a, j.bg_nbd.b].map((v) => v.toFixed(3)),
    ['0.243', '4.414', '0.793', '2.426']);
  assert.equal(j.bg_nbd.log_likelihood.toFixed(1), '-9582.4');
  assert.deepEqual([j.gamma_gamma.p, j.gamma_gamma.q, j.gamma_gamma.gamma].map((v) => v.toFixed(2)),
    ['6.25', '3.74', '15.44']);
  assert.equal(j.customer_values.length, 2357);
  assert.equal(j.customer_values[0].expected_purchases.toFixed(3), '1.226');
  both(['bgnbd', `${sharedData}cdnow/cdnow_customers_summary.csv`]);
});

test('the report options of the models are flags of both CLIs, checked alike', () => {
  const sample = `${root}web/demo/sample`;
  const out = both(['report', sample, '--discount-rate', '0.05', '--model-horizon', '12', '--gross-margin', '0.8']);
  assert.equal(out.status, 0, out.stderr);
  const { meta, models } = JSON.parse(out.stdout);
  assert.equal(meta.settings.discount_rate, 0.05);
  assert.equal(models.sbg.survival.length, 13);
  assert.equal(models.sbg.monthly_discount_rate.toFixed(6), (1.05 ** (1 / 12) - 1).toFixed(6));
  assert.equal(both(['report', sample, '--discount-rate', '0.0001']).status, 1);
  assert.equal(both(['report', sample, '--model-horizon', '1.5']).status, 1);
  assert.equal(both(['report', sample, '--discount-rate', 'abc']).status, 2);
  assert.equal(both(['sbg', survivors, '--discount', '0.00001']).status, 1);
});

test('model commands: errors and usage are the same from both', () => {
  const oneOff = both(['bgnbd', `${root}tests/data/models/README.md`]);
  assert.equal(oneOff.status, 1);
  const bad = both(['sbg', survivors, '--fit-periods', 'x']);
  assert.equal(bad.status, 2);
  const margin = both(['bgnbd', sample, '--margin', '2']);
  assert.equal(margin.status, 1);
  assert.match(margin.stderr, /gross margin "2"/);
});

test('engine.sbg takes survivor columns as plain objects', async () => {
  const engine = await createEngine();
  const fromObject = await engine.sbg({ columns: { Regular: [1000, 631, 468, 382, 326, 289, 262, 241] } });
  const fromCsv = await engine.sbg(readFileSync(survivors, 'utf8'), { fitPeriods: 7 });
  assert.equal(fromObject.fits[0].alpha, fromCsv.fits[0].alpha);
  assert.equal(fromObject.fits[0].beta, fromCsv.fits[0].beta);
  await assert.rejects(engine.sbg({ columns: { Gone: [100, 0, 0] } }), (e) => e instanceof CsMetricsError &&
    e.code === 'unidentifiable_model');
  await assert.rejects(engine.sbg('period,A\n0,10\n', { fitPeriod: 3 }), (e) => e.code === 'invalid_option');
  engine.dispose();
});

test('engine.bgnbd takes RFM rows as plain objects and raw files as bytes', async () => {
  const engine = await createEngine();
  const text = readFileSync(`${sharedData}cdnow/cdnow_customers_summary_with_transactions.csv`, 'utf8');
  const rows = text.trim().split('\n').slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(',');
    return { id, x: Number(x), t_x: Number(tx), T: Number(T), zbar: Number(zbar) };
  });
  const fromObjects = await engine.bgnbd(rows);
  const fromCsv = await engine.bgnbd(text);
  assert.equal(fromObjects.bg_nbd.r, fromCsv.bg_nbd.r);
  assert.equal(fromObjects.input, 'summary');
  const raw = await engine.bgnbd(new Uint8Array(readFileSync(sample)), { calibrationEnd: '1997-09-30' });
  assert.equal(raw.input, 'purchases');
  assert.equal(raw.bg_nbd.r.toFixed(3), '0.243');
  await assert.rejects(engine.bgnbd([{ id: 'a', x: 0, t_x: 0, T: 5 }]), (e) => e.code === 'unidentifiable_model');
  engine.dispose();
});

test('the report carries the models and their drill-downs sum to its figures', async () => {
  const engine = await createEngine();
  for (const table of ['subscriptions', 'transactions']) {
    await engine.load(table, readFileSync(`${root}web/demo/sample/${table}.csv`));
  }
  const report = await engine.report({ grossMargin: 0.8 });
  const { sbg, bg_nbd: bg, gamma_gamma: gg } = report.models;
  assert.ok(sbg.alpha > 0 && sbg.beta > 0, JSON.stringify(sbg).slice(0, 200));
  assert.equal(sbg.survival[0], 1);
  assert.equal(sbg.observed_survival[0], 1);
  assert.ok(bg.r > 0 && gg.p > 0);
  const month = report.meta.to;
  const subscribers = await engine.drillDown({ month, movement: 'sbg', grossMargin: 0.8 });
  assert.equal(subscribers.total.customers, sbg.active_base.customers);
  assert.equal(subscribers.total.amount, sbg.active_base.value);
  const purchasers = await engine.drillDown({ month, movement: 'bg_nbd', grossMargin: 0.8 });
  assert.equal(purchasers.total.customers, bg.customers);
  assert.equal(purchasers.total.amount, gg.clv_total);
  assert.ok(purchasers.customers.every((c) => c.p_alive > 0 && c.p_alive <= 1));
  const noMargin = await engine.report({});
  assert.equal(noMargin.models.sbg.active_base.value, null);
  assert.equal(noMargin.models.gamma_gamma.clv_total, null);
  engine.dispose();
});
