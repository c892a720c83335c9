// SPDX-License-Identifier: MIT
// The demo dashboard in Chromium, as a CS lead uses it: the sample on first visit, their
// own files with a column-mapping step, a Stripe export, segments, languages, drill-down,
// exports; and the privacy promise: no request leaves the page, nothing is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { launch, watchRequests } from './chromium.js';
import { root } from '../js/helpers.js';

let server;
let browser;

before(async () => {
  server = await startServer({ root: `${root}web` });
  browser = await launch();
  mkdirSync(`${root}test-results`, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(locale = 'en-US') {
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  const foreign = watchRequests(page, server.url);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
  });
  await page.goto(`${server.url}demo/`);
  await page.waitForFunction(() => document.querySelector('#kpi-mrr')?.dataset.value, null, { timeout: 60000 });
  return { context, page, problems, foreign };
}

test('first visit: the sample in the browser language, every widget drawn, screenshots en and ja', async () => {
  for (const [locale, lang] of [['en-US', 'en'], ['ja-JP', 'ja']]) {
    const { context, page, problems, foreign } = await open(locale);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.ok(Number(await page.locator('#kpi-mrr').getAttribute('data-value')) > 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${root}test-results/dashboard-${lang}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await context.close();
  }
});

test('unknown headers open the mapping step; the mapped file loads', async () => {
  const { context, page, problems } = await open();
  const csv = 'Account,Tier,Since,Until,Price,Curr,Billing\nacme,Gold,2024-01-01,,100,USD,month\nbeta,Gold,2024-02-01,,50,USD,month\n';
  await page.setInputFiles('#file-subscriptions', { name: 'billing.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#mapping[open]');
  for (const [column, header] of [['customer_id', 'Account'], ['plan', 'Tier'], ['start_date', 'Since'], ['end_date', 'Until'],
    ['amount', 'Price'], ['currency', 'Curr'], ['interval', 'Billing']]) {
    await page.selectOption(`#map-${column}`, header);
  }
  await page.click('#mapping-apply');
  await page.waitForFunction(() => document.querySelector('#kpi-month')?.textContent === '2024-02');
  assert.equal(await page.locator('#kpi-mrr').getAttribute('data-value'), '150');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Stripe export is recognised and loads with no mapping', async () => {
  const { context, page, problems } = await open();
  const csv = 'id,Customer ID,Customer Email,Plan,Quantity,Interval,Amount,Currency,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC)\n' +
    'sub_1,cus_1,a@example.com,pro,2,month,25.00,usd,active,2024-01-01 10:00,2024-01-01 10:00,,\n' +
    'sub_2,cus_2,b@example.com,pro,1,year,120.00,usd,canceled,2024-01-05 10:00,2024-01-05 10:00,2024-03-01 09:00,2024-03-01 09:00\n';
  await page.setInputFiles('#file-subscriptions', { name: 'subscriptions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#kpi-month')?.textContent === '2024-03');
  assert.equal(await page.locator('#kpi-mrr').getAttribute('data-value'), '50');
  assert.equal(await page.locator('#mapping[open]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('errors in Japanese name the line; segments, drill-down and exports work; nothing leaves or stays', async () => {
  const { context, page, problems, foreign } = await open('ja-JP');
  await page.selectOption('#segment-by', 'plan');
  await page.waitForFunction(() => document.querySelector('#segment').options.length > 2);
  // Drill-down: the dashboard asks the engine for the customers behind a figure.
  await page.evaluate(() => document.getElementById('dashboard').dispatchEvent(new CustomEvent('csm-drill',
    { detail: { month: document.getElementById('month').value, movement: 'new' }, bubbles: true })));
  await page.waitForSelector('#drill[open]');
  assert.ok(await page.locator('#drill-table tbody tr').count() > 0);
  await page.click('#drill-close');
  // Exports: JSON, CSV and a chart.
  for (const [button, pattern] of [['#export-json', /"months"/], ['#export-csv', /^month,mrr,/]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    assert.match(readFileSync(await download.path(), 'utf8'), pattern);
  }
  for (const button of ['#export-svg', '#export-png']) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(button)]);
    assert.ok(readFileSync(await download.path()).length > 500, button);
  }
  // A bad file: the message names the line in Japanese.
  const csv = 'customer_id,plan,start_date,end_date,amount,currency,interval\nc1,P,2024-01-01,,10,USD,month\nc2,P,2024-02-30,,10,USD,month\n';
  await page.setInputFiles('#file-subscriptions', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('#errors')?.textContent);
  assert.match(await page.locator('#errors').textContent(), /3 行目.*start_date.*値が不正です/);
  assert.equal(await page.locator('#errors').getAttribute('data-line'), '3');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the CSP was never violated');
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length,
    idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, idb: 0, caches: 0 });
  await context.close();
});
