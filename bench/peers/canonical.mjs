// SPDX-License-Identifier: MIT
// The common shape every implementation's result is brought to before the harness
// compares them, number by number:
//   { from: 'YYYY-MM', months: [MONTH, ...], cohorts: [[customers at age 0, 1, ...], ...] }
// MONTH has the fields of MONTH_FIELDS: money in integer minor units (cents), counts as
// integers, the two rates as doubles (null when the denominator is 0). cohorts[k] is the
// cohort whose first paying month is the k-th month of the window, one entry per age
// 0 .. months-1-k (zeros for a month in which no customer started paying).
// Loaded by Node and, for the Chromium run, by bench/browser/bench.js.

export const MONTH_FIELDS = [
  'mrr', 'paying',
  'new_n', 'new', 'reactivation_n', 'reactivation', 'expansion_n', 'expansion',
  'contraction_n', 'contraction', 'churn_n', 'churn',
  'churn_rate', 'nrr',
];

export function monthName(index) {
  // months since 1970-01
  const y = Math.floor(index / 12) + 1970, m = index - (y - 1970) * 12 + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

// engine.report() / `csmetrics report` JSON -> the common shape.
export function fromReport(report) {
  const scale = 10 ** (report.meta?.minor_unit_exponent ?? 2);
  const minor = (x) => Math.round(x * scale);
  const keys = Object.keys(report.months);
  const n = keys.length;
  const months = keys.map((key) => {
    const { revenue: r, movements: mv, retention: rt } = report.months[key];
    return {
      mrr: minor(r.mrr), paying: r.paying_customers,
      new_n: mv.new.customers, new: minor(mv.new.amount),
      reactivation_n: mv.reactivation.customers, reactivation: minor(mv.reactivation.amount),
      expansion_n: mv.expansion.customers, expansion: minor(mv.expansion.amount),
      contraction_n: mv.contraction.customers, contraction: minor(mv.contraction.amount),
      churn_n: mv.churn.customers, churn: minor(mv.churn.amount),
      churn_rate: rt.customer_churn_rate, nrr: rt.nrr,
    };
  });
  const cohorts = keys.map((key, k) => {
    const row = new Array(n - k).fill(0);
    for (const a of report.cohorts?.[key]?.ages ?? []) row[a.age] = a.customers;
    return row;
  });
  return { from: keys[0], months, cohorts };
}

// The checksum the table has always carried: sum over months of MRR in cents + paying.
export function checksum(canon) {
  let sum = 0;
  for (const m of canon.months) sum += m.mrr + m.paying;
  return sum;
}

// Every number of `got` against `ref`; returns { count, first: [up to `limit` lines] }.
export function compare(ref, got, limit = 8) {
  const out = [];
  let count = 0;
  const differ = (what, a, b) => {
    count++;
    if (out.length < limit) out.push(`${what}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
  };
  if (!got || !Array.isArray(got.months) || !Array.isArray(got.cohorts)) {
    return { count: 1, first: ['no result in the common shape'] };
  }
  if (ref.from !== got.from) differ('first month', ref.from, got.from);
  if (ref.months.length !== got.months.length) differ('months', ref.months.length, got.months.length);
  const n = Math.min(ref.months.length, got.months.length);
  for (let i = 0; i < n; i++) {
    for (const f of MONTH_FIELDS) {
      const a = ref.months[i][f], b = got.months[i][f];
      // exact: integers are integers, and every rate is the same IEEE expression of them
      if (!Object.is(a, b) && !(a === 0 && b === 0)) differ(`${monthName0(ref.from, i)} ${f}`, a, b);
    }
  }
  if (ref.cohorts.length !== got.cohorts.length) differ('cohorts', ref.cohorts.length, got.cohorts.length);
  for (let k = 0; k < Math.min(ref.cohorts.length, got.cohorts.length); k++) {
    const a = ref.cohorts[k], b = got.cohorts[k];
    if (a.length !== b.length) differ(`cohort ${monthName0(ref.from, k)} ages`, a.length, b.length);
    for (let j = 0; j < Math.min(a.length, b.length); j++) {
      if (a[j] !== b[j]) differ(`cohort ${monthName0(ref.from, k)} age ${j}`, a[j], b[j]);
    }
  }
  return { count, first: out };
}

function monthName0(from, i) {
  const [y, m] = from.split('-').map(Number);
  return monthName((y - 1970) * 12 + m - 1 + i);
}
