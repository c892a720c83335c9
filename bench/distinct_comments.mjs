// SPDX-License-Identifier: MIT
// `node bench/distinct_comments.mjs IN OUT [SEED]`: a copy of a generated responses.csv in
// which every comment differs, as in a real survey: each gets three words drawn from a
// short list and a number of up to six digits (an order or ticket number). The generator
// draws its comments from 59 phrases, which the engine splits into terms once each; this
// measures the feedback themes when every comment has to be split (bench/README.md).
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, seed = '3'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node bench/distinct_comments.mjs IN OUT [SEED]');
  process.exit(2);
}
const words = ['quick', 'slow', 'report', 'dashboard', 'billing', 'invoice', 'export', 'login', 'mobile', 'team',
  'price', 'feature', 'support', 'onboarding', 'api', 'sync', 'error', 'chart', 'search', 'filter'];
let state = Number(seed) >>> 0;
const random = () => { // mulberry32, as bench/generate.mjs
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = () => words[Math.floor(random() * words.length)];

// The generated layout: customer_id,date,survey,score,comment,touchpoint, one line per
// answer, the comment quoted when it holds a comma or a quote.
const lines = readFileSync(input, 'utf8').split('\n');
const out = [lines[0]];
for (const line of lines.slice(1)) {
  if (!line) continue;
  const head = line.split(',', 4).join(',');
  const rest = line.slice(head.length + 1);
  const quoted = rest.startsWith('"');
  const end = quoted ? rest.lastIndexOf('",') + 1 : rest.lastIndexOf(',');
  const comment = quoted ? rest.slice(1, end - 1).replaceAll('""', '"') : rest.slice(0, end);
  const touchpoint = rest.slice(end + 1);
  const text = comment ? `${comment} ${pick()} ${pick()} ${pick()} ${Math.floor(random() * 1e6)}` : '';
  const cell = /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  out.push(`${head},${cell},${touchpoint}`);
}
writeFileSync(output, `${out.join('\n')}\n`);
