/**
 * Modules from another producer: binaryen's `wasm-opt --translate-to-fuzz -g` makes random
 * modules using GC, exceptions, SIMD, memory64, multi-memory, threads and tail calls, with a name
 * section. Their binaries are not in our encoder's canonical form, so the check is that the text
 * is a fixed point: wasm2wat(bytes) parsed, encoded, decoded and printed again is the same text.
 * `BINARYEN_MODULES=150 npx vitest run test/disasm/binaryen.test.ts` runs a longer check.
 * The one permitted difference is a custom section placed after a data count section that the
 * text cannot ask for (the encoder emits one only where the code needs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { wasm2wat } from '../../src/disasm/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWat } from '../../src/text/index.js';
import { rng } from '../../tools/fuzz-decoder-lib.js';

const WASM_OPT = join('node_modules', 'binaryen', 'bin', 'wasm-opt');
const FEATURES = ['bulk-memory', 'bulk-memory-opt', 'call-indirect-overlong', 'exception-handling',
  'extended-const', 'gc', 'memory64', 'multimemory', 'multivalue', 'mutable-globals',
  'nontrapping-float-to-int', 'reference-types', 'relaxed-simd', 'sign-ext', 'simd', 'tail-call', 'threads'];

const dir = mkdtempSync(join(tmpdir(), 'purewasm-binaryen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A random module from binaryen, made from 2,000 seeded random bytes. */
function fuzzModule(seed: number): Uint8Array {
  const next = rng(seed);
  writeFileSync(join(dir, 'in.bin'), Uint8Array.from({ length: 2000 }, () => Math.floor(next() * 256)));
  execFileSync(WASM_OPT, [join(dir, 'in.bin'), '--translate-to-fuzz', '-g', '--mvp-features',
    ...FEATURES.map((f) => `--enable-${f}`), '-o', join(dir, 'out.wasm')], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(join(dir, 'out.wasm')));
}

/** Each wasm-opt run costs a second or two (it compiles binaryen itself): few by default, more on request. */
const COUNT = Number(process.env.BINARYEN_MODULES ?? 4);

const normalise = (text: string) => text.replaceAll('(after datacount)', '(after elem)');

// wasm-opt is binaryen compiled to WebAssembly: it needs the host's (absent under --jitless).
const hasHostWasm = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'undefined';

describe.skipIf(!hasHostWasm)('wasm2wat on binaryen-generated modules', () => {
  it('prints text that survives parse → encode → decode → print unchanged', () => {
    let named = 0;
    for (let seed = 1; seed <= COUNT; seed++) {
      const m = decodeModule(fuzzModule(seed));
      const text = wasm2wat(m);
      if (m.names !== null && /\(type \$/.test(text)) named++;
      const again = wasm2wat(decodeModule(encodeModule(parseWat(text))));
      expect(normalise(again), `seed ${seed}`).toBe(normalise(text));
    }
    // The name section's type names must have been used as $ids in most modules.
    expect(named).toBeGreaterThanOrEqual(Math.ceil(COUNT / 2));
  });
});
