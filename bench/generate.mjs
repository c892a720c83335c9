#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Deterministic SaaS data in the tables of DATA.md, for the demo sample and benchmarks.
//   node bench/generate.mjs --out DIR --rows N --months M --start YYYY-MM
//        [--tables all|subscriptions,customers,...] [--seed S] [--check]
// The same arguments always write the same bytes. Subscriptions average about 60 bytes a
// row, so --rows 1000000 --months 60 gives the ~65 MB benchmark file.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['subscriptions', 'customers', 'responses', 'tickets', 'costs', 'onboarding', 'transactions'];

function parseArgs(argv) {
  const a = { out: null, rows: 12000, months: 36, start: '2022-01', tables: ['subscriptions'], seed: 42, check: false };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    switch (argv[i]) {
      case '--out': a.out = v(); break;
      case '--rows': a.rows = Number(v()); break;
      case '--months': a.months = Number(v()); break;
      case '--start': a.start = v(); break;
      case '--seed': a.seed = Number(v()); break;
      case '--tables': { const t = v(); a.tables = t === 'all' ? ALL : t.split(','); break; }
      case '--check': a.check = true; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!a.out || !(a.rows > 0) || !(a.months > 0) || !/^\d{4}-\d{2}$/.test(a.start)) {
    throw new Error('usage: generate.mjs --out DIR --rows N --months M --start YYYY-MM [--tables ...] [--seed S] [--check]');
  }
  for (const t of a.tables) if (!ALL.includes(t)) throw new Error(`unknown table ${t}`);
  return a;
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Days since 1970-01-01 <-> ISO dates, without Date's time zones.
const DAY = 86400000;
const dayOf = (y, m, d) => Date.UTC(y, m - 1, d) / DAY;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const monthStart = (y, m0) => dayOf(y + Math.floor(m0 / 12), (m0 % 12) + 1, 1);

/** Buffered file writer: one write per MiB, never the whole file in one string. */
class Writer {
  constructor(path) { this.fd = openSync(path, 'w'); this.parts = []; this.size = 0; this.bytes = 0; this.rows = -1; }
  line(s) {
    this.parts.push(s, '\n');
    this.size += s.length + 1;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
  close() { this.flush(); closeSync(this.fd); }
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const PLANS = [
  { name: 'Starter', price: 29, weight: 0.45 },
  { name: 'Growth', price: 99, weight: 0.3 },
  { name: 'Business', price: 299, weight: 0.18 },
  { name: 'Enterprise', price: 999, weight: 0.07 },
];
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM'];
const COMMENTS = {
  promoter: ['Great product, the dashboards save us hours every week', 'Support is fast and friendly',
    'Easy onboarding, love the integrations', 'サポートがとても親切で早い', '界面简洁，功能强大', 'Reliable and simple to use'],
  passive: ['Good overall but pricing is a bit high', 'Works fine, reports could be faster',
    '機能は十分だが価格が高い', '还可以，但是报表有点慢', 'Decent tool, missing some export options'],
  detractor: ['Support is slow and the billing page is confusing', 'Too expensive for what it does',
    'サポートが遅い', '支持很慢，价格太贵', 'Export keeps failing, very frustrating', 'Reports are slow, considering alternatives'],
};

function pickPlan(r) {
  let x = r();
  for (let i = 0; i < PLANS.length; i++) {
    x -= PLANS[i].weight;
    if (x < 0) return i;
  }
  return PLANS.length - 1;
}

function generate(a) {
  mkdirSync(a.out, { recursive: true });
  const r = mulberry32(a.seed);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const [sy, sm] = a.start.split('-').map(Number);
  const first = monthStart(sy, sm - 1);
  const horizon = monthStart(sy, sm - 1 + a.months) - 1; // last day of the last month
  const want = new Set(a.tables);
  const w = {};
  const headers = {
    subscriptions: 'customer_id,plan,start_date,end_date,amount,currency,interval,interval_count,quantity,churn_type,region',
    customers: 'customer_id,signup_date,industry,country,region',
    responses: 'customer_id,date,survey,score,comment,touchpoint',
    tickets: 'ticket_id,customer_id,opened_at,resolved_at,contacts',
    costs: 'month,category,amount',
    onboarding: 'customer_id,started_at,completed_at',
    transactions: 'customer_id,date,amount',
  };
  for (const t of a.tables) {
    w[t] = new Writer(join(a.out, `${t}.csv`));
    w[t].line(headers[t]);
  }
  const subs = w.subscriptions;
  // Rows per customer average about 2.5; arrivals grow 3 % a month.
  const customers = Math.max(1, Math.round(a.rows / 2.5));
  const growth = 1.03;
  const total = (growth ** a.months - 1) / (growth - 1);
  let written = 0;
  let ticket = 0;
  for (let c = 0; subs ? written < a.rows : c < customers; c++) {
    // Arrival month by inverse of the growing arrival curve.
    const u = r() * total;
    const m0 = Math.min(a.months - 1, Math.floor(Math.log(u * (growth - 1) + 1) / Math.log(growth)));
    const mStart = monthStart(sy, sm - 1 + m0);
    const signup = Math.min(horizon, mStart + int(0, 27));
    const id = `c${String(c).padStart(7, '0')}`;
    const region = REGIONS[int(0, 3)];
    let plan = pickPlan(r);
    const yearly = r() < 0.2;
    let seats = r() < 0.7 ? 1 : int(2, 50);
    let day = signup;
    let churned = false;
    let lastEnd = null;
    while (day <= horizon && (!subs || written < a.rows)) {
      const length = yearly ? 365 * int(1, 2) : int(30, 420);
      let end = day + length;
      const open = end > horizon;
      const event = r();
      let type = '';
      if (!open && event < 0.3) type = r() < 0.7 ? 'voluntary' : 'involuntary';
      const amount = (yearly ? PLANS[plan].price * 10 : PLANS[plan].price).toFixed(2);
      if (subs) {
        subs.line(`${id},${PLANS[plan].name},${iso(day)},${open ? '' : iso(end)},${amount},USD,${yearly ? 'year' : 'month'},1,${seats},${type},${region}`);
        written++;
      }
      if (open) break;
      lastEnd = end;
      if (type) {
        churned = true;
        if (r() < 0.15) { // reactivation after a gap
          end += int(30, 300);
          churned = false;
        } else break;
      } else if (event < 0.65) {
        plan = Math.min(PLANS.length - 1, plan + 1);
      } else if (event < 0.8) {
        seats = Math.max(1, seats + int(-3, 5));
      } else {
        plan = Math.max(0, plan - 1);
      }
      day = end;
    }
    if (w.customers) {
      w.customers.line(`${id},${iso(signup)},${['software', 'retail', 'finance', 'health'][int(0, 3)]},${['US', 'DE', 'JP', 'CN', 'GB'][int(0, 4)]},${region}`);
    }
    const lifeEnd = Math.min(horizon, churned && lastEnd !== null ? lastEnd : horizon);
    const during = () => Math.min(lifeEnd, signup + int(0, Math.max(0, lifeEnd - signup)));
    if (w.responses) {
      const answers = r() < 0.6 ? int(1, 2) : 0;
      for (let k = 0; k < answers; k++) {
        const score = churned ? int(0, 8) : int(4, 10);
        const cls = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
        const comment = r() < 0.5 ? COMMENTS[cls][int(0, COMMENTS[cls].length - 1)] : '';
        w.responses.line(`${id},${iso(during())},nps,${score},${csvCell(comment)},`);
      }
      if (r() < 0.3) w.responses.line(`${id},${iso(during())},csat,${int(1, 5)},,${['support', 'onboarding', 'billing'][int(0, 2)]}`);
      if (r() < 0.2) w.responses.line(`${id},${iso(during())},ces,${int(1, 7)},,support`);
    }
    if (w.tickets) {
      const n = int(0, 2);
      for (let k = 0; k < n; k++) {
        const opened = during();
        const resolved = r() < 0.9 ? Math.min(horizon, opened + int(0, 10)) : null;
        w.tickets.line(`t${++ticket},${id},${iso(opened)},${resolved === null ? '' : iso(resolved)},${int(1, 4)}`);
      }
    }
    if (w.onboarding) {
      const done = r() < 0.8 ? signup + int(3, 60) : null;
      w.onboarding.line(`${id},${iso(signup)},${done !== null && done <= horizon ? iso(done) : ''}`);
    }
    if (w.transactions && r() < 0.3) {
      const n = int(1, 6);
      for (let k = 0; k < n; k++) w.transactions.line(`${id},${iso(during())},${int(5, 300)}.${String(int(0, 99)).padStart(2, '0')}`);
    }
  }
  if (w.costs) {
    for (let m = 0; m < a.months; m++) {
      const month = iso(monthStart(sy, sm - 1 + m)).slice(0, 7);
      const scale = 1 + m / 12;
      for (const [category, base] of [['sales', 20000], ['marketing', 12000], ['cs_staff', 9000], ['cs_tools', 1500], ['training', 800], ['office', 3000]]) {
        w.costs.line(`${month},${category},${Math.round(base * scale * (0.9 + r() * 0.2))}`);
      }
    }
  }
  const summary = [];
  for (const t of a.tables) {
    w[t].close();
    summary.push({ table: t, rows: w[t].rows, bytes: w[t].bytes });
    process.stderr.write(`${t}.csv: ${w[t].rows} rows, ${w[t].bytes} bytes\n`);
  }
  return { summary, first, horizon };
}

// Re-reads the files: header, field counts (quoted fields included), dates in range.
function check(a, summary) {
  const dates = /^\d{4}-\d{2}-\d{2}$/;
  for (const { table, rows } of summary) {
    const text = readFileSync(join(a.out, `${table}.csv`), 'utf8');
    const lines = [];
    let field = '', fields = [], quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { fields.push(field); field = ''; } else if (ch === '\n') { fields.push(field); lines.push(fields); fields = []; field = ''; } else field += ch;
    }
    const header = lines[0];
    if (lines.length - 1 !== rows) throw new Error(`${table}: ${lines.length - 1} rows, expected ${rows}`);
    for (let i = 1; i < lines.length; i++) {
      const f = lines[i];
      if (f.length !== header.length) throw new Error(`${table} line ${i + 1}: ${f.length} fields`);
      for (let k = 0; k < f.length; k++) {
        if (/_date$|_at$|^date$/.test(header[k]) && f[k] !== '' && !dates.test(f[k])) throw new Error(`${table} line ${i + 1}: bad date ${f[k]}`);
      }
      if (table === 'subscriptions' && f[3] !== '' && f[3] <= f[2]) throw new Error(`subscriptions line ${i + 1}: end before start`);
      if (table === 'tickets' && f[3] !== '' && f[3] < f[2]) throw new Error(`tickets line ${i + 1}: resolved before opened`);
    }
  }
  process.stderr.write('check: ok\n');
}

const args = parseArgs(process.argv.slice(2));
const { summary } = generate(args);
if (args.check) check(args, summary);
