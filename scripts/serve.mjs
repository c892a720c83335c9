// SPDX-License-Identifier: MIT
// A static file server for the demo and the browser tests: localhost only, no
// dependencies, a strict Content-Security-Policy on every page.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

// Nothing but this origin: no CDN, no beacon, no eval; wasm compiles under wasm-unsafe-eval.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

export function startServer({ root, port = 0, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { Location: path + '/' }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      const stat = statSync(file);
      const size = stat.size;
      const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
        return;
      }
      res.writeHead(200, {
        ETag: etag,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': size,
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({
      server,
      url: `http://${host}:${server.address().port}/`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../web/', import.meta.url));
  const port = Number(process.env.PORT ?? 8080);
  startServer({ root, port }).then(({ url }) => {
    console.log(`csmetrics demo: ${url}demo/  (serving ${root}; Ctrl-C to stop)`);
  }, (error) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`port ${port} is in use: PORT=8081 npm start`);
      process.exit(1);
    }
    throw error;
  });
}
