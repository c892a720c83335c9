// SPDX-License-Identifier: MIT
// The package's entry (package.json "exports"), as `import 'csmetrics'` gets it: the
// minified one-file build that scripts/build.sh makes from web/csmetrics.js. It must be
// that build, export what the sources export, and give the sources' report byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as source from '../../web/csmetrics.js';
import { root } from './helpers.js';

const sample = `${root}web/demo/sample/`;

test("'csmetrics' resolves to the one-file build, with the sources' exports", async () => {
  assert.equal(import.meta.resolve('csmetrics'), new URL('web/csmetrics.min.js', `file://${root}`).href);
  const entry = await import('csmetrics');
  assert.notEqual(entry.createEngine, source.createEngine, 'the build, not the source module');
  assert.deepEqual(Object.keys(entry).sort(), Object.keys(source).sort());
  assert.deepEqual(entry.TABLES, source.TABLES);
  const text = readFileSync(`${root}web/csmetrics.min.js`, 'utf8');
  assert.doesNotMatch(text, /\bimport\s*\(|from\s*["']/, 'one module: no import of another file');
});

test("the build's report on the demo's tables is the sources' report, errors too", async () => {
  const entry = await import('csmetrics');
  const reportOf = async (api) => {
    const engine = await api.createEngine();
    for (const file of readdirSync(sample).sort()) {
      await engine.load(file.replace(/\.csv$/, ''), readFileSync(sample + file));
    }
    const text = JSON.stringify(await engine.report({ segmentBy: 'plan' }));
    const error = await engine.load('subscriptions', 'customer_id\nx\n').catch((e) => e);
    engine.dispose();
    return { text, error };
  };
  const built = await reportOf(entry);
  const reference = await reportOf(source);
  assert.ok(built.text.length > 10000);
  assert.equal(built.text, reference.text);
  assert.ok(built.error instanceof entry.CsMetricsError);
  assert.deepEqual({ ...built.error, message: built.error.message }, { ...reference.error, message: reference.error.message });
});

test('an older Node than the package needs gets a message that says so', async () => {
  const script = "process.getBuiltinModule = undefined; const { createEngine } = await import('csmetrics');" +
    'await createEngine().then(() => console.log("created"), (e) => console.log(e.message));';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(out.trim(), `csmetrics needs Node.js 20.16 or later (this is ${process.version})`);
});
