/**
 * Real npm packages, unmodified, on purewasm's polyfill under `node --jitless` (where the host has
 * no WebAssembly at all): SQLite from sql.js (Emscripten), brotli-wasm (Rust, wasm-bindgen),
 * hash-wasm (C, clang) and @wasm-fmt/gofmt (Go, TinyGo). Each job runs in a child process; its
 * result must equal what the same job gives on V8's own WebAssembly, run the same way without
 * `--jitless`.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { JOBS } from './packages/jobs.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'packages', 'run-job.ts');

function run(name: string, polyfill: boolean): { result: unknown; ms: number } {
  const args = [...(polyfill ? ['--jitless'] : []), '--no-warnings', '--import', 'tsx', script, ...(polyfill ? ['--polyfill'] : []), name];
  const out = execFileSync(process.execPath, args, { cwd: join(here, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as { result: unknown; ms: number };
}

describe('real packages under node --jitless with the polyfill', () => {
  test.each(Object.keys(JOBS))('%s gives what V8 gives', (name) => {
    const native = run(name, false);
    const ours = run(name, true);
    expect(ours.result).toEqual(native.result);
  }, 240_000);

  test('the polyfill really is the only WebAssembly under --jitless', () => {
    const out = execFileSync(process.execPath, ['--jitless', '--no-warnings', '-e', 'process.stdout.write(typeof WebAssembly)'], { encoding: 'utf8' });
    expect(out).toBe('undefined');
  });
});
