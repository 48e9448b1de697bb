// Serves the web demo (docs/examples/web/): the page, the packages' built ES modules for
// its import map, the same modules with that map applied for the training worker, the
// MNIST digits file and the training settings. `npm run demo:web` at the repository root
// builds everything and runs this; `PORT=8080 node dist/web/serve.js` here does the same
// once built (without PORT it picks a free port).
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { webTrainConfig } from './config';
import { ensureDigitsFile } from './digits-file';
import { applyImportMap, readImportMap } from './import-map';

const EXAMPLES = join(__dirname, '..', '..');
const PAGE_DIR = join(EXAMPLES, 'web');
const PACKAGES_DIR = join(EXAMPLES, '..', '..', 'packages');
const PACKAGES = new Set(['core', 'activations', 'initializers', 'losses', 'optimizers', 'memory']);
/** Where the worker's modules are served, with the page's import map applied. */
export const WORKER_PREFIX = '/worker';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** A file to send: where it is, and whether its imports get the page's map. */
interface Route {
  file: string;
  mapImports: boolean;
}

/** Maps a URL path to a file, or null: the page's own files and each package's dist/index.mjs(.map). */
function route(path: string, pageFiles: ReadonlySet<string>): Route | null {
  let mapImports = false;
  if (path.startsWith(WORKER_PREFIX + '/')) {
    path = path.slice(WORKER_PREFIX.length);
    mapImports = true;
  }
  if (path === '/' || path === '/index.html') return mapImports ? null : { file: join(PAGE_DIR, 'index.html'), mapImports };
  // Chromium asks for /favicon.ico when a page names no icon; this page names the SVG.
  if (path === '/favicon.ico') path = '/favicon.svg';
  const page = /^\/([a-z][a-z0-9-]*\.(?:js|css|svg))$/.exec(path);
  if (page && pageFiles.has(page[1])) return { file: join(PAGE_DIR, page[1]), mapImports: mapImports && page[1].endsWith('.js') };
  const pkg = /^\/smolml\/([a-z]+)\/(index\.mjs(?:\.map)?)$/.exec(path);
  if (pkg && PACKAGES.has(pkg[1])) return { file: join(PACKAGES_DIR, pkg[1], 'dist', pkg[2]), mapImports: mapImports && pkg[2] === 'index.mjs' };
  return null;
}

/** A running server and its address; `close()` stops it. */
export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/** How {@link startWebServer} runs. */
export interface WebServerOptions {
  /** Told one line before a slow step (writing the digits file the first time). */
  notice?: (line: string) => void;
}

/**
 * Starts the demo's server on 127.0.0.1 (`port` 0 picks a free one), writing the digits
 * file first if it is missing or stale.
 *
 * @example
 * const { url, close } = await startWebServer(0); // url: 'http://127.0.0.1:40123/'
 */
export async function startWebServer(port = 0, options: WebServerOptions = {}): Promise<WebServer> {
  const digits = ensureDigitsFile(undefined, () => options.notice?.('preparing the MNIST digits for the page (once, a few seconds)')).path;
  const pageFiles = new Set(readdirSync(PAGE_DIR));
  const config = JSON.stringify(webTrainConfig());
  const send = (res: import('node:http').ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra }).end(body);
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.json') return send(res, 200, TYPES['.json'], config);
    if (path === '/digits.bin') {
      // Stored gzipped; every browser takes gzip, and fetch() undoes it.
      readFile(digits).then(
        (body) => send(res, 200, 'application/octet-stream', body, { 'content-encoding': 'gzip' }),
        (e: Error) => send(res, 500, 'text/plain', `could not read ${digits}: ${e.message}\n`),
      );
      return;
    }
    const found = route(path, pageFiles);
    if (found === null) return send(res, 404, 'text/plain', `not found: ${path}\n`);
    const type = TYPES[extname(found.file)] ?? 'application/octet-stream';
    readFile(found.file).then(
      (body) => {
        if (!found.mapImports) return send(res, 200, type, body);
        // Read at every request, so an edit of index.html's map is seen without a restart.
        const imports = readImportMap(readFileSync(join(PAGE_DIR, 'index.html'), 'utf8'));
        send(res, 200, type, applyImportMap(body.toString('utf8'), imports, WORKER_PREFIX));
      },
      () => send(res, 404, 'text/plain', `missing file ${found.file} (were the packages built? \`npm run demo:web\` at the repository root builds them)\n`),
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** The port to listen on: `PORT` from the environment (0 to 65535), else 0 (a free one). */
export function portFromEnv(value: string | undefined = process.env.PORT): number {
  if (value === undefined || value.trim() === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`PORT must be an integer from 0 to 65535, got '${value}'`);
  return port;
}

if (require.main === module) {
  let port: number;
  try {
    port = portFromEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  startWebServer(port, { notice: (line) => console.error(line) }).then(
    (s) => console.log(`SmolML web demo: ${s.url}  (open it in a browser; Ctrl+C stops the server)`),
    (e: Error) => {
      console.error(`Could not start the web demo's server: ${e.message}`);
      process.exit(1);
    },
  );
}
