// SPDX-License-Identifier: MIT
// `csmetrics report` exists twice, native and wasm-under-Node; both must print the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeCli, nodeCli, root, run, SUBS_HEADER } from './helpers.js';

const sample = `${root}web/demo/sample`;

function both(args) {
  const native = run(nativeCli, args);
  const node = run(process.execPath, [nodeCli, ...args]);
  return { native, node };
}

test('native and wasm CLIs print byte-identical reports on the sample', () => {
  for (const args of [['report', sample], ['report', sample, '--from', '2023-01', '--to', '2023-06', '--pretty'],
    ['report', sample, '--gross-margin', '80%', '--lenient']]) {
    const { native, node } = both(args);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(node.status, 0, node.stderr);
    assert.ok(native.stdout.length > 1000);
    assert.equal(node.stdout, native.stdout, args.join(' '));
    const report = JSON.parse(native.stdout);
    assert.ok(report.meta && report.months);
  }
});

test('the window options cut the months', () => {
  const { native } = both(['report', sample, '--from', '2023-01', '--to', '2023-06']);
  const report = JSON.parse(native.stdout);
  assert.deepEqual(Object.keys(report.months),
    ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06']);
  assert.equal(report.meta.from, '2023-01');
  assert.equal(report.meta.settings.gross_margin, null);
});

test('bad data: message on stderr, nothing on stdout, exit 1, the same from both', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csm-cli-'));
  writeFileSync(join(dir, 'subscriptions.csv'), `${SUBS_HEADER}c1,P,2024-01-01,,10,USD,month,1,1,\nc2,P,2024-01-01,,abc,USD,month,1,1,\n`);
  const { native, node } = both(['report', dir]);
  for (const r of [native, node]) {
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'csmetrics: subscriptions.csv line 3, column amount: "abc" is not a number\n');
  }
  const lenient = both(['report', dir, '--lenient']);
  assert.equal(lenient.native.status, 0);
  assert.equal(lenient.node.stdout, lenient.native.stdout);
  assert.deepEqual(JSON.parse(lenient.native.stdout).meta.rejected,
    ['subscriptions.csv line 3, column amount: "abc" is not a number']);
});

test('usage errors exit 2 from both', () => {
  for (const args of [['report'], ['frobnicate', sample], ['report', sample, '--from', '2024-1'], ['report', sample, '--bogus']]) {
    const { native, node } = both(args);
    assert.equal(native.status, 2, args.join(' '));
    assert.equal(node.status, 2, args.join(' '));
  }
});

test('JSON tables are read too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csm-cli-'));
  writeFileSync(join(dir, 'subscriptions.json'), JSON.stringify([
    { customer_id: 'a', plan: 'P', start_date: '2024-01-01', amount: 49.9, currency: 'EUR', interval: 'month' },
  ]));
  copyFileSync(`${sample}/customers.csv`, join(dir, 'customers.csv'));
  const { native, node } = both(['report', dir, '--to', '2024-01', '--from', '2024-01']);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(node.stdout, native.stdout);
  const report = JSON.parse(native.stdout);
  assert.equal(report.months['2024-01'].revenue.mrr, 49.9);
  assert.equal(report.meta.currency, 'EUR');
  assert.deepEqual(report.meta.tables, ['customers.csv', 'subscriptions.json']);
});
