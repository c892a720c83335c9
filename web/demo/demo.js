// SPDX-License-Identifier: MIT
// The demo dashboard: the bundled sample on first visit; your own exports by dropping or
// picking them; everything computed in a Web Worker on this machine.
// The package's entry, as an app that imports 'csmetrics' gets it (one module, built by
// scripts/build.sh from ../csmetrics.js).
import { createWorkerEngine, CsMetricsError, TABLES } from '../csmetrics.min.js';
import { errorText, LANGS, pickLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
await import('../widgets/index.js');
const state = {
  lang: pickLanguage(), report: null, sample: true,
  attributes: new Set(['plan']), // segment attributes seen in the loaded headers
};
const CANONICAL = new Set();
const engine = await createWorkerEngine();
for (const table of TABLES) for (const c of await engine.columns(table)) CANONICAL.add(c.name);

// ---- language ----
function applyLanguage() {
  document.documentElement.lang = state.lang;
  $('lang').value = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(state.lang, el.dataset.i18n);
  $('dataset-label').textContent = t(state.lang, state.sample ? 'sample' : 'yours');
  if (state.report) render(state.report);
}

// ---- formatting ----
function money(value) {
  if (value === null || value === undefined) return '–';
  const currency = state.report?.meta.currency ?? 'USD';
  return new Intl.NumberFormat(state.lang, { style: 'currency', currency }).format(value);
}

function showError(error) {
  $('errors').textContent = error instanceof CsMetricsError || error?.code ? errorText(state.lang, error) : String(error?.message ?? error);
  $('errors').dataset.code = error?.code ?? '';
  $('errors').dataset.line = String(error?.line ?? '');
}

function setStatus(key, params) {
  $('status').textContent = t(state.lang, key, params);
}

// ---- reading a file's header (first line) without reading the file ----
async function headerOf(blob) {
  const text = await blob.slice(0, 65536).text();
  const line = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[0] ?? '';
  if (line.trimStart().startsWith('[') || line.trimStart().startsWith('{')) return [];
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell.trim()); cell = ''; } else cell += ch;
  }
  cells.push(cell.trim());
  return cells.filter(Boolean);
}

const isStripe = (header) => header.includes('Customer ID') &&
  ['Plan', 'Interval', 'Quantity', 'Status', 'Amount'].some((h) => header.includes(h));

function rememberAttributes(table, header) {
  if (table !== 'subscriptions' && table !== 'customers') return;
  for (const h of header) {
    const name = h.replace(/ \(metadata\)$/, '');
    if (!CANONICAL.has(name.toLowerCase()) && !/^(customer id|customer|status|start|created|amount|currency|interval|quantity)/i.test(name)) {
      state.attributes.add(name);
    }
  }
}

// ---- loading ----
function guessTable(name) {
  const lower = name.toLowerCase();
  return TABLES.find((table) => lower.includes(table)) ?? (lower.includes('subscription') ? 'subscriptions' : null);
}

async function startOwnData() {
  if (!state.sample) return;
  await engine.reset();
  state.sample = false;
  state.attributes = new Set(['plan']);
  $('dataset-label').textContent = t(state.lang, 'yours');
}

async function loadFile(table, file, extra = {}) {
  $('errors').textContent = '';
  const header = await headerOf(file);
  const options = { lenient: $('lenient').checked, ...extra };
  if (table === 'subscriptions' && isStripe(header) && !options.mapping) {
    options.preset = 'stripe';
    setStatus('stripe');
  }
  $('progress').hidden = false;
  $('progress').value = 0;
  setStatus('loading', { name: file.name });
  try {
    await engine.load(table, file, { ...options, onProgress: ({ bytes }) => { $('progress').value = file.size ? bytes / file.size : 1; } });
    rememberAttributes(table, header);
    return true;
  } catch (error) {
    if (error.code === 'missing_column' && header.length) return mapColumns(table, file, header, options);
    showError(error);
    setStatus('couldNotLoad', { name: file.name });
    return false;
  } finally {
    $('progress').hidden = true;
  }
}

// The column-mapping step: every canonical column gets a <select> of the file's headers.
async function mapColumns(table, file, header, options) {
  const columns = await engine.columns(table);
  const fields = $('mapping-fields');
  fields.replaceChildren();
  for (const column of columns) {
    const label = document.createElement('label');
    label.textContent = column.name + (column.required ? ' *' : '');
    label.htmlFor = `map-${column.name}`;
    const select = document.createElement('select');
    select.id = `map-${column.name}`;
    select.dataset.column = column.name;
    const none = document.createElement('option');
    none.value = '';
    none.textContent = t(state.lang, 'notInFile');
    select.append(none);
    for (const h of header) {
      const option = document.createElement('option');
      option.value = h;
      option.textContent = h;
      if (h.toLowerCase() === column.name || h.toLowerCase().replace(/[\s-]+/g, '_') === column.name) option.selected = true;
      select.append(option);
    }
    fields.append(label, select);
  }
  $('mapping-title').textContent = t(state.lang, 'mapTitle', { name: file.name });
  $('mapping-hint').textContent = t(state.lang, 'mapHint');
  $('mapping-apply').textContent = t(state.lang, 'mapApply');
  $('mapping-cancel').textContent = t(state.lang, 'cancel');
  const dialog = $('mapping');
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  if (dialog.returnValue !== 'apply') return false;
  const mapping = {};
  for (const select of fields.querySelectorAll('select')) if (select.value) mapping[select.dataset.column] = select.value;
  const { preset, ...rest } = options;
  return loadFile(table, file, { ...rest, mapping });
}

async function loadFiles(files, table = null) {
  await startOwnData();
  for (const file of files) {
    const target = table ?? guessTable(file.name) ?? await askTable(file.name);
    if (target) await loadFile(target, file);
  }
  await refresh();
}

async function askTable(name) {
  const answer = prompt(t(state.lang, 'whichTable', { name }), 'subscriptions');
  return TABLES.includes(answer) ? answer : null;
}

async function loadSample() {
  for (const table of TABLES) {
    const response = await fetch(`./sample/${table}.csv`);
    if (!response.ok) continue;
    const blob = await response.blob();
    rememberAttributes(table, await headerOf(blob));
    await engine.load(table, blob, { source: `${table}.csv` });
  }
}

// ---- the report ----
function reportOptions() {
  const options = {};
  if ($('segment-by').value) options.segmentBy = $('segment-by').value;
  if ($('from').value) options.from = $('from').value;
  if ($('to').value) options.to = $('to').value;
  if ($('gross-margin').value.trim()) options.grossMargin = $('gross-margin').value.trim();
  return options;
}

async function refresh() {
  try {
    const report = await engine.report(reportOptions());
    state.report = report;
    render(report);
  } catch (error) {
    showError(error);
  }
}

function fillSelect(select, values, current, labelOf = (v) => v) {
  select.replaceChildren();
  for (const value of values) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = labelOf(value);
    select.append(option);
  }
  if (values.includes(current)) select.value = current;
}

function render(report) {
  const months = Object.keys(report.months);
  const month = months.includes($('month').value) ? $('month').value : months.at(-1);
  fillSelect($('segment-by'), ['', ...state.attributes], $('segment-by').value, (v) => v || t(state.lang, 'none'));
  fillSelect($('segment'), ['', ...Object.keys(report.segments ?? {})], $('segment').value, (v) => (v === '' ? t(state.lang, 'all') : v || '""'));
  fillSelect($('month'), months, month);
  const m = report.months[month];
  $('kpi-month').textContent = month ?? '–';
  $('kpi-mrr').textContent = money(m?.revenue?.mrr);
  $('kpi-mrr').dataset.value = String(m?.revenue?.mrr ?? '');
  $('kpi-arr').textContent = money(m?.revenue?.arr);
  $('kpi-customers').textContent = m?.revenue ? new Intl.NumberFormat(state.lang).format(m.revenue.paying_customers) : '–';
  const body = $('months').tBodies[0];
  body.replaceChildren();
  for (const [key, row] of Object.entries(report.months)) {
    const tr = document.createElement('tr');
    const r = row.revenue;
    for (const text of [key, money(r?.mrr), money(r?.arr), r ? String(r.paying_customers) : '–', money(r?.arpu)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  const dashboard = $('dashboard');
  dashboard.setAttribute('lang', state.lang);
  dashboard.month = month;
  dashboard.segment = $('segment').value || undefined;
  dashboard.themes = themesOf(report.feedback);
  dashboard.report = report;
  const rejected = report.meta.rejected.length;
  $('status').textContent = t(state.lang, 'loaded', { tables: report.meta.tables.join(', ') }) +
    (rejected ? `; ${t(state.lang, 'skipped', { n: rejected })}` : '') + ` · ${t(state.lang, 'privacy')}`;
  if (rejected) $('errors').textContent = report.meta.rejected.slice(0, 20).join('\n');
}

// The engine's feedback section as <csm-themes> takes it: groups of terms, comment texts.
function themesOf(feedback) {
  if (!feedback) return null;
  const groups = [];
  for (const [family, byName] of Object.entries(feedback.groups)) {
    for (const [name, group] of Object.entries(byName)) groups.push({ family, name, terms: group.terms });
  }
  return { groups, comments: feedback.comments };
}

// ---- drill-down ----
async function drill({ month, movement, segment }) {
  try {
    const options = { ...reportOptions(), month, movement };
    if (segment) options.segment = segment;
    const d = await engine.drillDown(options);
    $('drill-title').textContent = t(state.lang, 'drillTitle', { movement, month });
    const head = $('drill-table').tHead.rows[0];
    head.replaceChildren(...['customer', 'before', 'after', 'amount'].map((k) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = t(state.lang, k);
      return th;
    }));
    const body = $('drill-table').tBodies[0];
    body.replaceChildren(...d.customers.slice(0, 500).map((c) => {
      const tr = document.createElement('tr');
      for (const text of [c.customer_id, money(c.mrr_prev), money(c.mrr), money(c.amount)]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    $('drill-close').textContent = t(state.lang, 'close');
    $('drill').showModal();
  } catch (error) {
    showError(error);
  }
}

// ---- export ----
function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function csvOfMonths(report) {
  const rows = [['month', 'mrr', 'arr', 'paying_customers', 'arpu', 'new', 'reactivation', 'expansion', 'contraction',
    'churn', 'customer_churn_rate', 'nrr', 'grr', 'nps', 'csat']];
  const cell = (v) => (v === null || v === undefined ? '' : String(v));
  for (const [month, m] of Object.entries(report.months)) {
    rows.push([month, m.revenue?.mrr, m.revenue?.arr, m.revenue?.paying_customers, m.revenue?.arpu,
      m.movements?.new.amount, m.movements?.reactivation.amount, m.movements?.expansion.amount,
      m.movements?.contraction.amount, m.movements?.churn.amount, m.retention?.customer_churn_rate,
      m.retention?.nrr, m.retention?.grr, m.nps?.every_answer.nps, m.csat?.csat].map(cell));
  }
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

// The chart to export: the MRR bridge (inside the dashboard's and the widget's shadow roots).
function firstChart() {
  const find = (root, selector) => {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  const bridge = find(document, 'csm-bridge');
  return bridge?.shadowRoot?.querySelector('svg') ?? null;
}

function svgText(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  return new XMLSerializer().serializeToString(copy);
}

async function exportPng(svg) {
  const box = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  const img = new Image();
  await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = url; });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * 2);
  canvas.height = Math.round(box.height * 2);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  canvas.toBlob((blob) => download('csmetrics-chart.png', blob), 'image/png');
}

// ---- wiring ----
$('lang').addEventListener('change', () => { state.lang = $('lang').value; applyLanguage(); });
for (const input of document.querySelectorAll('input[type=file]')) {
  input.addEventListener('change', () => input.files?.length && loadFiles([...input.files], input.dataset.table));
}
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer?.files.length) loadFiles([...e.dataTransfer.files]);
});
for (const id of ['segment-by', 'from', 'to', 'gross-margin']) $(id).addEventListener('change', refresh);
for (const id of ['segment', 'month']) $(id).addEventListener('change', () => state.report && render(state.report));
$('dashboard').addEventListener('csm-drill', (e) => drill(e.detail));
$('export-json').addEventListener('click', async () => download('csmetrics-report.json',
  new Blob([await engine.reportJson(reportOptions(), 2)], { type: 'application/json' })));
$('export-csv').addEventListener('click', () => state.report && download('csmetrics-months.csv', new Blob([csvOfMonths(state.report)], { type: 'text/csv' })));
$('export-svg').addEventListener('click', () => {
  const svg = firstChart();
  if (svg) download('csmetrics-chart.svg', new Blob([svgText(svg)], { type: 'image/svg+xml' }));
});
$('export-png').addEventListener('click', () => { const svg = firstChart(); if (svg) exportPng(svg); });

applyLanguage();
if (!LANGS.includes(state.lang)) state.lang = 'en';
try {
  await loadSample();
  await refresh();
} catch (error) {
  showError(error);
}
