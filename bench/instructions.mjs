// SPDX-License-Identifier: MIT
// node bench/instructions.mjs WEB_DIR DIR ROUNDS: ROUNDS x (new engine, load DIR's
// subscriptions.csv and responses.csv when there is one, report). Run by
// bench/instructions.sh under callgrind.
import { existsSync, readFileSync } from 'node:fs';
const [web, dir, rounds] = process.argv.slice(2);
const tables = ['subscriptions', 'responses'].filter((t) => existsSync(`${dir}/${t}.csv`))
  .map((t) => [t, readFileSync(`${dir}/${t}.csv`)]);
const { createEngine } = await import(`${web}/csmetrics.js`);
for (let i = 0; i < Number(rounds); i++) {
  const engine = await createEngine();
  for (const [table, bytes] of tables) await engine.load(table, bytes);
  await engine.report();
  engine.dispose();
}
