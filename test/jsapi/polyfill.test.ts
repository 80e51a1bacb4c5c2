/**
 * The polyfill entry point: it installs purewasm's WebAssembly only where there is none, with the
 * same property attributes a host's own `WebAssembly` global has. Runs child processes so that
 * the host's WebAssembly really is absent (`--jitless`) or present.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const polyfill = join(root, 'src', 'jsapi', 'polyfill.ts');

function run(flags: string[], code: string): string {
  return execFileSync(process.execPath, [...flags, '--no-warnings', '--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }).trim();
}

const PROBE = `
  const before = typeof WebAssembly;
  const native = globalThis.WebAssembly;
  const { installed } = await import(${JSON.stringify(polyfill)});
  const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
  const ours = globalThis.WebAssembly !== native;
  const m = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  console.log(JSON.stringify({ before, installed, ours, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable, ok: m instanceof WebAssembly.Module }));
`;

test('under --jitless the polyfill installs itself as a non-enumerable global', () => {
  expect(JSON.parse(run(['--jitless'], PROBE))).toEqual({
    before: 'undefined', installed: true, ours: true, writable: true, enumerable: false, configurable: true, ok: true,
  });
}, 60_000);

test('where a native WebAssembly exists it is left alone', () => {
  expect(JSON.parse(run([], PROBE))).toMatchObject({ before: 'object', installed: false, ours: false, ok: true });
}, 60_000);
