// The web demo (docs/examples/web/, served by src/web/serve.ts) in a real browser:
// Debian's Chromium, headless, driven by playwright-core. The page must train the CLI
// demo's network on the CLI demo's digits in a worker to ≥ 0.9 test accuracy, read a
// vertical stroke drawn with the mouse as a 1, end where `npm run demo` ends, and do all
// that without a page error, console error or failed request. A screenshot of what a
// visitor sees goes to docs/examples/.tmp/web-demo.png (gitignored).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { PIXELS, loadDigits, split } from '../src/mnist/data';
import { DEFAULTS, DEFAULT_LEARNING_RATES } from '../src/mnist/train';
import { webTrainConfig } from '../src/web/config';
import { TRAIN_SIZE } from '../src/web/digits-file';
import { applyImportMap, readImportMap } from '../src/web/import-map';
import { type WebServer, portFromEnv, startWebServer } from '../src/web/serve';
import { REPO_ROOT, assertBuilt } from './support/repo';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '.tmp', 'web-demo.png');
const PAGE_DIR = join(__dirname, '..', 'web');

// As in browser.test.ts: skipped with a notice on a developer's machine without
// Chromium; in CI (CI=true) a missing browser is a failure.
const runHere = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!runHere) {
  console.warn(`web demo test skipped: ${CHROMIUM} is missing (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}
const browserDescribe = runHere ? describe : describe.skip;

describe('the web demo server', () => {
  let server: WebServer;
  beforeAll(async () => {
    assertBuilt();
    server = await startWebServer(0);
  });
  afterAll(() => server?.close());

  test('trains with the CLI demo defaults (Adam) on its 8,000-digit split', () => {
    expect(webTrainConfig()).toEqual({
      epochs: DEFAULTS.epochs,
      hidden: DEFAULTS.hidden,
      learningRate: DEFAULT_LEARNING_RATES.adam,
      seed: DEFAULTS.seed,
      batchSize: DEFAULTS.batchSize,
      trainSize: TRAIN_SIZE,
    });
    expect(TRAIN_SIZE).toBe(8000);
  });

  test('serves the packages untouched for the page and with the import map applied for the worker', async () => {
    const page = await fetch(`${server.url}smolml/activations/index.mjs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/javascript/);
    const dist = readFileSync(join(REPO_ROOT, 'packages', 'activations', 'dist', 'index.mjs'), 'utf8');
    expect(await page.text()).toBe(dist);

    const worker = await (await fetch(`${server.url}worker/smolml/activations/index.mjs`)).text();
    expect(dist).toContain('from "@smolml/core"');
    expect(worker).not.toContain('"@smolml/core"');
    expect(worker).toBe(dist.replaceAll('from "@smolml/core"', 'from "/worker/smolml/core/index.mjs"'));

    const trainer = await (await fetch(`${server.url}worker/trainer.js`)).text();
    expect(trainer).toContain(`from '/worker/smolml/optimizers/index.mjs'`);
    expect(trainer).toContain(`from './network.js'`);
  });

  test('applyImportMap maps exact names in static and dynamic imports and nothing else', () => {
    const imports = readImportMap(readFileSync(join(PAGE_DIR, 'index.html'), 'utf8'));
    expect(Object.keys(imports).sort()).toEqual(['activations', 'core', 'initializers', 'losses', 'memory', 'optimizers'].map((p) => `@smolml/${p}`));
    const src = `import { a } from '@smolml/core';\nimport("@smolml/memory");\nexport * from "@smolml/core";\nimport x from '@smolml/core-extra';\nconst s = "@smolml/core";`;
    expect(applyImportMap(src, imports, '/w')).toBe(
      `import { a } from '/w/smolml/core/index.mjs';\nimport("/w/smolml/memory/index.mjs");\nexport * from "/w/smolml/core/index.mjs";\nimport x from '@smolml/core-extra';\nconst s = "@smolml/core";`,
    );
    expect(readImportMap('<p>no map</p>')).toEqual({});
  });

  test('serves a favicon, the digits gzipped, and 404 for anything else', async () => {
    for (const path of ['favicon.svg', 'favicon.ico']) {
      const r = await fetch(server.url + path);
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, 'image/svg+xml']);
      expect(await r.text()).toContain('<svg');
    }
    const digits = await fetch(`${server.url}digits.bin`);
    expect(digits.headers.get('content-encoding')).toBe('gzip');
    expect((await digits.arrayBuffer()).byteLength).toBe(8 + 16 + 2048 + 10_000 * (1 + PIXELS));
    for (const path of ['../package.json', 'worker/', 'smolml/bench/index.mjs', 'index.html.bak', 'web-demo.test.ts']) {
      expect([path, (await fetch(server.url + path)).status]).toEqual([path, 404]);
    }
  });

  test('PORT picks the port; unset or empty picks a free one; anything else is refused', () => {
    expect(portFromEnv(undefined)).toBe(0);
    expect(portFromEnv(' ')).toBe(0);
    expect(portFromEnv('8080')).toBe(8080);
    for (const bad of ['80.5', '-1', '65536', 'http']) expect(() => portFromEnv(bad)).toThrow(`PORT must be an integer from 0 to 65535, got '${bad}'`);
  });
});

browserDescribe('the web demo in headless Chromium', () => {
  let server: WebServer | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  let page: Page;
  const problems: string[] = [];
  const loaded: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing, so the web demo test cannot run. Install Debian's Chromium: \`apt-get install -y chromium\` (as root; .ci/run does this in CI).`);
    }
    assertBuilt();
    server = await startWebServer(0);
    // A fresh profile each run; the flags keep Chromium from calling Google's services,
    // which this machine's closed network refuses.
    profile = mkdtempSync(join(tmpdir(), 'smolml-web-demo-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      viewport: { width: 1240, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      loaded.push(new URL(r.url()).pathname);
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  /** Waits for `fn` in the page, failing at once if a problem is reported meanwhile. */
  async function until(fn: () => boolean, timeout: number, what: string): Promise<void> {
    const done = page.waitForFunction(fn, undefined, { timeout, polling: 100 });
    done.catch(() => undefined); // when a problem wins the race, its later timeout is not news
    let timer: NodeJS.Timeout | undefined;
    const failed = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (problems.length > 0) reject(new Error(`while waiting for ${what}:\n${problems.join('\n')}`));
      }, 100);
    });
    try {
      await Promise.race([done, failed]);
    } finally {
      clearInterval(timer);
    }
  }

  /** Runs the built CLI demo (dist/mnist.js) with its defaults; resolves to its stdout. */
  function runCliDemo(): Promise<string> {
    const script = join(__dirname, '..', 'dist', 'mnist.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: build the examples (\`npm run demo:web\` or \`pnpm run build\` at the repository root)`);
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [script, '--plot', join(__dirname, '..', '.tmp', 'web-demo-cli.svg')], { timeout: 300_000 }, (e, stdout, stderr) =>
        e ? reject(new Error(`node ${script} failed: ${e.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  const accuracyShown = (): boolean => Number(document.getElementById('accuracy')?.textContent) >= 0.9;

  test('trains in a worker to ≥ 0.9 test accuracy, reads a vertical stroke as a 1, and ends where `npm run demo` ends', async () => {
    if (server === undefined || context === undefined) throw new Error('setup failed');
    const t0 = Date.now();
    // `npm run demo` with its defaults, run meanwhile, to compare the end result with.
    const cli = runCliDemo();
    await page.goto(server.url);
    await until(accuracyShown, 240_000, '#accuracy ≥ 0.9');
    const accuracy = await page.textContent('#accuracy');
    expect(accuracy).toMatch(/^0\.\d{4}$/);
    expect(Number(accuracy)).toBeGreaterThanOrEqual(0.9);
    const firstAccuracyAfter = (Date.now() - t0) / 1000;

    // A vertical stroke down the middle of the pad, with mouse events, while the
    // worker may still be training: the page must keep answering.
    const pad = await page.$('#pad');
    const box = await pad?.boundingBox();
    if (!box) throw new Error('#pad has no box');
    expect([box.width, box.height]).toEqual([280, 280]);
    await page.mouse.move(box.x + 140, box.y + 45);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 140, box.y + 45 + (190 * i) / 20);
    await page.mouse.up();
    await until(() => /^[0-9]$/.test(document.getElementById('prediction')?.textContent ?? ''), 30_000, 'a digit in #prediction');
    expect(await page.textContent('#prediction')).toBe('1');
    const bars = await page.$$eval('#probabilities li', (lis) => lis.map((li) => [li.classList.contains('best'), li.querySelector('.pct')?.textContent]));
    expect(bars).toHaveLength(10);
    expect(bars.findIndex(([best]) => best)).toBe(1);

    // The network's input is prepared as MNIST's: the 190-pixel stroke fills the 20-pixel
    // box's height, and its centre of mass lies within half a pixel of the frame's centre.
    const input = await page.evaluate(() => {
      const c = document.getElementById('seen') as HTMLCanvasElement;
      const d = c.getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
      return Array.from({ length: 784 }, (_, i) => d[4 * i] / 255);
    });
    const rows = input.map((_, i) => Math.floor(i / 28)).filter((_, i) => input[i] > 0);
    expect(Math.max(...rows) - Math.min(...rows) + 1).toBe(20);
    const mass = input.reduce((s, v) => s + v, 0);
    const cx = input.reduce((s, v, i) => s + v * ((i % 28) + 0.5), 0) / mass;
    const cy = input.reduce((s, v, i) => s + v * (Math.floor(i / 28) + 0.5), 0) / mass;
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);

    await until(() => document.body.dataset.state === 'done', 300_000, 'the last epoch');
    const trainedIn = (Date.now() - t0) / 1000;
    const memory = await page.textContent('#memory');
    expect(memory).toContain('optimizer');
    expect(memory).toMatch(/Total\s+101,770/);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The worker loaded the packages with the map applied and fetched the digits, and
    // those requests were seen here (so a failing one would have been caught).
    for (const path of ['/smolml/core/index.mjs', '/worker/train-worker.js', '/worker/smolml/core/index.mjs', '/digits.bin', '/config.json']) expect(loaded).toContain(path);
    expect(problems).toEqual([]);

    // The same digits, seed and epochs as the CLI demo, so the same result: the demo's
    // last line is "test accuracy: 0.NNNN" (its --help promises that line).
    const cliOut = await cli;
    const last = cliOut.trim().split('\n').pop();
    expect(last).toMatch(/^test accuracy: 0\.\d{4}$/);
    expect(`test accuracy: ${await page.textContent('#accuracy')}`).toBe(last);
    console.log(`web demo: #accuracy ≥ 0.9 after ${firstAccuracyAfter.toFixed(1)} s, ${DEFAULTS.epochs} epochs done after ${trainedIn.toFixed(1)} s; screenshot ${SCREENSHOT}`);
  });

  test('the page decodes exactly the CLI demo\'s training and test digits', async () => {
    // Per set: the labels, the pixel sum and a position-weighted sum, as doubles summed in order.
    const digest = (set: { images: ArrayLike<number>; labels: ArrayLike<number> }): [number[], number, number] => {
      let sum = 0, weighted = 0;
      for (let i = 0; i < set.images.length; i++) {
        sum += set.images[i];
        weighted += set.images[i] * (i % 7919);
      }
      return [Array.from(set.labels), sum, weighted];
    };
    // In-page code is a string: ts-jest would turn a dynamic import() into require().
    const inPage = await page.evaluate(`(async () => {
      const { decodeDigits } = await import('/digits.js');
      const { train, test } = decodeDigits(await (await fetch('/digits.bin')).arrayBuffer());
      const digest = ${digest.toString()};
      return [digest(train), digest(test)];
    })()`);
    const { train, test } = split(loadDigits(), TRAIN_SIZE);
    expect(inPage).toEqual([digest(train), digest(test)]);
  });

  test('a drawing is prepared as MNIST\'s digits: fitted into 20×20, centred by its centre of mass', async () => {
    const [rect, blank] = (await page.evaluate(`(async () => {
      const { prepareDigit } = await import('/preprocess.js');
      // A 40 × 100 block of full ink near the top-left corner of the 280 × 280 pad.
      const ink = new Float64Array(280 * 280);
      for (let y = 20; y < 120; y++) for (let x = 10; x < 50; x++) ink[y * 280 + x] = 1;
      return [Array.from(prepareDigit(ink, 280, 280) ?? []), prepareDigit(new Float64Array(280 * 280), 280, 280)];
    })()`)) as [number[], null];
    // Scaled by 20/100 to 8 × 20 pixels of full ink, whose centre of mass (4, 10) moves to (14, 14).
    const want = Array.from({ length: 784 }, (_, i) => {
      const x = i % 28, y = Math.floor(i / 28);
      return x >= 10 && x < 18 && y >= 4 && y < 24 ? 1 : 0;
    });
    expect(rect).toEqual(want);
    expect(blank).toBeNull();
  });

  test('#clear empties the pad and #train starts a fresh run', async () => {
    await page.click('#clear');
    expect(await page.textContent('#prediction')).toBe('?');
    expect(await page.evaluate(() => (window as unknown as { smolml: { prediction: number | null } }).smolml.prediction)).toBeNull();
    await page.click('#train');
    expect(await page.textContent('#accuracy')).toBe('–');
    expect(await page.evaluate(() => document.body.dataset.state)).not.toBe('done');
    await until(() => /^epoch 1 of 6/.test(document.getElementById('progress-text')?.textContent ?? ''), 60_000, 'the new run to start');
    expect(problems).toEqual([]);
  });
});
