// SPDX-License-Identifier: MIT
// Where the engine's ready time goes in a page: from the import of the package's entry to the
// first engine, split at the moment the .wasm response starts streaming (everything
// before it is requests and module evaluation) and the streaming compile + instantiate.
import { announce } from '/bench/browser/page-result.mjs';

const out = {};
const t0 = performance.now();
const instantiate = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (...args) => {
  out.wasm_response_ms = performance.now() - t0;
  const result = await instantiate(...args);
  out.instantiate_ms = performance.now() - t0 - out.wasm_response_ms;
  return result;
};
const { createEngine } = await import('/web/csmetrics.min.js'); // the package's entry
out.import_ms = performance.now() - t0;
(await createEngine()).dispose();
out.ready_ms = performance.now() - t0;
out.requests = performance.getEntriesByType('resource')
  .filter((r) => r.name.includes('/web/'))
  .map((r) => ({ file: r.name.split('/').pop(), start_ms: r.startTime - t0, end_ms: r.responseEnd - t0 }));
window.result = out;
announce();
