// Serves the browser example (docs/examples/browser/) with the packages' built ES
// modules, so the page loads SmolML as native ES modules through an import map: no
// bundler. Run `node dist/browser/serve.js` and open the printed address.
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

const EXAMPLES = join(__dirname, '..', '..');
const PAGE_DIR = join(EXAMPLES, 'browser');
const PACKAGES_DIR = join(EXAMPLES, '..', '..', 'packages');
const PACKAGES = new Set(['core', 'activations', 'initializers', 'losses', 'optimizers', 'memory']);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Maps a URL path to a file, or null. Only the page's files and each package's dist/index.mjs(.map). */
function resolve(path: string): string | null {
  if (path === '/' || path === '/index.html') return join(PAGE_DIR, 'index.html');
  if (path === '/spiral.js') return join(PAGE_DIR, 'spiral.js');
  const m = /^\/smolml\/([a-z]+)\/(index\.mjs(?:\.map)?)$/.exec(path);
  if (m && PACKAGES.has(m[1])) return join(PACKAGES_DIR, m[1], 'dist', m[2]);
  return null;
}

/** A running server and its address; `close()` stops it. */
export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (`port` 0 picks a free one). */
export async function startServer(port = 0): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = resolve(path);
    if (file === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end(`missing file ${file} (did you build the packages? \`pnpm run build\`)\n`),
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? 8080);
  startServer(port).then(
    (s) => console.log(`Serving the SmolML browser example at ${s.url} (Ctrl+C stops it)`),
    (e: Error) => {
      console.error(`Could not start the server: ${e.message}`);
      process.exit(1);
    },
  );
}
