// SPDX-License-Identifier: MIT
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const sharedData = fileURLToPath(new URL('../data/shared/', import.meta.url));
export const nativeCli = `${root}build/native/csmetrics`;
export const nodeCli = `${root}bin/csmetrics.js`;

export const SUBS_HEADER =
  'customer_id,plan,start_date,end_date,amount,currency,interval,interval_count,quantity,churn_type\n';

/** Runs a CLI; returns {status, stdout, stderr} without throwing on a non-zero exit. */
export function run(cmd, args) {
  try {
    const stdout = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A deterministic PRNG for chunk sizes. */
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** shared/data/mrr_examples/raisekit_test_vector.csv as subscriptions: MRR 60/155/120. */
export const RAISEKIT = SUBS_HEADER +
  'KAKCo,Basic,2022-01-01,2022-02-01,40,USD,month,1,1,\n' +
  'KAKCo,Basic,2022-02-01,2022-03-01,75,USD,month,1,1,voluntary\n' +
  'Raisekit,Basic,2022-01-01,2022-02-01,20,USD,month,1,1,\n' +
  'Raisekit,Basic,2022-02-01,2022-03-01,80,USD,month,1,1,\n' +
  'Raisekit,Basic,2022-03-01,,120,USD,month,1,1,\n';
