// SPDX-License-Identifier: MIT
// The minimal demo: the bundled sample on first visit, your own files by picking them.
import { createEngine, CsMetricsError } from '../csmetrics.js';

const $ = (id) => document.getElementById(id);
const engine = await createEngine();
let currency = 'USD';

function money(value) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(value);
}

// Engine messages already name the table, line, column and reason.
function showError(error) {
  $('errors').textContent = error.message;
  if (error instanceof CsMetricsError) {
    $('errors').dataset.code = error.code;
    $('errors').dataset.line = String(error.line ?? '');
  }
}

async function render() {
  const report = await engine.report();
  currency = report.meta.currency ?? 'USD';
  const body = $('months').tBodies[0];
  body.replaceChildren();
  const months = Object.entries(report.months);
  for (const [month, m] of months) {
    const tr = document.createElement('tr');
    const r = m.revenue;
    for (const text of [month, money(r?.mrr), money(r?.arr), r ? String(r.paying_customers) : '–', money(r?.arpu)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  const last = months.at(-1);
  $('kpi-month').textContent = last ? last[0] : '–';
  $('kpi-mrr').textContent = money(last?.[1].revenue?.mrr);
  $('kpi-mrr').dataset.value = String(last?.[1].revenue?.mrr ?? '');
  $('kpi-arr').textContent = money(last?.[1].revenue?.arr);
  $('kpi-customers').textContent = last?.[1].revenue ? String(last[1].revenue.paying_customers) : '–';
  const rejected = report.meta.rejected.length;
  $('status').textContent = `Loaded ${report.meta.tables.join(', ')}` +
    (rejected ? `; ${rejected} rows skipped` : '');
  if (rejected) $('errors').textContent = report.meta.rejected.slice(0, 20).join('\n');
}

async function loadSample() {
  for (const table of ['subscriptions', 'customers']) {
    const response = await fetch(`./sample/${table}.csv`);
    if (!response.ok) continue;
    await engine.load(table, response.body, { source: `${table}.csv` });
  }
}

for (const input of document.querySelectorAll('input[type=file]')) {
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    $('errors').textContent = '';
    try {
      if ($('dataset-label').dataset.sample !== 'no') {
        await engine.reset();
        $('dataset-label').dataset.sample = 'no';
        $('dataset-label').textContent = 'Your files';
      }
      $('status').textContent = `Loading ${file.name}…`;
      await engine.load(input.dataset.table, file, { lenient: $('lenient').checked });
      await render();
    } catch (error) {
      showError(error);
      $('status').textContent = `Could not load ${file.name}`;
    }
  });
}

try {
  await loadSample();
  await render();
} catch (error) {
  showError(error);
}
