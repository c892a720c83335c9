// SPDX-License-Identifier: MIT
// The engine in a Web Worker: files are read, parsed and computed here, so the page's
// main thread stays free. Started by createWorkerEngine() (worker-client.js); speaks
// {id, op, ...} requests and {id, type: 'progress' | 'result' | 'error'} answers.
// The package's one-file build (scripts/build.sh): one request before the .wasm, not three.
import { createEngine } from './csmetrics.min.js';

let engine = null;

// A turn of the worker's event loop, so that a 'cancel' message is seen between chunks
// (a Blob's chunks otherwise arrive as microtasks, back to back).
const channel = new MessageChannel();
const turns = [];
channel.port1.onmessage = () => turns.shift()?.();
const nextTurn = () => new Promise((resolve) => { turns.push(resolve); channel.port2.postMessage(null); });

function withTurns(source) {
  const stream = typeof source?.getReader === 'function' ? source : new Blob([source]).stream();
  const reader = stream.getReader();
  return new ReadableStream({
    async pull(controller) {
      await nextTurn();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
}
const running = new Map(); // request id -> AbortController of a load

function errorOf(e) {
  return {
    name: e?.name ?? 'Error', code: e?.code ?? 'internal', message: String(e?.message ?? e),
    table: e?.table ?? null, line: e?.line ?? null, column: e?.column ?? null,
  };
}

async function handle(msg) {
  switch (msg.op) {
    case 'init':
      engine = await createEngine(msg.options ?? {});
      return null;
    case 'load': {
      const controller = new AbortController();
      running.set(msg.id, controller);
      try {
        const options = { ...msg.options };
        if (options.sizeHint === undefined && msg.source?.size !== undefined) options.sizeHint = msg.source.size;
        if (options.source === undefined && msg.source?.name) options.source = msg.source.name;
        return await engine.load(msg.table, withTurns(msg.source), {
          ...options,
          signal: controller.signal,
          onProgress: (progress) => self.postMessage({ id: msg.id, type: 'progress', progress }),
        });
      } finally {
        running.delete(msg.id);
      }
    }
    case 'report': return engine.report(msg.options ?? {});
    case 'reportJson': return engine.reportJson(msg.options ?? {}, msg.indent ?? -1);
    case 'drillDown': return engine.drillDown(msg.options);
    case 'reset': return engine.reset();
    case 'columns': return engine.columns(msg.table);
    case 'sbg': return engine.sbg(msg.source, msg.options ?? {});
    case 'bgnbd': return engine.bgnbd(msg.source, msg.options ?? {});
    default: throw new Error(`unknown request ${msg.op}`);
  }
}

self.onmessage = async ({ data }) => {
  if (data.op === 'cancel') {
    running.get(data.target)?.abort();
    return;
  }
  try {
    self.postMessage({ id: data.id, type: 'result', result: await handle(data) });
  } catch (e) {
    self.postMessage({ id: data.id, type: 'error', error: errorOf(e) });
  }
};
