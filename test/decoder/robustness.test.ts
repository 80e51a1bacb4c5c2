/**
 * Robustness: deep nesting without recursion, declared counts that the bytes cannot back, and a
 * short seeded mutation-fuzz run (the long one is `npx tsx tools/fuzz-decoder.ts`).
 */
import { describe, expect, it } from 'vitest';
import { decodeModule, InstrReader } from '../../src/decoder/index.js';
import { CompileError } from '../../src/util/errors.js';
import { fuzzDecoder } from '../../tools/fuzz-decoder-lib.js';
import { suiteBinarySeeds, suiteTextSeeds } from '../../tools/fuzz-decoder-seeds.js';
import { func, section, u32, vec, wasm } from './builder.js';

const N = 1_000_000;

/** `block` ×n then `end` ×n, then `extra` (the function's own `end`, by default). */
function nestedBlocks(n: number, extra: number[] = [0x0b]): Uint8Array {
  const body = new Uint8Array(3 * n + extra.length);
  for (let i = 0; i < n; i++) { body[2 * i] = 0x02; body[2 * i + 1] = 0x40; }
  body.fill(0x0b, 2 * n, 3 * n);
  body.set(extra, 3 * n);
  return body;
}

/** A module whose only function (type [] -> []) has no locals and this body; built without spreading megabytes. */
function moduleWithBody(body: Uint8Array): Uint8Array {
  const entry = Uint8Array.from([...u32(body.length + 1), 0]);
  const code = Uint8Array.from([...u32(1)]);
  const size = entry.length + code.length + body.length;
  const head = wasm(section(1, vec([[0x60, 0, 0]])), section(3, vec([[0]])), [10, ...u32(size)]);
  const out = new Uint8Array(head.length + size);
  out.set(head);
  out.set(code, head.length);
  out.set(entry, head.length + code.length);
  out.set(body, head.length + code.length + entry.length);
  return out;
}

describe('deep nesting', () => {
  it(`decodes and streams a body of ${N} nested blocks`, () => {
    const m = decodeModule(moduleWithBody(nestedBlocks(N)));
    const body = m.codes[0]!.body;
    expect(body.bytes.length).toBe(3 * N + 1);
    const ir = new InstrReader(body.bytes, 0, body.bytes.length, body.offset);
    let ops = 0;
    while (!ir.atEnd()) { ir.next(); ops++; }
    expect(ops).toBe(2 * N + 1);
  });

  it(`finds the end of a constant expression nested ${N} blocks deep`, () => {
    const init = nestedBlocks(N);
    const content = new Uint8Array(init.length + 3);
    content.set([1, 0x7f, 0]);
    content.set(init, 3);
    const bytes = new Uint8Array([...wasm([6, ...u32(content.length)]), ...content]);
    const m = decodeModule(bytes);
    expect(m.globals[0]!.init.bytes.length).toBe(init.length);
  });

  it(`explains a missing end after ${N} nested blocks without recursion`, () => {
    try {
      decodeModule(moduleWithBody(nestedBlocks(N, [0x01])));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      expect((e as CompileError).reason).toBe('unexpected end of section or function');
    }
  });
});

describe('declared counts', () => {
  it('does not allocate for locals, however many are declared', () => {
    const m = decodeModule(wasm(section(1, vec([[0x60, 0, 0]])), section(3, vec([[0]])),
      section(10, vec([func([[0xffffffff, 0x7f]], [0x0b])]))));
    expect(m.codes[0]!.numLocals).toBe(0xffffffff);
  });

  it.each([
    ['types', 1], ['rec group', 1], ['struct fields', 1], ['br_table targets', 10], ['element indices', 9],
  ])('rejects 2^32-1 %s backed by a few bytes, fast', (what) => {
    const huge = u32(0xffffffff);
    const sections: Record<string, number[]> = {
      types: section(1, [...huge, 0x60]),
      'rec group': section(1, [1, 0x4e, ...huge, 0x60]),
      'struct fields': section(1, [1, 0x5f, ...huge, 0x7f]),
      'element indices': section(9, [1, 1, 0, ...huge, 0]),
      'br_table targets': [...section(1, vec([[0x60, 0, 0]])), ...section(3, vec([[0]])),
        ...section(10, vec([func([], [0x0e, ...huge, 0, 0x0b])]))],
    };
    const bytes = wasm(sections[what]!);
    const t0 = performance.now();
    expect(() => {
      const m = decodeModule(bytes);
      for (const c of m.codes) {
        const ir = new InstrReader(c.body.bytes, 0, c.body.bytes.length, c.body.offset);
        while (!ir.atEnd()) ir.next();
      }
    }).toThrow(CompileError);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe('mutation fuzzing', () => {
  it('turns every variant of the suite modules into a Module or a CompileError', async () => {
    const seeds = [...suiteBinarySeeds(), ...(await suiteTextSeeds(600))];
    expect(seeds.length).toBeGreaterThan(300);
    const report = fuzzDecoder(seeds, 5000, 20261124);
    expect(report.failures.map((f) => `${f.seedIndex}/${f.variant}: ${String(f.error)}`)).toEqual([]);
    expect(report.decoded + report.rejected).toBe(5000);
    // Both outcomes must occur, or the mutations are not reaching the decoder.
    expect(report.decoded).toBeGreaterThan(50);
    expect(report.rejected).toBeGreaterThan(1000);
  });
});
