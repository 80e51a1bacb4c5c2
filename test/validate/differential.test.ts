/**
 * Differential validation against V8 (the host WebAssembly, used here only as an oracle): a random
 * valid module from binaryen's `wasm-opt --translate-to-fuzz` (features Node 20's V8 has), then
 * thousands of seeded byte mutations inside its function bodies. Whatever V8 accepts, decode +
 * validate must accept too. The reverse only holds for features V8 has: where we accept and V8
 * refuses, V8's reason must name a feature it lacks (typed function references, exnref); any other
 * disagreement fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { CompileError } from '../../src/util/errors.js';
import { validateModule } from '../../src/validate/index.js';

const WASM_OPT = join(process.cwd(), 'node_modules/binaryen/bin/wasm-opt');
const FEATURES = [
  '--enable-bulk-memory', '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-multivalue',
  '--enable-simd', '--enable-reference-types', '--enable-tail-call', '--enable-mutable-globals',
];
/** V8 (Node 20) reasons that mean "a feature purewasm has and this V8 lacks". */
const V8_LACKS = /Invalid opcode 0xa\b|Invalid opcode 0x1f\b|typed-funcref|Invalid indexed heap type|exnref|experimental-wasm/;

function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

/** Our verdict: null when valid, else the reason. Anything but a CompileError is a bug and propagates. */
function ours(bytes: Uint8Array): string | null {
  try {
    validateModule(decodeModule(bytes));
    return null;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return e.message;
  }
}

function v8Reason(bytes: Uint8Array<ArrayBuffer>): string | null {
  try {
    new WebAssembly.Module(bytes);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('differential validation against V8', () => {
  it('agrees on mutated fuzz modules', () => {
    const rnd = lcg(20261125);
    const dir = mkdtempSync(join(tmpdir(), 'purewasm-validate-'));
    const input = new Uint8Array(30000).map(() => rnd(256));
    writeFileSync(join(dir, 'in.bin'), input);
    execFileSync(WASM_OPT, [join(dir, 'in.bin'), '-ttf', '-o', join(dir, 'f.wasm'), ...FEATURES], { stdio: 'ignore' });
    const base = new Uint8Array(readFileSync(join(dir, 'f.wasm')));
    expect(WebAssembly.validate(base)).toBe(true);
    expect(ours(base)).toBeNull();

    const spans = decodeModule(base).codes.map((c) => [c.body.offset, c.body.offset + c.body.bytes.length] as const)
      .filter(([s, e]) => e - s > 1);
    const disagreements: string[] = [];
    let refusedByBoth = 0;
    for (let i = 0; i < 1200; i++) {
      const b = base.slice();
      for (let k = 1 + rnd(2); k > 0; k--) {
        const [s, e] = spans[rnd(spans.length)]!;
        b[s + rnd(e - s - 1)] = rnd(256);
      }
      const mine = ours(b);
      const v8ok = WebAssembly.validate(b);
      if (mine !== null && !v8ok) refusedByBoth++;
      if (v8ok && mine !== null) disagreements.push(`V8 accepts, we refuse: ${mine}`);
      if (!v8ok && mine === null) {
        const theirs = v8Reason(b) ?? '';
        if (!V8_LACKS.test(theirs)) disagreements.push(`we accept, V8 refuses: ${theirs}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The mutations must actually produce invalid modules, or the comparison proves little.
    expect(refusedByBoth).toBeGreaterThan(400);
  }, 60_000);
});
