// SPDX-License-Identifier: MIT
// The dataframe peer: arquero parses the CSV text (fromCSV; numbers for amount and
// quantity, the rest as strings) and computes the metrics of ./handwritten.mjs with its
// verbs: derive month indices and integer cents x 12 per row, one +/- event per row at
// its first and past-last month in force, groupby/rollup per customer and month, a
// rolling sum per customer for its MRR at each change (rounded half to even), lag/lead
// for the previous value and the segment's end, then rollups per month and running sums
// over a dense month grid (join_left). Returns the common shape of ./canonical.mjs.
import * as aq from 'arquero';
import { monthName } from './canonical.mjs';

const { op } = aq;
const zero = (...names) => Object.fromEntries(names.map((n) => [n, () => 0]));

export async function createArqueroPeer() {
  let table = null;
  return {
    load(bytes) {
      table = aq.fromCSV(new TextDecoder().decode(bytes), {
        autoType: false, parse: { amount: Number, quantity: Number, interval_count: Number },
      });
      return table.numRows();
    },
    compute() {
      const s = table.derive({
        sm: (d) => (op.parse_int(op.substring(d.start_date, 0, 4)) - 1970) * 12
          + op.parse_int(op.substring(d.start_date, 5, 7)) - 1,
        em: (d) => (d.end_date == null ? null
          : (op.parse_int(op.substring(d.end_date, 0, 4)) - 1970) * 12 + op.parse_int(op.substring(d.end_date, 5, 7)) - 1),
      });
      const w = s.rollup({ m0: (d) => op.min(d.sm), a: (d) => op.max(d.sm), b: (d) => op.max(d.em) }).object();
      const m0 = w.m0, n = Math.max(w.a, w.b ?? w.a) - m0 + 1;
      const $ = { n };

      const r = s.params({ m0, n })
        .filter((d) => d.interval !== 'one_time')
        .derive({
          cid: (d) => d.customer_id,
          f: (d, $) => d.sm - $.m0,
          t: (d, $) => (d.em == null ? $.n : op.least(d.em - $.m0, $.n)),
          num: (d) => op.round(d.amount * 100) * d.quantity * (d.interval === 'month' ? 12 : 1),
        })
        .filter((d) => d.f < d.t);
      const ev = r.select({ cid: 'cid', f: 'm', num: 'd' })
        .concat(r.params($).filter((d, $) => d.t < $.n).derive({ m: (d) => d.t, d: (d) => -d.num }).select('cid', 'm', 'd'));

      const seg = ev.groupby('cid', 'm').rollup({ dd: (d) => op.sum(d.d) })
        .groupby('cid').orderby('m')
        .derive({ run: aq.rolling((d) => op.sum(d.dd)) })
        .derive({ q: (d) => op.floor(d.run / 12) })
        .derive({ c: (d) => d.q + (2 * (d.run - 12 * d.q) > 12 || (2 * (d.run - 12 * d.q) === 12 && d.q % 2 !== 0) ? 1 : 0) })
        .params($)
        .derive({
          prev: (d) => op.lag(d.c, 1, 0),
          e: (d, $) => op.lead(d.m, 1, $.n),
        })
        .derive({ fp: (d) => op.min(d.c > 0 ? d.m : 1e9) })
        .ungroup().unorder();

      const paid = seg.filter((d) => d.c > 0);
      const ended = paid.params($).filter((d, $) => d.e < $.n);
      const lvl = paid.select({ m: 'm', c: 'dm' }).derive({ dp: () => 1 })
        .concat(ended.derive({ m: (d) => d.e, dm: (d) => -d.c, dp: () => -1 }).select('m', 'dm', 'dp'))
        .groupby('m').rollup({ dm: (d) => op.sum(d.dm), dp: (d) => op.sum(d.dp) });
      const mv = seg.groupby('m').rollup({
        new_n: (d) => op.sum(d.prev === 0 && d.c > 0 && d.m === d.fp ? 1 : 0),
        new_a: (d) => op.sum(d.prev === 0 && d.c > 0 && d.m === d.fp ? d.c : 0),
        reactivation_n: (d) => op.sum(d.prev === 0 && d.c > 0 && d.m > d.fp ? 1 : 0),
        reactivation_a: (d) => op.sum(d.prev === 0 && d.c > 0 && d.m > d.fp ? d.c : 0),
        expansion_n: (d) => op.sum(d.prev > 0 && d.c > d.prev ? 1 : 0),
        expansion_a: (d) => op.sum(d.prev > 0 && d.c > d.prev ? d.c - d.prev : 0),
        contraction_n: (d) => op.sum(d.c > 0 && d.c < d.prev ? 1 : 0),
        contraction_a: (d) => op.sum(d.c > 0 && d.c < d.prev ? d.prev - d.c : 0),
        churn_n: (d) => op.sum(d.prev > 0 && d.c === 0 ? 1 : 0),
        churn_a: (d) => op.sum(d.prev > 0 && d.c === 0 ? d.prev : 0),
      });
      const cols = ['dm', 'dp', 'new_n', 'new_a', 'reactivation_n', 'reactivation_a', 'expansion_n', 'expansion_a',
        'contraction_n', 'contraction_a', 'churn_n', 'churn_a'];
      const tot = aq.table({ m: Array.from({ length: n }, (_, i) => i) })
        .join_left(lvl, 'm').join_left(mv, 'm')
        .impute(zero(...cols))
        .orderby('m')
        .derive({ mrr: aq.rolling((d) => op.sum(d.dm)), paying: aq.rolling((d) => op.sum(d.dp)) })
        .derive({ mrr_prev: (d) => op.lag(d.mrr, 1, 0), paying_prev: (d) => op.lag(d.paying, 1, 0) })
        .derive({
          churn_rate: (d) => (d.paying_prev === 0 ? null : d.churn_n / d.paying_prev * 100),
          nrr: (d) => (d.mrr_prev === 0 ? null
            : (d.mrr_prev - d.contraction_a - d.churn_a + d.expansion_a) / d.mrr_prev * 100),
        });
      const months = tot.objects().map((x) => ({
        mrr: x.mrr, paying: x.paying,
        new_n: x.new_n, new: x.new_a, reactivation_n: x.reactivation_n, reactivation: x.reactivation_a,
        expansion_n: x.expansion_n, expansion: x.expansion_a, contraction_n: x.contraction_n,
        contraction: x.contraction_a, churn_n: x.churn_n, churn: x.churn_a,
        churn_rate: x.churn_rate, nrr: x.nrr,
      }));

      // Logo cohorts: +1 at (fp, m - fp), -1 at (fp, e - fp), running sums along the ages.
      const deltas = paid.derive({ k: (d) => d.fp, a: (d) => d.m - d.fp, x: () => 1 }).select('k', 'a', 'x')
        .concat(ended.derive({ k: (d) => d.fp, a: (d) => d.e - d.fp, x: () => -1 }).select('k', 'a', 'x'))
        .groupby('k', 'a').rollup({ x: (d) => op.sum(d.x) });
      const gk = [], ga = [];
      for (let k = 0; k < n; k++) for (let a = 0; a < n - k; a++) { gk.push(k); ga.push(a); }
      const ct = aq.table({ k: gk, a: ga }).join_left(deltas, [['k', 'a'], ['k', 'a']]).impute(zero('x'))
        .groupby('k').orderby('a').derive({ customers: aq.rolling((d) => op.sum(d.x)) }).ungroup();
      const cohorts = Array.from({ length: n }, (_, k) => new Array(n - k).fill(0));
      const K = ct.array('k'), A = ct.array('a'), C = ct.array('customers');
      for (let i = 0; i < K.length; i++) cohorts[K[i]][A[i]] = C[i];
      return { from: monthName(m0), months, cohorts };
    },
    reset() {
      table = null;
    },
    close() {},
  };
}
