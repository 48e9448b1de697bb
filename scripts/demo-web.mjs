#!/usr/bin/env node
/* global console, process */
// `npm run demo:web`: serves the web demo (docs/examples/web/), a page that trains the
// CLI demo's MNIST network in a Web Worker and reads the digit you draw. The npm script
// runs `node scripts/pnpm.mjs setup` first (install and build, as `npm run demo` does);
// this then makes the page's digits file if needed and serves on 127.0.0.1, on the port
// in PORT or else a free one, and prints the address. Ctrl+C stops it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'docs', 'examples', 'dist', 'web', 'serve.js');
if (!existsSync(server)) {
  console.error(`${server} is missing: the examples are not built. Run \`npm run demo:web\` (it builds them) or \`node scripts/pnpm.mjs setup\`.`);
  process.exit(1);
}

const { startWebServer, portFromEnv } = createRequire(import.meta.url)(server);
let port;
try {
  port = portFromEnv(process.env.PORT);
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
try {
  const { url } = await startWebServer(port, { notice: (line) => console.error(line) });
  console.log(`SmolML web demo: ${url}`);
  console.log('Open it in a browser: it trains a digit reader there, then reads what you draw. Ctrl+C stops the server.');
} catch (e) {
  console.error(e.code === 'EADDRINUSE' ? `Port ${port} is in use: pick another with PORT=…, or leave PORT unset for a free one.` : `Could not start the web demo: ${e.message}`);
  process.exit(1);
}
