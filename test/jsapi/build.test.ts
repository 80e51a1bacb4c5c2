/**
 * The build: `tsc -p tsconfig.build.json` (into a temporary directory, so the shared dist/ is not
 * disturbed) must give plain ESM that a browser loads without a bundler — every import reachable
 * from the JS API entry points is a relative `.js` path to a file that exists — and no file of
 * the build may use `eval` or `new Function`. The built polyfill then runs a module under
 * `node --jitless`, with no TypeScript loader in between.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let out = '';

function jsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...jsFiles(p));
    else if (p.endsWith('.js')) found.push(p);
  }
  return found;
}

function stripComments(js: string): string {
  return js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

describe('the build', () => {
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'purewasm-build-'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in src/ do not stop tsc from emitting; the checks below need only the output.
    }
  }, 120_000);
  afterAll(() => {
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  test('emits the JS API entry points', () => {
    expect(existsSync(join(out, 'jsapi', 'index.js'))).toBe(true);
    expect(existsSync(join(out, 'jsapi', 'polyfill.js'))).toBe(true);
    expect(existsSync(join(out, 'jsapi', 'index.d.ts'))).toBe(true);
  });

  test('no file of the build uses eval or new Function', () => {
    const offenders = jsFiles(out).filter((f) => /\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(/.test(stripComments(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => relative(out, f))).toEqual([]);
  });

  test('everything the JS API imports is a relative .js file of the build (loadable by a browser as is)', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const pending = [join(out, 'jsapi', 'index.js'), join(out, 'jsapi', 'polyfill.js')];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const m of stripComments(readFileSync(file, 'utf8')).matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        const target = resolve(dirname(file), spec);
        if (!spec.startsWith('.') || !spec.endsWith('.js') || !existsSync(target)) bad.push(`${relative(out, file)} → ${spec}`);
        else pending.push(target);
      }
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });

  test('the built polyfill runs a module under node --jitless without a loader', () => {
    const code = `
      const { installed } = await import(${JSON.stringify(join(out, 'jsapi', 'polyfill.js'))});
      const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11]);
      const { instance } = await WebAssembly.instantiate(bytes);
      console.log(JSON.stringify({ installed, sum: instance.exports.add(40, 2) }));`;
    const stdout = execFileSync(process.execPath, ['--jitless', '--no-warnings', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual({ installed: true, sum: 42 });
  }, 60_000);
});
