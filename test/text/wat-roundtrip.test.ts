/**
 * Text produced by another tool parses back: every suite text module that wabt can read is printed
 * with wabt's `wasm2wat` (flat instructions, `(;0;)` comments, numeric indices), parsed with
 * parseWat and encoded again. The bytes must come back identical, except where wabt's text itself
 * loses information (listed below), which is checked by decoding instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { parseWast, parseWat } from '../../src/text/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { listWastFiles, locateTestsuite } from '../../spec-tests/locate.js';

/**
 * Where wabt's text differs from the binary it read, so bytes cannot match:
 * - element segments: wabt prints `funcref (ref.func x)` lists as `func x` (a different form);
 * - block types given by a type index print as inline `(result …)` (the short form);
 * - memory.init prints its immediates in binary order, which reads back swapped (wabt 1.0.x);
 * - data segments for memory > 0 lose the memory index.
 */
function sectionOf(bytes: Uint8Array, at: number): number {
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p]!;
    let size = 0, shift = 0, q = p + 1;
    for (;;) {
      const b = bytes[q++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (at < q + size) return id;
    p = q + size;
  }
  return -1;
}

const root = locateTestsuite();
describe.skipIf(root === null)('parseWat reads wasm2wat output', () => {
  it('round-trips the suite text modules through wabt', async () => {
    const wabt = await wabtInit();
    const features = { simd: true, tail_call: true, multi_memory: true, bulk_memory: true, reference_types: true, memory64: true, relaxed_simd: true };
    let same = 0, lossy = 0;
    for (const file of listWastFiles(root!).filter((f) => !f.includes('/'))) {
      const script = parseWast(readFileSync(join(root!, file), 'utf8'));
      for (const c of script.commands) {
        if (c.kind !== 'module' || c.module.source !== 'text') continue;
        const original = c.module.bytes!;
        let text: string;
        try {
          text = wabt.readWasm(original, { readDebugNames: false, ...features }).toText({ foldExprs: false, inlineExport: false });
        } catch {
          continue; // features wabt 1.0.x does not read (GC, exceptions, …)
        }
        const again = encodeModule(parseWat(text));
        if (Buffer.compare(Buffer.from(again), Buffer.from(original)) === 0) {
          same++;
          continue;
        }
        let k = 0;
        while (k < original.length && original[k] === again[k]) k++;
        const section = sectionOf(original, k);
        expect([9, 10, 11, 6], `${file}:${c.module.loc.line} differs in section ${section}`).toContain(section);
        expect(() => decodeModule(again)).not.toThrow();
        lossy++;
      }
    }
    expect(same).toBeGreaterThan(1700);
    expect(lossy).toBeLessThan(same / 5);
  });
});
