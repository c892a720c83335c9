// SPDX-License-Identifier: MIT
// createWorkerEngine(): the engine's API, run in a Web Worker. Loading a 1 GB file or
// computing a million rows never blocks the page; load() reports progress and can be
// cancelled with an AbortSignal.
import { CsMetricsError } from './csmetrics-error.js';
import { unbundledUrl } from './csmetrics.js';

class WorkerEngine {
  #worker;
  #next = 1;
  #pending = new Map();

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = ({ data }) => {
      const job = this.#pending.get(data.id);
      if (!job) return;
      if (data.type === 'progress') {
        job.onProgress?.(data.progress);
        return;
      }
      this.#pending.delete(data.id);
      if (data.type === 'result') job.resolve(data.result);
      else job.reject(data.error.name === 'CsMetricsError' ? new CsMetricsError(data.error) : Object.assign(new Error(data.error.message), data.error));
    };
    worker.onerror = (event) => {
      const error = new CsMetricsError({ code: 'internal', message: `the engine's worker failed: ${event.message ?? 'unknown error'}` });
      for (const job of this.#pending.values()) job.reject(error);
      this.#pending.clear();
    };
  }

  #call(message, { onProgress, signal, transfer = [] } = {}) {
    if (!this.#worker) return Promise.reject(new CsMetricsError({ code: 'invalid_state', message: 'the engine was disposed' }));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      if (signal) {
        if (signal.aborted) this.#worker.postMessage({ op: 'cancel', target: id });
        else signal.addEventListener('abort', () => this.#worker?.postMessage({ op: 'cancel', target: id }), { once: true });
      }
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  init(options) { return this.#call({ op: 'init', options }); }

  /** Same as Engine.load; a ReadableStream source is transferred, a File or Blob passed by handle. */
  load(table, source, options = {}) {
    const { onProgress, signal, ...rest } = options;
    if (typeof File !== 'undefined' && source instanceof File && rest.source === undefined) rest.source = source.name;
    const transfer = source && typeof source.getReader === 'function' ? [source] : [];
    return this.#call({ op: 'load', table, source, options: rest }, { onProgress, signal, transfer });
  }

  report(options = {}) { return this.#call({ op: 'report', options }); }
  reportJson(options = {}, indent = -1) { return this.#call({ op: 'reportJson', options, indent }); }
  drillDown(options) { return this.#call({ op: 'drillDown', options }); }
  reset() { return this.#call({ op: 'reset' }); }
  columns(table) { return this.#call({ op: 'columns', table }); }
  sbg(source, options = {}) { return this.#call({ op: 'sbg', source, options }); }
  bgnbd(source, options = {}) { return this.#call({ op: 'bgnbd', source, options }); }

  /** Stops the worker and frees its memory. */
  dispose() {
    this.#worker?.terminate();
    this.#worker = null;
    for (const job of this.#pending.values()) job.reject(new CsMetricsError({ code: 'invalid_state', message: 'the engine was disposed' }));
    this.#pending.clear();
  }
}

/**
 * Starts the engine in a module Web Worker and resolves when it is ready. Options:
 * wasmUrl (where csmetrics-core.wasm is served), workerUrl (where worker.js is served).
 */
export async function createWorkerEngine(options = {}) {
  const { workerUrl, ...engineOptions } = options;
  // The literal `new Worker(new URL(..., import.meta.url))` lets Vite and webpack find,
  // bundle and emit the worker; only Vite's dev pre-bundling needs the mapped URL.
  const preBundled = import.meta.url.includes('/node_modules/.vite/deps/');
  let worker;
  if (workerUrl) worker = new Worker(workerUrl, { type: 'module', name: 'csmetrics' });
  else if (preBundled) worker = new Worker(unbundledUrl(new URL(import.meta.url)).href.replace(/[^/]*$/, 'worker.js'), { type: 'module', name: 'csmetrics' });
  else worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'csmetrics' });
  const engine = new WorkerEngine(worker);
  if (engineOptions.wasmUrl) engineOptions.wasmUrl = String(engineOptions.wasmUrl);
  await engine.init(engineOptions);
  return engine;
}
