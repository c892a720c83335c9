// SPDX-License-Identifier: MIT
// node bench/instructions.mjs WEB_DIR FILE ROUNDS: ROUNDS x (new engine, load FILE, report).
// Run by bench/instructions.sh under callgrind.
import { readFileSync } from 'node:fs';
const [web, file, rounds] = process.argv.slice(2);
const bytes = readFileSync(file);
const { createEngine } = await import(`${web}/csmetrics.js`);
for (let i = 0; i < Number(rounds); i++) {
  const engine = await createEngine();
  await engine.load('subscriptions', bytes);
  await engine.report();
  engine.dispose();
}
