// SPDX-License-Identifier: MIT
// csmetrics: customer-success metrics computed in the page. This module is the whole
// public JS API: createEngine() -> engine.load(table, source) -> engine.report().
import createCsMetricsCore from './wasm/csmetrics-core.mjs';

import { CsMetricsError } from './csmetrics-error.js';

export { CsMetricsError };
export { createWorkerEngine } from './worker-client.js';

export const TABLES = Object.freeze([
  'subscriptions', 'customers', 'responses', 'tickets', 'costs', 'onboarding',
  'transactions', 'exchange_rates',
]);

const CHUNK_BYTES = 1 << 20;
const coreCache = new Map();

const isNode = typeof process !== 'undefined' && !!process.versions?.node &&
  typeof window === 'undefined';

function nodeWasmBytes() {
  // Not an import(): bundlers would try to resolve it for the browser, and the magic
  // comments that stop them do not survive minification (the package ships minified).
  if (typeof process.getBuiltinModule !== 'function') {
    throw new Error(`csmetrics needs Node.js 20.16 or later (this is ${process.version})`);
  }
  const { readFile } = process.getBuiltinModule('node:fs/promises');
  return readFile(new URL('./wasm/csmetrics-core.wasm', import.meta.url));
}

/**
 * Vite's dev server pre-bundles dependencies into /node_modules/.vite/deps/, away from
 * their other files, so a URL relative to this module points nowhere there; it still
 * serves the package's own files, which this maps the URL back to.
 */
export function unbundledUrl(url) {
  const match = url.pathname.match(/^(.*)\/node_modules\/\.vite\/deps\/(.*)$/);
  return match ? new URL(`${match[1]}/node_modules/csmetrics/web/${match[2]}`, url) : url;
}

function loadCore(options) {
  const key = options.wasmBinary ? options.wasmBinary : (options.wasmUrl ?? 'default');
  if (!coreCache.has(key)) {
    const promise = (async () => {
      const moduleArgs = {};
      if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
      else if (!options.wasmUrl && isNode) moduleArgs.wasmBinary = await nodeWasmBytes();
      else {
        // The literal URL lets bundlers (Vite, webpack 5) find and emit the .wasm file.
        const url = options.wasmUrl ?? unbundledUrl(new URL('./wasm/csmetrics-core.wasm', import.meta.url)).href;
        moduleArgs.locateFile = () => String(url);
      }
      return createCsMetricsCore(moduleArgs);
    })();
    promise.catch(() => coreCache.delete(key));
    coreCache.set(key, promise);
  }
  return coreCache.get(key);
}

// The core answers JSON text: a result, or {"error": {code, message, table, line, column}}.
function check(result) {
  if (!result) return null;
  const parsed = JSON.parse(result);
  if (parsed && parsed.error) throw new CsMetricsError(parsed.error);
  return parsed;
}

function isReadableStream(x) {
  return x && typeof x.getReader === 'function';
}

// Yields Uint8Array pieces of any source without building one big string or buffer.
async function* chunksOf(source) {
  if (typeof source === 'string') {
    const encoder = new TextEncoder();
    const step = CHUNK_BYTES / 4;
    let i = 0;
    while (i < source.length) {
      let end = Math.min(i + step, source.length);
      const last = source.charCodeAt(end - 1);
      if (end < source.length && last >= 0xd800 && last <= 0xdbff) end += 1; // keep pairs whole
      yield encoder.encode(source.slice(i, end));
      i = end;
    }
  } else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source)
      : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
  } else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    yield* chunksOf(source.stream());
  } else if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield* chunksOf(value);
      }
    } finally {
      reader.releaseLock();
    }
  } else if (source && typeof source[Symbol.asyncIterator] === 'function') {
    for await (const value of source) yield* chunksOf(value);
  } else {
    throw new CsMetricsError({
      code: 'invalid_option',
      message: 'source must be a string, ArrayBuffer, Uint8Array, Blob, File or ReadableStream',
    });
  }
}

// The model commands take one whole text: survivor tables and RFM summaries are small, and
// the CDNOW master file is 1.8 MB. Plain objects become the CSV the engine reads.
async function modelText(kind, source) {
  if (kind === 'sbg' && source && typeof source === 'object' && source.columns && !ArrayBuffer.isView(source)) {
    const names = Object.keys(source.columns);
    const length = Math.max(0, ...names.map((n) => source.columns[n].length));
    const rows = [['period', ...names.map(csvCell)].join(',')];
    for (let t = 0; t < length; t++) rows.push([t, ...names.map((n) => source.columns[n][t] ?? '')].join(','));
    return rows.join('\n');
  }
  if (kind === 'bgnbd' && Array.isArray(source)) {
    const spend = source.some((c) => c.zbar !== undefined);
    const rows = [spend ? 'ID,x,t_x,T,zbar' : 'ID,x,t_x,T'];
    for (const c of source) rows.push([csvCell(String(c.id)), c.x, c.t_x, c.T, ...(spend ? [c.zbar ?? 0] : [])].join(','));
    return rows.join('\n');
  }
  if (typeof source === 'string') return source;
  const parts = [];
  for await (const piece of chunksOf(source)) parts.push(piece.slice());
  return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
}

function csvCell(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function sizeOf(source) {
  if (typeof source === 'string') return source.length;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return 0;
}

function fileName(source) {
  if (typeof File !== 'undefined' && source instanceof File && source.name) return source.name;
  return undefined;
}

class Engine {
  #core;
  #engine;
  #busy = Promise.resolve();

  constructor(core) {
    this.#core = core;
    this.#engine = new core.Engine();
  }

  /** Loads one table of DATA.md, replacing any earlier load of it. */
  load(table, source, options = {}) {
    return this.#serial(() => this.#load(table, source, options));
  }

  /** The report of REPORT.md as plain objects. */
  report(options = {}) {
    return this.#serial(async () => check(this.#live().report(JSON.stringify(options), -1)));
  }

  /** The report as JSON text, byte for byte what `csmetrics report` prints. */
  reportJson(options = {}, indent = -1) {
    return this.#serial(async () => {
      const text = this.#live().report(JSON.stringify(options), indent);
      check(text.startsWith('{"error"') ? text : '');
      return text;
    });
  }

  /**
   * The customers behind one figure: `{ month: '2024-03', movement: 'churn', segmentBy?,
   * segment?, ...report options }`, each with its c(m-1), c(m) and part of the amount.
   */
  drillDown(options) {
    return this.#serial(async () => check(this.#live().drillDown(JSON.stringify(options ?? {}), -1)));
  }

  /** drillDown as JSON text, byte for byte what `csmetrics drill` prints. */
  drillDownJson(options, indent = -1) {
    return this.#serial(async () => {
      const text = this.#live().drillDown(JSON.stringify(options ?? {}), indent);
      check(text.startsWith('{"error"') ? text : '');
      return text;
    });
  }

  /**
   * Fits the shifted-beta-geometric model (Fader and Hardie 2007) to survivor counts: a
   * `period,<column>...` CSV (string, bytes, Blob) or `{ columns: { name: [n0, n1, ...] } }`.
   * Options: fitPeriods, discount (per period), horizon. Same JSON as `csmetrics sbg`.
   */
  sbg(source, options = {}) {
    return this.#serial(async () => check(await this.#model('sbg', source, options, -1)));
  }

  /** sbg as JSON text, byte for byte what `csmetrics sbg` prints. */
  sbgJson(source, options = {}, indent = -1) {
    return this.#serial(() => this.#model('sbg', source, options, indent, true));
  }

  /**
   * Fits BG/NBD and Gamma-Gamma (Fader, Hardie and Lee 2005) to purchases: a transactions
   * table (`customer_id,date,amount`), a CDNOW purchase file, an RFM summary CSV
   * (`ID,x,t_x,T[,zbar]` or `ID,frequency,recency,T`) or an array of `{ id, x, t_x, T, zbar? }`.
   * Options: calibrationEnd, holdoutEnd, horizonWeeks, clvMonths, discount (annual), margin.
   */
  bgnbd(source, options = {}) {
    return this.#serial(async () => check(await this.#model('bgnbd', source, options, -1)));
  }

  /** bgnbd as JSON text, byte for byte what `csmetrics bgnbd` prints. */
  bgnbdJson(source, options = {}, indent = -1) {
    return this.#serial(() => this.#model('bgnbd', source, options, indent, true));
  }

  /** The canonical columns of a table of DATA.md, with whether each is required. */
  columns(table) {
    return this.#serial(async () => check(this.#live().columns(String(table))));
  }

  /** Bytes of the wasm heap in use now (allocated and not freed), shared by the module's engines. */
  wasmHeapInUse() {
    return this.#core.heapInUse();
  }

  /** Bytes of wasm memory reserved now; it never shrinks, so this is the peak so far. */
  wasmMemoryBytes() {
    return this.#core.HEAPU8.buffer.byteLength;
  }

  /** Forgets every loaded table. */
  reset() {
    return this.#serial(async () => this.#live().reset());
  }

  /** Frees the engine's wasm memory now rather than when the page goes away. */
  dispose() {
    if (this.#engine) {
      this.#engine.delete();
      this.#engine = null;
    }
  }

  #live() {
    if (!this.#engine) {
      throw new CsMetricsError({ code: 'invalid_state', message: 'the engine was disposed' });
    }
    return this.#engine;
  }

  // One load or report at a time: calls queue rather than interleave their chunks.
  #serial(task) {
    const run = this.#busy.then(task, task);
    this.#busy = run.catch(() => {});
    return run;
  }

  async #model(kind, source, options, indent, raw = false) {
    const { source: name, ...rest } = options ?? {};
    const text = await modelText(kind, source);
    const out = this.#live()[kind](text, String(name ?? fileName(source) ?? kind), JSON.stringify(rest), indent);
    if (raw) check(out.startsWith('{"error"') ? out : '');
    return out;
  }

  async #load(table, source, options) {
    const { onProgress, signal, ...rest } = options;
    const engine = this.#live();
    const loadOptions = { ...rest };
    if (loadOptions.source === undefined) {
      const name = fileName(source);
      if (name) loadOptions.source = name;
    }
    if (loadOptions.sizeHint === undefined) loadOptions.sizeHint = sizeOf(source);
    check(engine.beginLoad(String(table), JSON.stringify(loadOptions)));
    const core = this.#core;
    let ptr = 0;
    let fill = 0;
    let bytes = 0;
    const feed = () => {
      check(engine.feed(ptr, fill));
      bytes += fill;
      fill = 0;
      onProgress?.({ phase: 'load', table, bytes, rows: engine.loadingRows() });
    };
    try {
      ptr = core._malloc(CHUNK_BYTES);
      if (!ptr) throw new CsMetricsError({ code: 'limit', message: 'out of memory' });
      // The engine is fed whole CHUNK_BYTES pieces, however the source cuts its bytes (a
      // Blob's stream in Chromium: 64 KiB to 2 MiB, differently from one read to the next),
      // so that a file's load allocates the same way each time and from any source: the
      // heap's peak is the same in a browser as under Node (bench/README.md, stop 19).
      for await (const piece of chunksOf(source)) {
        if (signal?.aborted) {
          throw new CsMetricsError({ code: 'aborted', message: 'the load was cancelled' });
        }
        for (let at = 0; at < piece.length;) {
          const n = Math.min(piece.length - at, CHUNK_BYTES - fill);
          core.HEAPU8.set(piece.subarray(at, at + n), ptr + fill); // re-read: memory growth replaces it
          fill += n;
          at += n;
          if (fill === CHUNK_BYTES) feed();
        }
      }
      if (fill > 0) feed();
      const summary = check(engine.finishLoad());
      onProgress?.({ phase: 'done', table, bytes, rows: summary.rows });
      return summary;
    } catch (error) {
      engine.abortLoad();
      throw error;
    } finally {
      if (ptr) core._free(ptr);
    }
  }
}

/**
 * Loads the WebAssembly engine (once per wasm location) and returns a new engine.
 * Options: wasmUrl (where csmetrics-core.wasm is served) or wasmBinary (its bytes).
 */
export async function createEngine(options = {}) {
  const core = await loadCore(options);
  return new Engine(core);
}

export const engineVersion = '0.1.0';
