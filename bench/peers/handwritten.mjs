// SPDX-License-Identifier: MIT
// The peer a developer would write by hand: one pass over the CSV bytes into typed
// arrays, rows grouped by customer, a diff array per customer. Computes per month MRR,
// paying customers, the five movements, customer churn rate, NRR and the logo cohorts,
// exactly (integer cents, each customer's MRR rounded once, half to even), like csmetrics.
// Assumes the generated layout: no quoted fields, month/year/one_time intervals, count 1.
// Returns the common shape of ./canonical.mjs.
import { monthName } from './canonical.mjs';

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function parseInt10(b, s, e) {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (b[i] - 48);
  return v;
}

// "YYYY-MM-DD" -> months since 1970 and whether the day is the 1st (for in-force tests
// only the month matters: end_date is exclusive, so a row ending on day d of month M is
// last in force at the end of M-1... unless d > the last day, which cannot happen).
function monthOf(b, s) {
  return (parseInt10(b, s, s + 4) - 1970) * 12 + parseInt10(b, s + 5, s + 7) - 1;
}

// Cents from "29", "23.2", "26.10".
function cents(b, s, e) {
  let v = 0, frac = -1;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 46) { frac = 0; continue; }
    v = v * 10 + (c - 48);
    if (frac >= 0) frac++;
  }
  if (frac <= 0) return v * 100;
  return frac === 1 ? v * 10 : v;
}

const roundHalfEven = (num, den) => {
  const q = Math.floor(num / den), r = num - q * den;
  if (2 * r > den || (2 * r === den && q % 2 !== 0)) return q + 1;
  return q;
};

export function computeHandwritten(bytes) {
  const b = bytes;
  const n = b.length;
  let cap = 1 << 20, rows = 0;
  let cust = new Int32Array(cap), from = new Int32Array(cap), to = new Int32Array(cap), num = new Float64Array(cap);
  const ids = new Map();
  const decoder = new TextDecoder();
  let i = b.indexOf(10) + 1; // skip the header
  const comma = new Int32Array(16);
  let minMonth = 1e9, maxMonth = -1e9;
  while (i < n) {
    let k = 0, j = i;
    while (j < n && b[j] !== 10) { if (b[j] === 44) comma[k++] = j; j++; }
    if (j === i) { i++; continue; }
    // fields: 0 id, 1 plan, 2 start, 3 end, 4 amount, 5 currency, 6 interval, 7 count, 8 quantity
    const interval = b[comma[5] + 1];
    const start = monthOf(b, comma[1] + 1);
    const hasEnd = comma[3] > comma[2] + 1;
    minMonth = Math.min(minMonth, start);
    maxMonth = Math.max(maxMonth, start);
    if (hasEnd) maxMonth = Math.max(maxMonth, monthOf(b, comma[2] + 1));
    if (interval !== 111) { // 'o'ne_time rows carry no MRR
      if (rows === cap) {
        cap *= 2;
        const grow = (a, T) => { const x = new T(cap); x.set(a); return x; };
        cust = grow(cust, Int32Array); from = grow(from, Int32Array); to = grow(to, Int32Array); num = grow(num, Float64Array);
      }
      const key = decoder.decode(b.subarray(i, comma[0]));
      let c = ids.get(key);
      if (c === undefined) { c = ids.size; ids.set(key, c); }
      cust[rows] = c;
      from[rows] = start;
      to[rows] = hasEnd ? monthOf(b, comma[2] + 1) : 1e9;
      const q = parseInt10(b, comma[7] + 1, comma[8]);
      // Monthly amount in cents x 12 (exact): month x12, year x1.
      num[rows] = cents(b, comma[3] + 1, comma[4]) * q * (interval === 109 ? 12 : 1);
      rows++;
    }
    i = j + 1;
  }
  const months = maxMonth - minMonth + 1;
  const customers = ids.size;
  // Group rows by customer (counting sort).
  const start = new Int32Array(customers + 1);
  for (let r = 0; r < rows; r++) start[cust[r] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const order = new Int32Array(rows), cursor = start.slice(0, customers);
  for (let r = 0; r < rows; r++) order[cursor[cust[r]]++] = r;

  const mrr = new Float64Array(months), paying = new Int32Array(months);
  const mv = { new: new Float64Array(months), reactivation: new Float64Array(months), expansion: new Float64Array(months),
    contraction: new Float64Array(months), churn: new Float64Array(months) };
  const count = { new: new Int32Array(months), reactivation: new Int32Array(months), expansion: new Int32Array(months),
    contraction: new Int32Array(months), churn: new Int32Array(months) };
  const cohorts = Array.from({ length: months }, (_, k) => new Int32Array(months - k));
  const diff = new Float64Array(months + 1), c = new Float64Array(months);
  for (let u = 0; u < customers; u++) {
    diff.fill(0);
    for (let p = start[u]; p < start[u + 1]; p++) {
      const r = order[p];
      const f = from[r] - minMonth, t = Math.min(to[r] - minMonth, months);
      if (f >= t) continue;
      diff[f] += num[r];
      diff[t] -= num[r];
    }
    let run = 0, first = -1;
    for (let m = 0; m < months; m++) {
      run += diff[m];
      c[m] = run === 0 ? 0 : roundHalfEven(run, 12);
      if (c[m] > 0 && first < 0) first = m;
    }
    if (first < 0) continue;
    for (let m = first; m < months; m++) {
      const cur = c[m], prev = m > 0 ? c[m - 1] : 0;
      mrr[m] += cur;
      if (cur > 0) { paying[m]++; cohorts[first][m - first]++; }
      if (prev === 0 && cur > 0) {
        const k = m === first ? 'new' : 'reactivation';
        mv[k][m] += cur;
        count[k][m]++;
      } else if (prev > 0 && cur === 0) { mv.churn[m] += prev; count.churn[m]++; }
      else if (cur > prev) { mv.expansion[m] += cur - prev; count.expansion[m]++; }
      else if (cur < prev) { mv.contraction[m] += prev - cur; count.contraction[m]++; }
    }
  }
  const out = [];
  for (let m = 0; m < months; m++) {
    const a = m > 0 ? mrr[m - 1] : 0, n0 = m > 0 ? paying[m - 1] : 0;
    out.push({
      mrr: mrr[m], paying: paying[m],
      new_n: count.new[m], new: mv.new[m], reactivation_n: count.reactivation[m], reactivation: mv.reactivation[m],
      expansion_n: count.expansion[m], expansion: mv.expansion[m],
      contraction_n: count.contraction[m], contraction: mv.contraction[m], churn_n: count.churn[m], churn: mv.churn[m],
      churn_rate: n0 ? count.churn[m] / n0 * 100 : null,
      nrr: a ? (a - mv.contraction[m] - mv.churn[m] + mv.expansion[m]) / a * 100 : null,
    });
  }
  return { from: monthName(minMonth), months: out, cohorts: cohorts.map((row) => Array.from(row)) };
}
