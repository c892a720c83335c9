// SPDX-License-Identifier: MIT
// The worker engine's ready time in a page: from the import of the package's entry to
// createWorkerEngine() resolving (the worker started, its module graph and the .wasm
// fetched, compiled and instantiated inside it).
import { announce } from '/bench/browser/page-result.mjs';

const t0 = performance.now();
const { createWorkerEngine } = await import('/web/csmetrics.min.js');
const engine = await createWorkerEngine();
window.result = { ready_ms: performance.now() - t0 };
engine.dispose();
announce();
