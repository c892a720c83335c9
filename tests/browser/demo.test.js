// SPDX-License-Identifier: MIT
// The demo page in real Chromium: the sample loads, a CSV picked in the file input
// replaces it, the MRR shown is the engine's, errors name line and column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { launch, watchRequests } from './chromium.js';
import { RAISEKIT, root, SUBS_HEADER } from '../js/helpers.js';

let server;
let browser;

before(async () => {
  server = await startServer({ root: `${root}web` });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const foreign = watchRequests(page, server.url);
  await page.goto(`${server.url}demo/`);
  await page.waitForFunction(() => document.querySelector('#kpi-mrr')?.dataset.value, null, { timeout: 30000 });
  return { page, errors, foreign };
}

test('the demo loads the bundled sample and shows its MRR', async () => {
  const { page, errors, foreign } = await openDemo();
  const value = Number(await page.locator('#kpi-mrr').getAttribute('data-value'));
  assert.ok(value > 0, `MRR ${value}`);
  assert.ok(await page.locator('#months tbody tr').count() >= 12);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  mkdirSync(`${root}test-results`, { recursive: true });
  await page.screenshot({ path: `${root}test-results/demo-sample.png`, fullPage: true });
  await page.close();
});

test('a CSV picked in the file input is loaded and its MRR shown', async () => {
  const { page, errors } = await openDemo();
  const csv = RAISEKIT;
  await page.setInputFiles('#file-subscriptions', { name: 'raisekit.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#kpi-month')?.textContent === '2022-03');
  assert.equal(await page.locator('#kpi-mrr').getAttribute('data-value'), '120');
  const rows = await page.locator('#months tbody tr').allTextContents();
  assert.equal(rows.length, 3);
  assert.match(rows[1], /2022-02.*155/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an import error is shown with its line and column', async () => {
  const { page } = await openDemo();
  const csv = `${SUBS_HEADER}c1,P,2024-01-01,,10,USD,month,1,1,\nc2,P,2024-02-30,,10,USD,month,1,1,\n`;
  await page.setInputFiles('#file-subscriptions', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#errors')?.textContent);
  assert.equal(await page.locator('#errors').textContent(),
    'bad.csv line 3, column start_date: "2024-02-30" is not a valid calendar date');
  assert.equal(await page.locator('#errors').getAttribute('data-line'), '3');
  await page.close();
});
