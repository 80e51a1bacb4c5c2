/**
 * examples/browser in a real browser: Debian's Chromium, driven by playwright-core, started with
 * WebAssembly switched off (see JS_FLAGS). A small HTTP server serves the
 * repository, with /dist/ taken from a fresh build in a temporary directory; the page must report
 * that the browser had no WebAssembly, that the polyfill installed itself, and the right fib(90)
 * as a BigInt. Skipped (with the reason) when no Chromium is installed; `.ci/run` installs one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].find((p) => p !== undefined && existsSync(p));
/**
 * How Chromium is told to have no WebAssembly. Chromium 156 ignores `--js-flags=--noexpose-wasm`
 * (Blink installs the namespace itself); a JIT-less V8 has none, as in Lockdown Mode. The test
 * checks the result (typeof WebAssembly === 'undefined') rather than trusting the flag.
 */
const JS_FLAGS = '--js-flags=--jitless';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function fib(n: number): bigint {
  let a = 0n;
  let b = 1n;
  for (let i = 0; i < n; i++) [a, b] = [b, BigInt.asIntN(64, a + b)];
  return a;
}

describe.skipIf(CHROMIUM === undefined)('the browser example in Chromium without WebAssembly', () => {
  let dist = '';
  let server: Server;
  let base = '';

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'purewasm-browser-'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { cwd: root, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere do not stop tsc from emitting.
    }
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = path.startsWith('/dist/') ? join(dist, path.slice('/dist/'.length)) : join(root, path);
      if (!file.startsWith(dist) && !file.startsWith(root)) return void res.writeHead(403).end();
      if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((ok) => server?.close(ok));
    if (dist !== '') rmSync(dist, { recursive: true, force: true });
  });

  test('the page runs fib.wasm through the polyfill', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [JS_FLAGS, '--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const noWasm = await page.evaluate(() => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly);
      expect(noWasm).toBe('undefined');
      await page.goto(`${base}/examples/browser/index.html`);
      await page.waitForSelector('body[data-done="true"]', { timeout: 60_000 });
      const text = await page.textContent('#output');
      expect(text).toContain('native WebAssembly: false');
      expect(text).toContain('purewasm installed: true');
      expect(text).toContain('fib(90) computed by purewasm');
      expect(text).toContain(`fib(90) = ${fib(90)} (bigint)`);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
