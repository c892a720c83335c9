// SPDX-License-Identifier: MIT
// The widgets' fixture page (tests/browser/widgets.test.js): the demo sample computed in the
// page, shown in a <csm-dashboard>. ?lang=ja|zh sets the page's language.
import { createEngine } from '../csmetrics.js';
import './index.js';

const lang = new URLSearchParams(location.search).get('lang'); // also ?month=YYYY-MM&segment=…
if (lang) document.documentElement.lang = lang;

const TABLES = ['subscriptions', 'customers', 'responses', 'tickets', 'costs', 'onboarding', 'transactions'];
const engine = await createEngine();
for (const table of TABLES) {
  const response = await fetch(`../demo/sample/${table}.csv`);
  await engine.load(table, response.body, { source: `${table}.csv` });
}
const report = await engine.report({ grossMargin: 0.8, segmentBy: 'plan' });

// The engine's themes section is not final: a fixed example in the shape the widget takes,
// with one hostile comment that must stay text.
const themes = {
  groups: [
    { name: 'Praise', terms: [
      { term: 'support', count: 3, weight: 1, score: 0.8, ids: ['r1', 'r2', 'r5'] },
      { term: 'dashboards', count: 2, weight: 0.6, score: 0.7, ids: ['r3', 'r6'] },
      { term: 'reporting', count: 1, weight: 0.4, score: 0.5, ids: ['r4'] }] },
    { name: 'Problems', terms: [
      { term: 'sync', count: 2, weight: 0.9, score: -0.7, ids: ['r7', 'r8'] },
      { term: 'slow', count: 2, weight: 0.5, score: -0.5, ids: ['r8', 'r9'] }] },
  ],
  comments: {
    r1: 'Easy to set up and the support team is fast.',
    r2: 'Support answered within minutes.',
    r3: 'The dashboards are exactly what our managers needed.',
    r4: 'The new reporting features are excellent',
    r5: 'Great support, <b>bold</b> claims aside.',
    r6: 'Dashboards <script>alert(1)</script> load quickly.',
    r7: 'The sync keeps failing and nobody explains why.',
    r8: 'Sync is slow <img src=x onerror=alert(1)>',
    r9: 'Slow exports on big accounts.',
  },
};

const dashboard = document.getElementById('dashboard');
dashboard.themes = themes;
dashboard.report = report;
const params = new URLSearchParams(location.search);
if (params.has('month')) dashboard.month = params.get('month');
if (params.has('segment')) dashboard.segment = params.get('segment');
window.__report = report;
window.__themes = themes;
requestAnimationFrame(() => requestAnimationFrame(() => { document.body.dataset.ready = '1'; }));
