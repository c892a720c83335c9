#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Deterministic synthetic SaaS data in the tables of DATA.md (see bench/README.md).
//
//   node bench/generate.mjs --out DIR [--rows N] [--months M] [--start YYYY-MM]
//        [--tables all|subscriptions,customers,...] [--seed S] [--currencies USD,EUR,JPY]
//        [--check]
//
// Same arguments => byte-identical files. No dependencies; files are streamed through a
// small buffered writer so a million subscription rows take bounded memory.
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

// ---------------------------------------------------------------------------- arguments

const USAGE = `usage: node bench/generate.mjs --out DIR [--rows N] [--months M] [--start YYYY-MM]
       [--tables all|subscriptions,customers,responses,tickets,costs,onboarding,transactions]
       [--seed S] [--currencies USD,EUR,JPY] [--check]
  --rows        subscription rows to produce (approximately; default 12000)
  --months      length of the observed window in months (default 36)
  --start       first month of the window (default 2022-01)
  --tables      which tables to write (default all; exchange_rates comes with --currencies)
  --seed        PRNG seed (default 42); same arguments give byte-identical files
  --currencies  price NA, EU, APAC customers in these currencies (first = reporting
                currency) and write exchange_rates.csv; default: everything in USD
  --check       re-read the written files and verify their invariants (exit 1 if not)`;

const ALL_TABLES = ['subscriptions', 'customers', 'responses', 'tickets', 'costs', 'onboarding', 'transactions'];

function fail(message) {
  process.stderr.write(`generate.mjs: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { out: null, rows: 12000, months: 36, start: '2022-01', tables: 'all', seed: 42, currencies: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) [a, v] = [a.slice(0, eq), a.slice(eq + 1)];
    const value = () => {
      if (v !== undefined) return v;
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--out': o.out = value(); break;
      case '--rows': o.rows = Number(value()); break;
      case '--months': o.months = Number(value()); break;
      case '--start': o.start = value(); break;
      case '--tables': o.tables = value(); break;
      case '--seed': o.seed = Number(value()); break;
      case '--currencies': o.currencies = value(); break;
      case '--check': o.check = true; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: fail(`unknown argument ${JSON.stringify(a)}\n${USAGE}`);
    }
  }
  if (!o.out) fail(`--out is required\n${USAGE}`);
  if (!Number.isInteger(o.rows) || o.rows < 1) fail('--rows must be a positive integer');
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 600) fail('--months must be an integer 1..600');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.start)) fail('--start must be YYYY-MM');
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) fail('--seed must be an integer 0..4294967295');
  const list = o.tables === 'all' ? [...ALL_TABLES] : o.tables.split(',').map((t) => t.trim()).filter(Boolean);
  for (const t of list) if (!ALL_TABLES.includes(t) && t !== 'exchange_rates') fail(`unknown table ${JSON.stringify(t)}`);
  if (o.currencies) {
    const codes = o.currencies.split(',').map((c) => c.trim().toUpperCase());
    if (!codes.length || codes.length > 3 || codes.some((c) => !PRICES[c]))
      fail(`--currencies takes 1 to 3 of ${Object.keys(PRICES).join(', ')} (for NA, EU, APAC)`);
    o.currencyCodes = codes;
    if (codes.length > 1 && !list.includes('exchange_rates')) list.push('exchange_rates');
  } else if (list.includes('exchange_rates')) {
    fail('exchange_rates needs --currencies');
  }
  o.tableList = ALL_TABLES.concat('exchange_rates').filter((t) => list.includes(t));
  return o;
}

// ---------------------------------------------------------------------------- PRNG

function mix32(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

// mulberry32, one independent stream per (seed, customer, purpose).
function rng(seed, index, salt) {
  let a = mix32(mix32(seed ^ 0x9e3779b9) ^ mix32(index + 0x632be5ab) ^ Math.imul(salt, 0x85ebca6b));
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1)); // inclusive
function pick(r, items, weights) {
  let u = r() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}
function normal(r) {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
function gamma(r, shape, scale) { // Marsaglia-Tsang
  if (shape < 1) return gamma(r, shape + 1, scale) * Math.pow(1 - r(), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, v;
    do { x = normal(r); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = 1 - r();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}
function poisson(r, lambda) {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const l = Math.exp(-lambda);
  let k = 0, p = r();
  while (p > l) { k++; p *= r(); }
  return k;
}
const expo = (r, mean) => -Math.log(1 - r()) * mean;

// ---------------------------------------------------------------------------- calendar

const DAY_MS = 86400000;
let T0, TEND, MONTHS, monthStart, monthOfDayArr, dayStrCache, dayStrBase;

function setupCalendar(start, months) {
  const y = Number(start.slice(0, 4)), m = Number(start.slice(5, 7)) - 1;
  MONTHS = months;
  // Month starts from 0 to months + 30 (renewals and dunning run past the window's end).
  monthStart = new Int32Array(months + 31);
  for (let k = 0; k < monthStart.length; k++) monthStart[k] = Date.UTC(y, m + k, 1) / DAY_MS;
  T0 = monthStart[0];
  TEND = monthStart[months]; // exclusive: the data are exported on TEND - 1
  monthOfDayArr = new Int16Array(monthStart[monthStart.length - 1] - T0);
  for (let k = 0; k + 1 < monthStart.length; k++)
    for (let d = monthStart[k]; d < monthStart[k + 1]; d++) monthOfDayArr[d - T0] = k;
  dayStrBase = T0 - 400;
  dayStrCache = new Array(monthOfDayArr.length + 800);
}
const monthOf = (d) => monthOfDayArr[d - T0];
const monthLen = (k) => monthStart[k + 1] - monthStart[k];
const renewal = (k, dom) => monthStart[k] + Math.min(dom, monthLen(k)) - 1; // anniversary day in month k
function dayStr(d) {
  const i = d - dayStrBase;
  return dayStrCache[i] ??= new Date(d * DAY_MS).toISOString().slice(0, 10);
}
const monthStr = (k) => dayStr(monthStart[k]).slice(0, 7);

// ---------------------------------------------------------------------------- model

const PLANS = ['Starter', 'Growth', 'Business', 'Enterprise'];
const PLAN_WEIGHTS = [45, 33, 17, 5];
// List price per unit and month, in each currency's major unit; a year costs 10 months.
const PRICES = {
  USD: [29, 99, 299, 999], EUR: [25, 89, 269, 899], GBP: [23, 79, 239, 799], JPY: [3000, 10000, 30000, 100000],
};
const SETUP_FEE = { USD: [0, 0, 500, 1500], EUR: [0, 0, 450, 1350], GBP: [0, 0, 400, 1200], JPY: [0, 0, 50000, 150000] };
const ANNUAL_SHARE = [0.12, 0.28, 0.45, 0.8];
const SINGLE_SEAT = [0.88, 0.65, 0.55, 0.6];
const CHURN_MONTHLY = [0.042, 0.026, 0.015, 0.008]; // per monthly renewal
const CHURN_ANNUAL = [0.3, 0.2, 0.13, 0.07]; // per yearly renewal
const UPGRADE = [0.014, 0.009, 0.005, 0];
const DOWNGRADE = [0, 0.005, 0.005, 0.004];
const SEAT_CHANGE = [0.006, 0.03, 0.04, 0.045];
const SETUP_SHARE = [0, 0, 0.2, 0.6];
const REGIONS = ['NA', 'EU', 'APAC'];
const REGION_WEIGHTS = [50, 32, 18];
const GROWTH = Math.log(1.025); // new customers per month grow 2.5 % a month

let CFG; // { seed, C, currencyOf: region -> code }

function drawQuantity(r, p) {
  if (r() < SINGLE_SEAT[p]) return 1;
  const max = [3, 20, 50, 25][p];
  return Math.min(max, 2 + Math.floor(gamma(r, 1.2, [1, 3, 5, 4][p])));
}

function priceCents(currency, p, annual, discount) {
  const list = PRICES[currency][p] * (annual ? 10 : 1) * 100;
  return Math.round(list * (100 - discount) / 100);
}

// One customer's whole subscription history, a pure function of (seed, index, C).
// Row: { plan, start, end (-1 = open), cents, interval, qty, churn, contract }.
// end_date is exclusive (DATA.md: "first day it is no longer in force"): a change on day D
// ends the old row with end_date D and starts the new one with start_date D.
function simulate(i) {
  const r = rng(CFG.seed, i, 1);
  const q = (i + r()) / CFG.C;
  const R = GROWTH * MONTHS;
  const tf = Math.log(1 + q * Math.expm1(R)) / R;
  const arrival = Math.min(TEND - 1, T0 + Math.floor(tf * (TEND - T0)));
  const region = pick(r, REGIONS, REGION_WEIGHTS);
  const currency = CFG.currencyOf[region];
  const sentiment = r(); // latent health: drives churn, expansion, survey scores
  const churnMult = sentiment < 0.2 ? 2.2 : sentiment < 0.7 ? 1 : 0.55;
  const expandMult = sentiment < 0.2 ? 0.5 : sentiment < 0.7 ? 1 : 1.6;
  const discount = r() < 0.12 ? 20 : r() < 0.1 ? 10 : 0;
  let p = pick(r, [0, 1, 2, 3], PLAN_WEIGHTS);
  let annual = r() < ANNUAL_SHARE[p];
  let qty = drawQuantity(r, p);
  const firstPlan = p;
  const rows = [];
  const spells = []; // [start, end (-1 = open), churn type]
  if (r() < SETUP_SHARE[p])
    rows.push({ plan: 'Setup', start: arrival, end: -1, cents: SETUP_FEE[currency][p] * 100, interval: 'one_time', qty: 1, churn: '', contract: '' });

  let s = arrival;
  for (;;) {
    const k0 = monthOf(s), dom = s - monthStart[k0] + 1;
    let row = { plan: PLANS[p], start: s, end: -1, cents: priceCents(currency, p, annual, discount), interval: annual ? 'year' : 'month', qty, churn: '', contract: annual ? 'annual' : 'monthly' };
    let termStart = 0; // the month count at which the current annual term began
    let end = -1, churn = '';
    const openRow = (day) => {
      row.end = day;
      rows.push(row);
      row = { plan: PLANS[p], start: day, end: -1, cents: priceCents(currency, p, annual, discount), interval: annual ? 'year' : 'month', qty, churn: '', contract: annual ? 'annual' : 'monthly' };
    };
    for (let n = 1; ; n++) {
      const rd = renewal(k0 + n, dom);
      if (rd >= TEND) break;
      const atRenewal = !annual || (n - termStart) % 12 === 0;
      if (atRenewal) {
        const pc = (annual ? CHURN_ANNUAL[p] : CHURN_MONTHLY[p] * (n <= 3 ? 1.5 : 1)) * churnMult;
        if (r() < pc) {
          const involuntary = r() < (annual ? 0.1 : 0.3);
          const day = involuntary ? rd + int(r, 5, 21) : rd; // dunning keeps the row in force
          if (day < TEND) { end = day; churn = involuntary ? 'involuntary' : 'voluntary'; }
          break;
        }
      }
      // Upgrades and seat changes take effect on any day of the cycle (prorated), the rest
      // at the renewal. Every event day is < the next renewal, so rows never have length 0.
      const u = r();
      const up = UPGRADE[p] * expandMult, down = atRenewal ? DOWNGRADE[p] / expandMult : 0;
      const seats = SEAT_CHANGE[p] * expandMult;
      const toAnnual = atRenewal && !annual ? 0.006 : 0;
      const toMonthly = atRenewal && annual ? 0.04 : 0;
      if (u < up + down + seats + toAnnual + toMonthly) {
        let day = rd;
        if (u < up) {
          day = rd + int(r, 0, 27);
          p = Math.min(3, p + (r() < 0.12 ? 2 : 1));
          if (!annual && r() < 0.15) { annual = true; termStart = n; }
          if (p === 3 && qty < 3) qty = int(r, 3, 10);
        } else if (u < up + down) {
          p -= 1;
        } else if (u < up + down + seats) {
          const grow = r() < 0.75 * Math.min(1.5, expandMult) || qty === 1;
          if (grow) { day = rd + int(r, 0, 27); qty = Math.min(50, qty + Math.max(1, Math.round(qty * 0.25 * r()))); }
          else qty = Math.max(1, qty - Math.max(1, Math.round(qty * 0.3 * r())));
        } else if (u < up + down + seats + toAnnual) {
          annual = true; termStart = n;
        } else {
          annual = false;
        }
        if (day < TEND) openRow(day);
      }
    }
    row.end = end;
    row.churn = churn;
    rows.push(row);
    spells.push([s, end, churn]);
    if (end < 0) break;
    // Reactivation: failed payments are often fixed within weeks, cancellations rarely come back.
    const back = churn === 'involuntary' ? r() < 0.4 : r() < 0.1 * expandMult;
    if (!back) break;
    s = end + (churn === 'involuntary' ? int(r, 3, 60) : int(r, 30, 540));
    if (s >= TEND) break;
    const v = r();
    if (v < 0.25 && p > 0) p -= 1; else if (v > 0.9 && p < 3) p += 1;
    annual = r() < ANNUAL_SHARE[p] * 0.5;
  }
  return { i, id: 'c' + String(i + 1).padStart(6, '0'), region, currency, sentiment, firstPlan, arrival, rows, spells };
}

function countRows(C) {
  CFG.C = C;
  let n = 0;
  for (let i = 0; i < C; i++) n += simulate(i).rows.length;
  return n;
}

// Number of customers whose histories add up to about `rows` rows.
function solveCustomers(rows) {
  const pilot = Math.min(2000, Math.max(50, rows));
  let C = Math.max(1, Math.round(rows / (countRows(pilot) / pilot)));
  let best = C, bestErr = Infinity;
  for (let iter = 0; iter < 4; iter++) {
    const n = countRows(C);
    const err = Math.abs(n - rows);
    if (err < bestErr) [best, bestErr] = [C, err];
    if (err <= rows * 0.001) break;
    const next = Math.max(1, Math.round(C * rows / n));
    if (next === C) break;
    C = next;
  }
  CFG.C = best;
  return best;
}

// ---------------------------------------------------------------------------- attributes

const COUNTRIES = {
  NA: [['US', 82], ['CA', 13], ['MX', 5]],
  EU: [['DE', 24], ['GB', 24], ['FR', 16], ['NL', 10], ['ES', 9], ['SE', 8], ['PL', 9]],
  APAC: [['JP', 34], ['AU', 20], ['SG', 12], ['IN', 14], ['CN', 10], ['TW', 5], ['KR', 5]],
};
const INDUSTRIES = ['software', 'ecommerce', 'education', 'healthcare', 'finance', 'manufacturing', 'media', 'services'];
const INDUSTRY_WEIGHTS = [26, 16, 10, 9, 11, 10, 8, 10];
const SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'];
const SIZE_WEIGHTS = [[55, 35, 8, 2, 0], [20, 45, 27, 7, 1], [4, 20, 45, 25, 6], [0, 3, 20, 42, 35]];
const CHANNELS = ['organic', 'paid_search', 'referral', 'partner', 'outbound'];
const CHANNEL_WEIGHTS = [[40, 30, 20, 8, 2], [32, 28, 18, 12, 10], [18, 16, 14, 22, 30], [6, 4, 10, 25, 55]];

function attributes(c) {
  const r = rng(CFG.seed, c.i, 2);
  const list = COUNTRIES[c.region];
  const country = pick(r, list.map((x) => x[0]), list.map((x) => x[1]));
  const trialDays = r() < 0.7 ? (r() < 0.8 ? 14 : 30) : 0;
  return {
    country,
    signup: Math.max(T0, c.arrival - trialDays),
    industry: pick(r, INDUSTRIES, INDUSTRY_WEIGHTS),
    size: pick(r, SIZES, SIZE_WEIGHTS[c.firstPlan]),
    channel: pick(r, CHANNELS, CHANNEL_WEIGHTS[c.firstPlan]),
  };
}

// ---------------------------------------------------------------------------- activity

const spellEnd = (sp) => (sp[1] < 0 ? TEND : sp[1]);

// A uniformly random day on which the customer was paying.
function payingDay(r, c, total) {
  let x = Math.floor(r() * total);
  for (const sp of c.spells) {
    const len = spellEnd(sp) - sp[0];
    if (x < len) return sp[0] + x;
    x -= len;
  }
  return c.spells[0][0];
}

function onboarding(c, a) {
  const r = rng(CFG.seed, c.i, 4);
  if (r() >= 0.93) return null; // not every account went through tracked onboarding
  const p = c.firstPlan, first = c.spells[0];
  const earlyChurn = first[1] >= 0 && first[1] - first[0] < 100;
  const pDone = [0.9, 0.86, 0.8, 0.76][p] * (earlyChurn ? 0.55 : 1) * (0.8 + 0.3 * c.sentiment);
  let done = -1;
  if (r() < pDone) {
    const days = Math.max(0, Math.round(Math.exp(Math.log([6, 12, 20, 38][p]) + 0.6 * normal(r))));
    if (a.signup + days < TEND) done = a.signup + days;
  }
  return { started: a.signup, completed: done };
}

function tickets(c) {
  const r = rng(CFG.seed, c.i, 5);
  let total = 0;
  for (const sp of c.spells) total += spellEnd(sp) - sp[0];
  const perYear = [0.45, 0.7, 1.0, 1.6][c.firstPlan] * (c.sentiment < 0.2 ? 1.6 : 1);
  const n = poisson(r, perYear * total / 365);
  const out = [];
  for (let k = 0; k < n; k++) {
    const opened = payingDay(r, c, total);
    const u = r();
    const contacts = u < 0.7 ? 1 : u < 0.88 ? 2 : u < 0.95 ? 3 : int(r, 4, 8);
    let days = contacts === 1 ? (r() < 0.55 ? 0 : int(r, 1, 3)) : Math.round(contacts * 1.5 + expo(r, 3 * contacts));
    let resolved = r() < 0.004 ? -1 : opened + days; // a few stay stuck open
    if (resolved >= TEND) resolved = -1;
    out.push({ opened, resolved, contacts: resolved < 0 ? Math.min(contacts, 1 + Math.floor((TEND - 1 - opened) / 3)) : contacts });
  }
  out.sort((x, y) => x.opened - y.opened || x.resolved - y.resolved);
  return out;
}

const COMMENTS = {
  en: {
    good: [
      'Great product, the team loves it.', 'Easy to set up and the support team is fast.',
      'Saves us hours every week.', 'The dashboards are exactly what our managers needed.',
      'Reliable, simple, fairly priced.', 'Onboarding was smooth, thanks to Maria!',
      'Best tool we have adopted this year', 'Support answered within minutes, impressive.',
      'The new reporting features are excellent', 'Love the integrations, especially Slack and HubSpot.',
      'We recommended it to two partner companies.', 'Clean UI, and it just works.',
    ],
    mid: [
      'Good overall, but the mobile app needs work.', 'Does the job. Pricing is a bit high for small teams.',
      'Fine, though exports are slow on large accounts.', 'Useful, but the learning curve is steep.',
      'Solid product; documentation could be better.', 'OK. We miss a few reports we had before.',
      'Works well, the "bulk edit" feature is confusing', 'Decent, would like more API endpoints.',
    ],
    bad: [
      'Too expensive for what we use.', 'Support took three days to answer.',
      'The sync keeps failing and nobody explains why.', 'Missing basic features, e.g. custom fields.',
      'We are moving to a cheaper tool.', 'Billing charged us twice, still waiting for a refund.',
      'Slow, buggy, and the last update broke our workflow', 'Hard to use. Our team gave up on it.',
      'The "unlimited" plan is not unlimited.', 'Performance is poor during business hours.',
    ],
  },
  ja: {
    good: ['とても使いやすいです。', 'サポートの対応が早くて助かります。', 'チーム全員が毎日使っています。',
      '導入がスムーズでした。', 'レポート機能が便利です。', '作業時間が大幅に減りました。'],
    mid: ['概ね満足ですが、価格が少し高いです。', '機能は良いが、画面が分かりにくい。',
      'モバイル版の改善を期待します。', 'ドキュメントをもっと充実させてほしい。'],
    bad: ['動作が遅くて困っています。', 'サポートの返信が遅いです。', '必要な機能が足りません。',
      '料金に見合っていないと思います。', '同期エラーが頻繁に発生します。'],
  },
  zh: {
    good: ['产品很好用，团队都很喜欢。', '客服响应非常快。', '节省了我们很多时间。',
      '界面简洁，上手容易。', '报表功能非常实用。'],
    mid: ['整体不错，但价格偏高。', '功能够用，希望改进移动端。', '文档还可以更详细一些。',
      '还行，导出速度有点慢。'],
    bad: ['系统经常卡顿。', '客服回复太慢了。', '缺少我们需要的功能。', '性价比不高，考虑换别的产品。',
      '同步总是出错。'],
  },
};

function comment(r, country, tone) {
  const lang = country === 'JP' ? (r() < 0.8 ? 'ja' : 'en')
    : country === 'CN' || country === 'TW' ? (r() < 0.8 ? 'zh' : 'en')
      : country === 'SG' ? (r() < 0.3 ? 'zh' : 'en') : 'en';
  const pool = COMMENTS[lang][tone];
  return pool[Math.floor(r() * pool.length)];
}

function responses(c, a, onb, tix) {
  const r = rng(CFG.seed, c.i, 3);
  const s = c.sentiment, out = [];
  const add = (date, survey, score, tone, touchpoint) => {
    if (date >= TEND) return;
    const text = r() < 0.35 ? comment(r, a.country, tone) : '';
    out.push({ date, survey, score, comment: text, touchpoint });
  };
  // Relationship NPS: a survey some 60-120 days after start, then every ~6 months.
  for (const sp of c.spells) {
    const e = Math.min(spellEnd(sp), TEND);
    for (let t = sp[0] + int(r, 60, 120); t < e; t += 180 + int(r, -15, 15)) {
      if (r() >= 0.22) continue;
      const u = r(), pProm = 0.2 + 0.64 * s, pDet = Math.max(0.03, 0.4 - 0.5 * s);
      let score, tone;
      if (u < pDet) { score = pick(r, [0, 1, 2, 3, 4, 5, 6], [2, 1, 2, 3, 5, 8, 10]); tone = 'bad'; }
      else if (u < 1 - pProm) { score = r() < 0.45 ? 7 : 8; tone = 'mid'; }
      else { score = r() < 0.55 ? 9 : 10; tone = 'good'; }
      add(t, 'nps', score, tone, 'relationship');
    }
  }
  // CSAT (1-5) after resolved tickets.
  for (const t of tix) {
    if (t.resolved < 0 || r() >= 0.22) continue;
    const positive = r() < 0.55 + 0.35 * s - (t.contacts > 2 ? 0.2 : 0);
    const score = positive ? (r() < 0.55 ? 5 : 4) : pick(r, [1, 2, 3], [2, 3, 5]);
    add(t.resolved + int(r, 0, 2), 'csat', score, positive ? 'good' : score === 3 ? 'mid' : 'bad', 'support');
  }
  // CSAT at checkout, CES (1-7, higher = easier) after onboarding.
  if (r() < 0.06) {
    const score = r() < 0.85 ? (r() < 0.6 ? 5 : 4) : int(r, 2, 3);
    add(c.arrival + int(r, 0, 1), 'csat', score, score >= 4 ? 'good' : 'mid', 'checkout');
  }
  if (onb && onb.completed >= 0 && r() < 0.3) {
    const score = Math.min(7, Math.max(1, Math.round(4.6 + 1.8 * s + 1.2 * normal(r))));
    add(onb.completed + int(r, 0, 2), 'ces', score, score >= 5 ? 'good' : score >= 4 ? 'mid' : 'bad', 'onboarding');
  }
  out.sort((x, y) => x.date - y.date);
  return out;
}

// Non-contractual add-on purchases (credit packs): BG/NBD-like buyers.
function transactions(c) {
  const r = rng(CFG.seed, c.i, 6);
  if (r() >= 0.3) return [];
  const perMonth = gamma(r, 0.9, 0.45), dropout = 0.04 + 0.1 * r();
  const meanSpend = gamma(r, 4, 15); // about 60 a purchase on average
  const out = [];
  for (let t = c.arrival + Math.round(expo(r, 30.4 / perMonth)); t < TEND; t += 1 + Math.round(expo(r, 30.4 / perMonth))) {
    const cents = Math.max(100, Math.round(gamma(r, 8, meanSpend / 8) * 100));
    out.push({ date: t, cents });
    if (r() < dropout) break;
  }
  return out;
}

// ---------------------------------------------------------------------------- output

class Writer {
  constructor(path, header) {
    this.path = path;
    this.fd = openSync(path, 'w');
    this.buf = '';
    this.bytes = 0;
    this.rows = 0;
    this.header = header;
    this.write(header.join(',') + '\n');
  }
  write(s) {
    this.buf += s;
    if (this.buf.length > 1 << 20) this.flush();
  }
  row(s) {
    this.rows++;
    this.write(s);
  }
  flush() {
    if (this.buf) this.bytes += writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

function money(cents) {
  const whole = Math.floor(cents / 100), frac = cents % 100;
  if (frac === 0) return String(whole);
  return frac % 10 === 0 ? `${whole}.${frac / 10}` : `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}
const csv = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const date = (d) => (d < 0 ? '' : dayStr(d));

const HEADERS = {
  subscriptions: ['customer_id', 'plan', 'start_date', 'end_date', 'amount', 'currency', 'interval', 'interval_count', 'quantity', 'churn_type', 'region', 'contract'],
  customers: ['customer_id', 'signup_date', 'region', 'country', 'industry', 'company_size', 'channel'],
  responses: ['customer_id', 'date', 'survey', 'score', 'comment', 'touchpoint'],
  tickets: ['ticket_id', 'customer_id', 'opened_at', 'resolved_at', 'contacts'],
  costs: ['month', 'category', 'amount'],
  onboarding: ['customer_id', 'started_at', 'completed_at'],
  transactions: ['customer_id', 'date', 'amount'],
  exchange_rates: ['currency', 'month', 'rate_to_reporting'],
};

function generate(o) {
  mkdirSync(o.out, { recursive: true });
  const codes = o.currencyCodes ?? ['USD'];
  const reporting = codes[0];
  CFG = { seed: o.seed >>> 0, C: 1, currencyOf: { NA: codes[0], EU: codes[1] ?? codes[0], APAC: codes[2] ?? codes[0] } };
  setupCalendar(o.start, o.months);
  const C = solveCustomers(o.rows);

  const w = {};
  for (const t of o.tableList) w[t] = new Writer(join(o.out, `${t}.csv`), HEADERS[t]);
  const newByMonth = new Float64Array(MONTHS), payingDiff = new Float64Array(MONTHS + 1);
  let ticketSeq = 0;
  const needActivity = w.responses || w.tickets || w.onboarding;

  for (let i = 0; i < C; i++) {
    const c = simulate(i);
    const a = attributes(c);
    const id = c.id;
    newByMonth[monthOf(c.spells[0][0])]++;
    for (const sp of c.spells) {
      const k1 = monthOf(sp[0]), k2 = sp[1] < 0 ? MONTHS - 1 : monthOf(sp[1]) - 1; // paying at the end of k1..k2
      if (k2 >= k1) { payingDiff[k1]++; payingDiff[k2 + 1]--; }
    }
    if (w.subscriptions) {
      const tail = `,${c.region},`;
      for (const row of c.rows)
        w.subscriptions.row(`${id},${row.plan},${dayStr(row.start)},${date(row.end)},${money(row.cents)},${c.currency},${row.interval},1,${row.qty},${row.churn}${tail}${row.contract}\n`);
    }
    if (w.customers)
      w.customers.row(`${id},${dayStr(a.signup)},${c.region},${a.country},${a.industry},${a.size},${a.channel}\n`);
    if (!needActivity && !w.transactions) continue;
    const onb = onboarding(c, a);
    const tix = tickets(c);
    if (w.onboarding && onb) w.onboarding.row(`${id},${dayStr(onb.started)},${date(onb.completed)}\n`);
    if (w.tickets) {
      for (const t of tix) {
        ticketSeq++;
        w.tickets.row(`t${String(ticketSeq).padStart(6, '0')},${id},${dayStr(t.opened)},${date(t.resolved)},${t.contacts}\n`);
      }
    }
    if (w.responses)
      for (const x of responses(c, a, onb, tix))
        w.responses.row(`${id},${dayStr(x.date)},${x.survey},${x.score},${csv(x.comment)},${x.touchpoint}\n`);
    if (w.transactions)
      for (const x of transactions(c)) w.transactions.row(`${id},${dayStr(x.date)},${money(x.cents)}\n`);
  }

  if (w.costs) {
    // Acquisition costs follow new customers, retention costs the paying base; a fixed part
    // keeps every month's figure positive. Amounts in the reporting currency.
    const r = rng(CFG.seed, 0x7fffffff, 7);
    const scale = PRICES[reporting][1] / PRICES.USD[1];
    const perNew = { sales: 1150, marketing: 780 };
    const perPaying = { cs_staff: 24, cs_tools: 4.2, customer_marketing: 2.6, training: 1.8, loyalty: 1.2, hosting: 9.5 };
    let paying = 0;
    for (let k = 0; k < MONTHS; k++) {
      paying += payingDiff[k];
      const m = monthStr(k);
      const base = 1 + C / 500;
      for (const [cat, per] of Object.entries(perNew))
        w.costs.row(`${m},${cat},${money(Math.round((newByMonth[k] * per + base * per * 0.5) * (0.85 + 0.3 * r()) * scale * 100))}\n`);
      for (const [cat, per] of Object.entries(perPaying))
        w.costs.row(`${m},${cat},${money(Math.round((paying * per + base * per * 4) * (0.92 + 0.16 * r()) * scale * 100))}\n`);
    }
  }

  if (w.exchange_rates) {
    // Value of one unit in USD, a random walk per currency, then crossed to the reporting one.
    const r = rng(CFG.seed, 0x7ffffffe, 8);
    const usd = { USD: 1, EUR: 1.1, GBP: 1.27, JPY: 0.0075 };
    const series = {};
    for (const code of Object.keys(usd)) {
      series[code] = [];
      let v = usd[code];
      for (let k = 0; k < MONTHS; k++) {
        series[code].push(v);
        if (code !== 'USD') v *= Math.exp(0.018 * normal(r));
      }
    }
    for (const code of [...new Set(codes)].slice(1).filter((x) => x !== reporting))
      for (let k = 0; k < MONTHS; k++) {
        const rate = series[code][k] / series[reporting][k];
        w.exchange_rates.row(`${code},${monthStr(k)},${rate.toFixed(6)}\n`);
      }
  }

  for (const t of o.tableList) w[t].close();
  return o.tableList.map((t) => ({ table: t, path: w[t].path, rows: w[t].rows, bytes: w[t].bytes, header: w[t].header }));
}

// ---------------------------------------------------------------------------- check

// Streams one CSV file and calls onRecord(fields, line) per record (RFC 4180 quoting).
function readCsv(path, onRecord) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const dec = new StringDecoder('utf8');
  let rest = '', line = 0, startLine = 0, pending = null;
  const feed = (text, final) => {
    const parts = (rest + text).split('\n');
    rest = final ? '' : parts.pop();
    for (const raw of parts) {
      line++;
      if (final && raw === '' && pending === null) continue;
      const physical = pending === null ? raw : pending + '\n' + raw;
      if (pending === null) startLine = line;
      let quotes = 0;
      for (let i = physical.indexOf('"'); i >= 0; i = physical.indexOf('"', i + 1)) quotes++;
      if (quotes % 2) { pending = physical; continue; }
      pending = null;
      onRecord(quotes ? splitQuoted(physical) : physical.split(','), startLine);
    }
  };
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) feed(dec.write(buf.subarray(0, n)), false);
  feed(dec.end(), true);
  closeSync(fd);
  if (pending !== null) throw new Error(`${path} line ${startLine}: unterminated quote`);
}

function splitQuoted(s) {
  const out = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const j = s.indexOf('"', i);
        if (j < 0) throw new Error('unterminated quote');
        v += s.slice(i, j);
        if (s[j + 1] === '"') { v += '"'; i = j + 2; } else { i = j + 1; break; }
      }
      out.push(v);
      if (i >= s.length) return out;
      if (s[i] !== ',') throw new Error('text after a closing quote');
      i++;
    } else {
      const j = s.indexOf(',', i);
      if (j < 0) { out.push(s.slice(i)); return out; }
      out.push(s.slice(i, j));
      i = j + 1;
    }
  }
}

const RULES = {
  subscriptions: { dates: ['start_date', 'end_date?'], order: [['start_date', 'end_date']], money: ['amount'],
    ints: { interval_count: [1, 1000], quantity: [0, 1e9] },
    enums: { interval: ['day', 'week', 'month', 'quarter', 'year', 'one_time'], churn_type: ['', 'voluntary', 'involuntary'] },
    required: ['customer_id', 'plan', 'currency'] },
  customers: { dates: ['signup_date'], unique: ['customer_id'], required: ['customer_id'] },
  responses: { dates: ['date'], enums: { survey: ['nps', 'csat', 'ces'] }, required: ['customer_id'] },
  tickets: { dates: ['opened_at', 'resolved_at?'], order: [['opened_at', 'resolved_at']], unique: ['ticket_id'],
    ints: { contacts: [0, 1e6] }, required: ['customer_id'] },
  costs: { months: ['month'], money: ['amount'], unique: ['month+category'], required: ['category'] },
  onboarding: { dates: ['started_at', 'completed_at?'], order: [['started_at', 'completed_at']], required: ['customer_id'] },
  transactions: { dates: ['date'], money: ['amount'], required: ['customer_id'] },
  exchange_rates: { months: ['month'], unique: ['currency+month'], required: ['currency'] },
};
const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

function check(results, o) {
  const errors = [];
  const lastDay = dayStr(TEND - 1), firstDay = dayStr(T0);
  const validDay = new Map();
  const isDay = (s) => {
    let ok = validDay.get(s);
    if (ok === undefined) {
      const t = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(s + 'T00:00:00Z') : NaN;
      ok = !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
      validDay.set(s, ok);
    }
    return ok;
  };
  const moneyRe = /^(0|[1-9]\d*)(\.\d{1,2})?$/, intRe = /^\d+$/;
  const subscriptionCustomers = new Set();
  const referenced = [];
  for (const res of results) {
    const rule = RULES[res.table];
    const name = `${res.table}.csv`;
    let count = 0, headerSeen = false;
    const col = {};
    const seen = new Set();
    const err = (line, msg) => { if (errors.length < 50) errors.push(`${name} line ${line}: ${msg}`); };
    readCsv(res.path, (f, line) => {
      if (!headerSeen) {
        headerSeen = true;
        if (f.join(',') !== res.header.join(',')) err(line, `header ${f.join(',')} != ${res.header.join(',')}`);
        f.forEach((h, i) => (col[h] = i));
        return;
      }
      count++;
      if (f.length !== res.header.length) return err(line, `${f.length} fields, header has ${res.header.length}`);
      const v = (c) => f[col[c]];
      for (const spec of rule.dates ?? []) {
        const c = spec.replace('?', ''), x = v(c);
        if (x === '' && spec.endsWith('?')) continue;
        if (!isDay(x)) err(line, `${c} "${x}" is not a date`);
        else if (x < firstDay || x > lastDay) err(line, `${c} ${x} is outside ${firstDay}..${lastDay}`);
      }
      for (const [a, b] of rule.order ?? []) if (v(b) !== '' && v(b) < v(a)) err(line, `${b} ${v(b)} is before ${a} ${v(a)}`);
      for (const c of rule.months ?? []) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v(c))) err(line, `${c} "${v(c)}" is not YYYY-MM`);
      for (const c of rule.money ?? []) if (!moneyRe.test(v(c))) err(line, `${c} "${v(c)}" is not an amount`);
      for (const [c, [lo, hi]] of Object.entries(rule.ints ?? {})) {
        const x = v(c);
        if (!intRe.test(x) || Number(x) < lo || Number(x) > hi) err(line, `${c} "${x}" is not an integer in ${lo}..${hi}`);
      }
      for (const [c, allowed] of Object.entries(rule.enums ?? {})) if (!allowed.includes(v(c))) err(line, `${c} "${v(c)}" is not allowed`);
      for (const c of rule.required ?? []) if (v(c) === '') err(line, `${c} is empty`);
      for (const u of rule.unique ?? []) {
        const key = u.split('+').map(v).join('\u0000');
        if (seen.has(key)) err(line, `duplicate ${u} ${key}`);
        seen.add(key);
      }
      if (res.table === 'subscriptions') {
        subscriptionCustomers.add(v('customer_id'));
        if (v('interval') === 'one_time' && v('churn_type') !== '') err(line, 'one_time row with a churn_type');
      } else if (res.table !== 'costs' && res.table !== 'exchange_rates') {
        referenced.push(v('customer_id'));
      }
      if (res.table === 'responses') {
        const [lo, hi] = SCALES[v('survey')] ?? [0, -1];
        if (!intRe.test(v('score')) || Number(v('score')) < lo || Number(v('score')) > hi) err(line, `score "${v('score')}" is off the ${v('survey')} scale`);
      }
      if (res.table === 'exchange_rates' && !(/^\d+(\.\d{1,6})?$/.test(v('rate_to_reporting')) && Number(v('rate_to_reporting')) > 0))
        err(line, `rate "${v('rate_to_reporting')}" is not a positive decimal`);
    });
    if (!headerSeen) err(1, 'no header');
    if (count !== res.rows) err(0, `${count} rows read, ${res.rows} written`);
  }
  if (subscriptionCustomers.size)
    for (const id of referenced) if (!subscriptionCustomers.has(id)) { errors.push(`customer ${id} is not in subscriptions`); break; }
  if (results.some((r) => r.table === 'subscriptions')) {
    const n = results.find((r) => r.table === 'subscriptions').rows;
    if (Math.abs(n - o.rows) > Math.max(5, o.rows * 0.02)) errors.push(`subscriptions has ${n} rows, asked for ${o.rows} (more than 2 % off)`);
  }
  return errors;
}

// ---------------------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
const t0 = process.hrtime.bigint();
const results = generate(opts);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
for (const r of results)
  process.stderr.write(`${(r.table + '.csv').padEnd(20)} ${String(r.rows).padStart(9)} rows ${String(r.bytes).padStart(11)} bytes  ${r.path}\n`);
process.stderr.write(`${CFG.C} customers, ${opts.months} months from ${opts.start}, seed ${opts.seed}, ${secs.toFixed(2)} s\n`);
if (opts.check) {
  const errors = check(results, opts);
  if (errors.length) {
    for (const e of errors) process.stderr.write(`check: ${e}\n`);
    process.exit(1);
  }
  process.stderr.write(`check: ok (${results.length} files)\n`);
}
