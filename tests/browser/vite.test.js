// SPDX-License-Identifier: MIT
// The package through a bundler: a fresh Vite app imports 'csmetrics' with no plugin and
// no configuration; the built page computes MRR in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { startServer } from '../../scripts/serve.mjs';
import { launch } from './chromium.js';
import { root, SUBS_HEADER } from '../js/helpers.js';

test('a Vite build of an app importing csmetrics computes MRR in Chromium', async () => {
  const app = mkdtempSync(join(tmpdir(), 'csm-vite-'));
  try {
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(root, join(app, 'node_modules', 'csmetrics'), 'dir');
    writeFileSync(join(app, 'index.html'),
      '<!doctype html><html><body><output id="mrr"></output><script type="module" src="/main.js"></script></body></html>');
    const csv = `${SUBS_HEADER}a,P,2024-01-01,,49.90,USD,month,1,2,\nb,P,2024-01-10,,10,USD,month,1,1,\n`;
    writeFileSync(join(app, 'main.js'), `
      import { createEngine } from 'csmetrics';
      const engine = await createEngine();
      await engine.load('subscriptions', ${JSON.stringify(csv)});
      const report = await engine.report();
      document.getElementById('mrr').textContent = String(report.months['2024-01'].revenue.mrr);
    `);
    await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'dist'), target: 'es2022' } });
    const assets = readdirSync(join(app, 'dist', 'assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);
    const server = await startServer({ root: join(app, 'dist') });
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('mrr').textContent, null, { timeout: 30000 });
      assert.equal(await page.locator('#mrr').textContent(), '109.8');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
