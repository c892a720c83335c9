// SPDX-License-Identifier: MIT
// The demo's static server: every page under the strict CSP, and a repeat visit
// revalidated by ETag (304, no body), which is what lets Chromium reuse its compiled
// code for the glue and the .wasm instead of compiling them again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, CSP } from '../../scripts/serve.mjs';

let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csm-serve-'));
  writeFileSync(join(dir, 'a.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  server = await startServer({ root: dir });
});

after(async () => {
  await server?.close();
});

test('a file is served with its type, the CSP and an ETag', async () => {
  const response = await fetch(`${server.url}a.wasm`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm');
  assert.equal(response.headers.get('content-security-policy'), CSP);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.match(response.headers.get('etag'), /^"[0-9a-f]+-[0-9a-f]+"$/);
  assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [0, 0x61, 0x73, 0x6d]);
});

test('a matching If-None-Match is answered 304 without a body; a changed file is sent again', async () => {
  const etag = (await fetch(`${server.url}a.wasm`)).headers.get('etag');
  const again = await fetch(`${server.url}a.wasm`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await again.arrayBuffer()).byteLength, 0);

  writeFileSync(join(dir, 'a.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1]));
  utimesSync(join(dir, 'a.wasm'), new Date(), new Date(Date.now() + 5000));
  const changed = await fetch(`${server.url}a.wasm`, { headers: { 'If-None-Match': etag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
  assert.equal((await changed.arrayBuffer()).byteLength, 5);
});

test('paths outside the root are refused and missing files are 404', async () => {
  assert.equal((await fetch(`${server.url}nothing.js`)).status, 404);
  assert.equal((await fetch(`${server.url}..%2F..%2Fetc%2Fpasswd`)).status, 403);
});
