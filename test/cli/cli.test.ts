/**
 * The CLI as users run it: a child process under `node --jitless` (no host WebAssembly at all),
 * checking output and exit codes of inspect, wat2wasm, wasm2wat, run (results, putchar output,
 * traps with backtraces) and wast. Module binaries for comparison come from npm wabt.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { wat } from '../runtime/helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');
const example = join(root, 'examples', 'mandelbrot.wat');
const dir = mkdtempSync(join(tmpdir(), 'purewasm-cli-'));

function cli(...args: string[]): { out: string; err: string; code: number | null } {
  const r = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', main, ...args], { cwd: root, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

/** The same picture computed in JS: f64 arithmetic is IEEE in both, so the counts must agree. */
function mandelbrotInside(width: number, height: number, max: number): number {
  let inside = 0;
  for (let y = 0; y < height; y++) {
    const ci = (y * 2.4) / height - 1.2;
    for (let x = 0; x < width; x++) {
      const cr = (x * 3.5) / width - 2.5;
      let zr = 0, zi = 0, i = 0;
      while (i < max && zr * zr + zi * zi <= 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * (zr * zi) + ci;
        zr = t;
        i++;
      }
      if (i >= max) inside++;
    }
  }
  return inside;
}

describe('purewasm CLI under node --jitless', () => {
  test('the host really has no WebAssembly there', () => {
    const r = spawnSync(process.execPath, ['--jitless', '-p', 'typeof WebAssembly'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('undefined');
  });

  test('run prints what wasm writes and the result', () => {
    const r = cli('run', example, '--invoke', 'mandelbrot', '30', '10', '25');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    for (const l of lines.slice(0, 10)) expect(l).toHaveLength(30);
    expect(Number(lines[10])).toBe(mandelbrotInside(30, 10, 25));
  });

  test('run --fuel reports what was consumed, the same every time, and traps when it runs out', () => {
    const args = ['run', example, '--invoke', 'mandelbrot', '8', '4', '10'];
    const a = cli(...args, '--fuel', '1000000');
    expect(a.code).toBe(0);
    const consumed = Number(/fuel consumed: (\d+)/.exec(a.err)?.[1]);
    expect(consumed).toBeGreaterThan(100);
    const b = cli('run', example, '--fuel', String(consumed), '--invoke', 'mandelbrot', '8', '4', '10');
    expect(b.code).toBe(0);
    expect(b.err).toContain(`fuel consumed: ${consumed}`);
    const c = cli('run', example, '--fuel', String(consumed - 1), '--invoke', 'mandelbrot', '8', '4', '10');
    expect(c.code).toBe(134);
    expect(c.err).toContain('wasm trap: all fuel consumed');
  });

  test('run passes typed arguments and prints i64/f64 results', () => {
    const file = join(dir, 'calc.wasm');
    writeFileSync(file, wat(`(module
      (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
      (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5))))`));
    expect(cli('run', file, '--invoke', 'mul64', '4294967296', '-3').out).toBe('-12884901888\n');
    expect(cli('run', file, '--invoke', 'half', '5').out).toBe('2.5\n');
    const bad = cli('run', file, '--invoke', 'half');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('expects 1 arguments, got 0');
  });

  test('a trap exits 134 with the message and a backtrace of named frames', () => {
    const file = join(dir, 'trap.wasm');
    writeFileSync(file, wat(`(module
      (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func $outer (export "go") (result i32) (call $inner (i32.const 0))))`));
    const r = cli('run', file, '--invoke', 'go');
    expect(r.code).toBe(134);
    expect(r.err).toContain('wasm trap: integer divide by zero');
    expect(r.err).toMatch(/0: +0x[0-9a-f]+ - inner\n +1: +0x[0-9a-f]+ - outer/);
  });

  test('unknown imports and invalid modules are reported with exit code 1', () => {
    const file = join(dir, 'imp.wasm');
    writeFileSync(file, wat('(module (import "env" "nope" (func)))'));
    const r = cli('run', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown import: `env::nope`');
    const broken = join(dir, 'broken.wasm');
    writeFileSync(broken, new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
    const b = cli('inspect', broken);
    expect(b.code).toBe(1);
    expect(b.err).toContain('unknown binary version');
  });

  test('wat2wasm writes a binary; inspect and wasm2wat describe it; the disassembly assembles back to the same bytes', () => {
    const out = join(dir, 'mandel.wasm');
    expect(cli('wat2wasm', example, '-o', out).code).toBe(0);
    const bytes = readFileSync(out);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0x61, 0x73, 0x6d]);
    const info = cli('inspect', out);
    expect(info.code).toBe(0);
    for (const s of ['type', 'import', 'function', 'memory', 'export', 'code', 'data']) expect(info.out).toMatch(new RegExp(`^  ${s} +offset`, 'm'));
    expect(info.out).toContain('"env" "putchar": func [i32] -> []');
    expect(info.out).toContain('"mandelbrot": func 3 [i32 i32 i32] -> [i32]');
    const text = cli('wasm2wat', out);
    expect(text.code).toBe(0);
    expect(text.out).toContain('(import "env" "putchar"');
    expect(text.out).toContain('f64.mul');
    // The disassembly assembles back to the same binary.
    const again = join(dir, 'again.wat');
    writeFileSync(again, text.out);
    const again2 = join(dir, 'again.wasm');
    expect(cli('wat2wasm', again, '-o', again2).code).toBe(0);
    expect(readFileSync(again2).equals(bytes)).toBe(true);
  });

  test('wast runs a script and reports failures', () => {
    const file = join(dir, 't.wast');
    writeFileSync(file, `(module (func (export "f") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
(assert_return (invoke "f" (i32.const 5)) (i32.const 15))
(assert_return (invoke "f" (i32.const 5)) (i32.const 16))
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")`);
    const r = cli('wast', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(':3: FAIL assert_return');
    expect(r.out).toContain('4 passed, 1 failed, 0 skipped');
  });
});
