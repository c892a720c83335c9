// SPDX-License-Identifier: MIT
// The SQL peer: @duckdb/duckdb-wasm (the blocking Node bundle, the same wasm builds the
// browser gets) loads the CSV from an in-memory file (registerFileBuffer + read_csv into
// a table) and computes the metrics of ./handwritten.mjs in SQL: integer cents x 12 per
// row, a +/- event per row at its first and past-last month in force, a running sum per
// customer gives the customer's MRR at each change (rounded half to even, in SQL), LAG
// gives the previous value for the movements, and month totals are running sums of
// per-segment deltas over a dense month grid. Rates are the same IEEE double expressions
// of the integers as in csmetrics. Returns the common shape of ./canonical.mjs.
import { createRequire } from 'node:module';
import { monthName } from './canonical.mjs';

const require = createRequire(import.meta.url);

const COLUMNS = `{'customer_id': 'VARCHAR', 'plan': 'VARCHAR', 'start_date': 'DATE', 'end_date': 'DATE',
  'amount': 'DECIMAL(18,6)', 'currency': 'VARCHAR', 'interval': 'VARCHAR', 'interval_count': 'INTEGER',
  'quantity': 'INTEGER', 'churn_type': 'VARCHAR', 'region': 'VARCHAR', 'contract': 'VARCHAR'}`;

const MONTH = (d) => `((year(${d}) - 1970) * 12 + month(${d}) - 1)`;

// Window: first start month of any row to the latest month of any date (as csmetrics).
// Its two numbers go into the statements below as literals (a cross join with a one-row
// table would turn the filters into nested-loop joins).
const WINDOW_SQL = `
SELECT min(sm)::INTEGER AS m0, (greatest(max(sm), coalesce(max(em), max(sm))) - min(sm) + 1)::INTEGER AS n
FROM (SELECT ${MONTH('start_date')} AS sm, ${MONTH('end_date')} AS em FROM subs)`;

// One row per customer and month in which its MRR may change: c from that month until
// the next change (e), the value before (prev), the customer's first paying month (fp).
const SEGMENTS_SQL = (m0, n) => `
CREATE OR REPLACE TEMP TABLE seg AS
WITH r AS (
  SELECT customer_id AS cid,
         ${MONTH('start_date')} - ${m0} AS f,
         least(coalesce(${MONTH('end_date')} - ${m0}, ${n}), ${n}) AS t,
         CAST(amount * 100 AS BIGINT) * quantity * CASE interval WHEN 'month' THEN 12 ELSE 1 END AS num
  FROM subs
  WHERE interval <> 'one_time'),
ev AS (
  SELECT cid, f AS m, num AS d FROM r WHERE f < t
  UNION ALL
  SELECT cid, t AS m, -num AS d FROM r WHERE f < t AND t < ${n}),
steps AS (SELECT cid, m, sum(d)::BIGINT AS dd FROM ev GROUP BY cid, m),
runs AS (SELECT cid, m, (sum(dd) OVER (PARTITION BY cid ORDER BY m))::BIGINT AS run FROM steps),
vals AS (
  SELECT cid, m,
         run // 12 + CASE WHEN 2 * (run % 12) > 12 OR (2 * (run % 12) = 12 AND (run // 12) % 2 = 1)
                          THEN 1 ELSE 0 END AS c
  FROM runs)
SELECT cid, m, c,
       lag(c, 1, 0) OVER cw AS prev,
       lead(m, 1, ${n}) OVER cw AS e,
       min(CASE WHEN c > 0 THEN m END) OVER (PARTITION BY cid) AS fp
FROM vals
WINDOW cw AS (PARTITION BY cid ORDER BY m)`;

const MONTHS_SQL = (n) => `
WITH d AS (
  SELECT m, c AS dm, 1 AS dp FROM seg WHERE c > 0
  UNION ALL
  SELECT e AS m, -c AS dm, -1 AS dp FROM seg WHERE c > 0 AND e < ${n}),
lvl AS (SELECT m, sum(dm) AS dm, sum(dp) AS dp FROM d GROUP BY m),
mv AS (
  SELECT m,
    count(*) FILTER (WHERE prev = 0 AND c > 0 AND m = fp) AS new_n,
    sum(c) FILTER (WHERE prev = 0 AND c > 0 AND m = fp) AS new_a,
    count(*) FILTER (WHERE prev = 0 AND c > 0 AND m > fp) AS reactivation_n,
    sum(c) FILTER (WHERE prev = 0 AND c > 0 AND m > fp) AS reactivation_a,
    count(*) FILTER (WHERE prev > 0 AND c > prev) AS expansion_n,
    sum(c - prev) FILTER (WHERE prev > 0 AND c > prev) AS expansion_a,
    count(*) FILTER (WHERE c > 0 AND c < prev) AS contraction_n,
    sum(prev - c) FILTER (WHERE c > 0 AND c < prev) AS contraction_a,
    count(*) FILTER (WHERE prev > 0 AND c = 0) AS churn_n,
    sum(prev) FILTER (WHERE prev > 0 AND c = 0) AS churn_a
  FROM seg GROUP BY m),
g AS (SELECT range::INTEGER AS m FROM range(${n})),
tot AS (
  SELECT g.m,
    (sum(coalesce(lvl.dm, 0)) OVER (ORDER BY g.m))::BIGINT AS mrr,
    (sum(coalesce(lvl.dp, 0)) OVER (ORDER BY g.m))::BIGINT AS paying,
    coalesce(new_n, 0)::BIGINT AS new_n, coalesce(new_a, 0)::BIGINT AS new_a,
    coalesce(reactivation_n, 0)::BIGINT AS reactivation_n, coalesce(reactivation_a, 0)::BIGINT AS reactivation_a,
    coalesce(expansion_n, 0)::BIGINT AS expansion_n, coalesce(expansion_a, 0)::BIGINT AS expansion_a,
    coalesce(contraction_n, 0)::BIGINT AS contraction_n, coalesce(contraction_a, 0)::BIGINT AS contraction_a,
    coalesce(churn_n, 0)::BIGINT AS churn_n, coalesce(churn_a, 0)::BIGINT AS churn_a
  FROM g LEFT JOIN lvl ON lvl.m = g.m LEFT JOIN mv ON mv.m = g.m),
prv AS (
  SELECT *, coalesce(lag(mrr) OVER (ORDER BY m), 0) AS mrr_prev,
            coalesce(lag(paying) OVER (ORDER BY m), 0) AS paying_prev
  FROM tot)
SELECT m, mrr, paying, new_n, new_a, reactivation_n, reactivation_a, expansion_n, expansion_a,
  contraction_n, contraction_a, churn_n, churn_a,
  CASE WHEN paying_prev = 0 THEN NULL ELSE churn_n::DOUBLE / paying_prev::DOUBLE * 100 END AS churn_rate,
  CASE WHEN mrr_prev = 0 THEN NULL
       ELSE (mrr_prev - contraction_a - churn_a + expansion_a)::DOUBLE / mrr_prev::DOUBLE * 100 END AS nrr
FROM prv ORDER BY m`;

// Logo cohorts: +1 at (fp, m - fp) and -1 at (fp, e - fp) per paying segment, summed
// along the ages of a dense (cohort, age) grid.
const COHORTS_SQL = (n) => `
WITH d AS (
  SELECT fp AS k, m - fp AS a, 1 AS x FROM seg WHERE c > 0
  UNION ALL
  SELECT fp AS k, e - fp AS a, -1 AS x FROM seg WHERE c > 0 AND e < ${n}),
agg AS (SELECT k, a, sum(x) AS x FROM d GROUP BY k, a),
g AS (SELECT k.range::INTEGER AS k, a.range::INTEGER AS a FROM range(${n}) k, range(${n} - k.range) a)
SELECT g.k, g.a, (sum(coalesce(agg.x, 0)) OVER (PARTITION BY g.k ORDER BY g.a))::INTEGER AS customers
FROM g LEFT JOIN agg ON agg.k = g.k AND agg.a = g.a
ORDER BY g.k, g.a`;

export async function createDuckdbPeer() {
  const duckdb = require('@duckdb/duckdb-wasm/blocking');
  const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
  const bundles = {
    mvp: { mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: `${dist}duckdb-node-mvp.worker.cjs` },
    eh: { mainModule: `${dist}duckdb-eh.wasm`, mainWorker: `${dist}duckdb-node-eh.worker.cjs` },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  // DuckDB's advice for bulk work: results are ordered by ORDER BY only anyway.
  conn.query('SET preserve_insertion_order = false');
  return {
    load(bytes) {
      db.registerFileBuffer('subscriptions.csv', bytes);
      conn.query(`CREATE OR REPLACE TABLE subs AS
        SELECT * FROM read_csv('subscriptions.csv', header = true, auto_detect = false, columns = ${COLUMNS})`);
      db.dropFile('subscriptions.csv');
      return Number(conn.query('SELECT count(*)::INTEGER AS n FROM subs').get(0).n);
    },
    compute() {
      const win = conn.query(WINDOW_SQL).get(0);
      const m0 = Number(win.m0), n = Number(win.n);
      conn.query(SEGMENTS_SQL(m0, n));
      const rows = conn.query(MONTHS_SQL(n)).toArray();
      const months = rows.map((r) => ({
        mrr: Number(r.mrr), paying: Number(r.paying),
        new_n: Number(r.new_n), new: Number(r.new_a),
        reactivation_n: Number(r.reactivation_n), reactivation: Number(r.reactivation_a),
        expansion_n: Number(r.expansion_n), expansion: Number(r.expansion_a),
        contraction_n: Number(r.contraction_n), contraction: Number(r.contraction_a),
        churn_n: Number(r.churn_n), churn: Number(r.churn_a),
        churn_rate: r.churn_rate ?? null, nrr: r.nrr ?? null,
      }));
      const cohorts = Array.from({ length: n }, (_, k) => new Array(n - k).fill(0));
      const ck = conn.query(COHORTS_SQL(n));
      const k = ck.getChild('k').toArray(), a = ck.getChild('a').toArray(), c = ck.getChild('customers').toArray();
      for (let i = 0; i < k.length; i++) cohorts[k[i]][a[i]] = c[i];
      return { from: monthName(m0), months, cohorts };
    },
    reset() {
      conn.query('DROP TABLE IF EXISTS seg; DROP TABLE IF EXISTS subs');
    },
    close() {
      conn.close();
      db.reset?.();
    },
  };
}
