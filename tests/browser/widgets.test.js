// SPDX-License-Identifier: MIT
// The embeddable widgets (web/widgets/) in Chromium on their fixture page: the demo sample
// computed in the page under a strict CSP, every element drawn with accessible labels,
// drill events, languages, and hostile text kept as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { launch, watchRequests } from './chromium.js';
import { root } from '../js/helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const TAGS = ['csm-kpi', 'csm-bridge', 'csm-mrr-chart', 'csm-cohorts', 'csm-survival', 'csm-nps', 'csm-unit-economics', 'csm-themes'];

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

async function open(query = '') {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  const foreign = watchRequests(page, server.url);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
  });
  await page.goto(`${server.url}widgets/test-page.html${query}`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
  return { context, page, problems, foreign };
}

/** Per widget inside the dashboard: its tag, aria-labels of its shadow root, svg count, text. */
function inventory(page) {
  return page.evaluate(() => {
    const dash = document.querySelector('csm-dashboard');
    return [...dash.shadowRoot.querySelectorAll('*')].filter((e) => e.localName.startsWith('csm-')).map((w) => ({
      tag: w.localName,
      metric: w.getAttribute('metric') ?? w.metric,
      labels: [...w.shadowRoot.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
      svgs: w.shadowRoot.querySelectorAll('svg').length,
      text: [...w.shadowRoot.children].filter((e) => e.localName !== 'style').map((e) => e.textContent).join(' '),
    }));
  });
}

async function finish({ context, problems, foreign, page }) {
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
}

test('every widget draws the sample with accessible labels; screenshots en and ja', async () => {
  for (const lang of ['en', 'ja']) {
    const session = await open(lang === 'en' ? '' : `?lang=${lang}`);
    const { page } = session;
    const widgets = await inventory(page);
    for (const tag of TAGS) assert.ok(widgets.some((w) => w.tag === tag), `${tag} in the dashboard`);
    assert.equal(widgets.filter((w) => w.tag === 'csm-kpi').length, 8);
    for (const w of widgets) {
      assert.ok(w.labels.length > 0 && w.labels.every((l) => l && l.trim() && !/undefined|NaN|\{\w+\}/.test(l)),
        `${w.tag} ${w.metric ?? ''} has non-empty aria-labels: ${w.labels.slice(0, 3)}`);
      assert.ok(!/undefined|NaN/.test(w.text), `${w.tag} ${w.metric ?? ''} text: ${w.text.slice(0, 200)}`);
      if (w.tag !== 'csm-themes' && w.tag !== 'csm-cohorts') assert.ok(w.svgs > 0, `${w.tag} ${w.metric ?? ''} draws an svg`);
    }
    const mrr = widgets.find((w) => w.metric === 'mrr');
    const cohorts = widgets.find((w) => w.tag === 'csm-cohorts');
    assert.ok(cohorts.labels.length > 100, 'every cohort cell has an aria-label');
    // The fitted sBG projection is drawn beside the observed curve, and named in its legend.
    const survival = widgets.find((w) => w.tag === 'csm-survival');
    assert.match(survival.text, lang === 'en' ? /sBG model \(α [\d.]+, β [\d.]+\), projected/ : /sBGモデル/);
    assert.equal(await page.evaluate(() => document.querySelector('csm-dashboard').shadowRoot
      .querySelector('csm-survival').shadowRoot.querySelectorAll('path.fit').length), 1);
    if (lang === 'en') {
      assert.match(mrr.text, /Dec 2024/);
      assert.match(mrr.text, /\$3\.68M/);
    } else {
      assert.match(mrr.text, /2024年12月/);
      assert.match(widgets.find((w) => w.tag === 'csm-bridge').text, /新規/);
    }
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${root}test-results/widgets-${lang}.png`, fullPage: true });
    await finish(session);
  }
});

test('bridge bars, churn parts and the MRR chart dispatch csm-drill, by mouse and keyboard', async () => {
  const session = await open();
  const { page } = session;
  await page.evaluate(() => {
    window.__drills = [];
    document.addEventListener('csm-drill', (e) => window.__drills.push(e.detail));
  });
  const bridge = page.locator('csm-dashboard csm-bridge');
  await bridge.locator('[role=button][aria-label^="New:"]').click();
  await bridge.locator('[role=button][aria-label^="Voluntary churn:"]').focus();
  await page.keyboard.press('Enter');
  await bridge.locator('[role=button][aria-label^="Contraction:"]').focus();
  await page.keyboard.press(' ');
  const chart = page.locator('csm-dashboard csm-mrr-chart');
  await chart.locator('rect[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const drills = await page.evaluate(() => window.__drills);
  assert.deepEqual(drills.slice(0, 3), [
    { month: '2024-12', movement: 'new', segment: null },
    { month: '2024-12', movement: 'churn_voluntary', segment: null },
    { month: '2024-12', movement: 'contraction', segment: null },
  ]);
  assert.equal(drills.length, 4);
  assert.equal(drills[3].month, '2024-12');
  assert.ok(['new', 'reactivation', 'expansion', 'contraction', 'churn'].includes(drills[3].movement));

  // The dashboard forwards its month and segment; the events carry them.
  await page.evaluate(() => { const d = document.querySelector('csm-dashboard'); d.month = '2024-06'; d.segment = 'Growth'; });
  await page.waitForTimeout(100);
  await bridge.locator('[role=button][aria-label^="Expansion:"]').click();
  assert.deepEqual((await page.evaluate(() => window.__drills)).at(-1), { month: '2024-06', movement: 'expansion', segment: 'Growth' });
  // The drill detail's movement is one the engine accepts.
  await finish(session);
});

test('hostile segment values, comments and terms are shown as text, never as markup', async () => {
  const session = await open('?lang=zh');
  const { page } = session;
  const result = await page.evaluate(async (hostile) => {
    const report = structuredClone(window.__report);
    report.segments[hostile] = report.segments.Growth;
    report.segment_cohorts[hostile] = report.segment_cohorts.Growth;
    report.segment_survival[hostile] = report.segment_survival.Growth;
    const host = document.createElement('div');
    document.body.append(host);
    const out = [];
    for (const tag of ['csm-kpi', 'csm-bridge', 'csm-survival', 'csm-cohorts']) {
      const el = document.createElement(tag);
      el.report = report;
      el.segment = hostile;
      host.append(el);
    }
    const unknown = Object.assign(document.createElement('csm-bridge'), { report: window.__report, segment: `${hostile}x` });
    host.append(unknown);
    const survival = document.createElement('csm-survival');
    survival.setAttribute('by-segment', '');
    survival.report = report;
    host.append(survival);
    const themes = document.createElement('csm-themes');
    themes.themes = { groups: [{ name: hostile, terms: [{ term: hostile, count: 1, weight: 1, score: -1, ids: ['x'] }] }],
      comments: { x: `before ${hostile} after <script>alert(2)</script>` } };
    host.append(themes);
    await new Promise((r) => setTimeout(r, 50));
    themes.shadowRoot.querySelector('button[part=term]').click();
    await new Promise((r) => setTimeout(r, 50));
    for (const el of host.children) {
      out.push({ tag: el.localName, text: el.shadowRoot.textContent, imgs: el.shadowRoot.querySelectorAll('img,script').length,
        lang: el.shadowRoot.querySelector('h3')?.textContent });
    }
    return out;
  }, HOSTILE);
  for (const w of result) {
    assert.equal(w.imgs, 0, `${w.tag}: no element from data`);
    assert.ok(w.text.includes(HOSTILE), `${w.tag} shows the value as text`);
  }
  assert.match(result.find((w) => w.tag === 'csm-themes').text, /<script>alert\(2\)<\/script>/);
  assert.match(result.find((w) => w.tag === 'csm-bridge').lang, /MRR 桥接/);
  await page.waitForTimeout(200);
  await finish(session);
});
