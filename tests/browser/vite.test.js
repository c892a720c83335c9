// SPDX-License-Identifier: MIT
// The npm package as a consumer gets it: `npm pack`, installed from the tarball with no
// network into a fresh Vite app with no configuration and no plugin; the app computes MRR
// in the main thread and in the worker, and renders a widget, under `vite dev` and in the
// built output, in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { startServer } from '../../scripts/serve.mjs';
import { launch, watchRequests } from './chromium.js';
import { root, SUBS_HEADER } from '../js/helpers.js';

const CSV = `${SUBS_HEADER}a,P,2024-01-01,,49.90,USD,month,1,2,\nb,P,2024-01-10,,10,USD,month,1,1,\n`;
let app;
let browser;

before(async () => {
  app = mkdtempSync(join(tmpdir(), 'csm-vite-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(app, packed)], { cwd: app, stdio: 'ignore' });
  writeFileSync(join(app, 'index.html'), '<!doctype html><html lang="en"><body>' +
    '<output id="mrr"></output><output id="worker-mrr"></output><csm-kpi id="kpi" metric="mrr"></csm-kpi>' +
    '<script type="module" src="/main.js"></script></body></html>');
  const widgets = existsSync(join(app, 'node_modules/csmetrics/web/widgets/index.js'));
  writeFileSync(join(app, 'main.js'), `
    import { createEngine, createWorkerEngine } from 'csmetrics';
    ${widgets ? "import 'csmetrics/widgets';" : ''}
    const csv = ${JSON.stringify(CSV)};
    const engine = await createEngine();
    await engine.load('subscriptions', csv);
    const report = await engine.report();
    document.getElementById('mrr').textContent = String(report.months['2024-01'].revenue.mrr);
    document.getElementById('kpi').report = report;
    const worker = await createWorkerEngine();
    await worker.load('subscriptions', new Blob([csv]));
    document.getElementById('worker-mrr').textContent = String((await worker.report()).months['2024-01'].revenue.mrr);
  `);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

async function check(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  const foreign = watchRequests(page, url);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('worker-mrr').textContent, null, { timeout: 60000 });
  assert.equal(await page.locator('#mrr').textContent(), '109.8');
  assert.equal(await page.locator('#worker-mrr').textContent(), '109.8');
  if (await page.evaluate(() => !!customElements.get('csm-kpi'))) {
    const text = await page.locator('#kpi').evaluate((el) => el.shadowRoot?.textContent ?? '');
    assert.match(text, /109\.80/);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await page.close();
}

test('the packed package works in a fresh Vite app under vite dev', async () => {
  const server = await createServer({ root: app, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  try {
    await check(server.resolvedUrls.local[0]);
  } finally {
    await server.close();
  }
});

test('the packed package works in the built output of a fresh Vite app', async () => {
  await build({ root: app, logLevel: 'error', build: { outDir: join(app, 'dist'), target: 'es2022' } });
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);
  const server = await startServer({ root: join(app, 'dist') });
  try {
    await check(server.url);
  } finally {
    await server.close();
  }
});
