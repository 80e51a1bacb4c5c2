/**
 * Differential check against the host's WebAssembly (V8; test-only oracle): every mutated suite
 * module that V8 compiles must decode, with every body streaming cleanly. The converse is not
 * checked — Node 20's V8 lacks several 3.0 features (GC, memory64, multi-memory, …), so it refuses
 * modules that are well-formed.
 */
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { mutate, rng, streamBodies } from '../../tools/fuzz-decoder-lib.js';
import { suiteBinarySeeds, suiteTextSeeds } from '../../tools/fuzz-decoder-seeds.js';

const host = (globalThis as { WebAssembly?: { Module: new (b: Uint8Array) => unknown } }).WebAssembly;

function v8Accepts(bytes: Uint8Array): boolean {
  try {
    new host!.Module(bytes);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!host)('agreement with V8', () => {
  it('decodes every mutated module that V8 accepts', async () => {
    const seeds = [...suiteBinarySeeds(), ...(await suiteTextSeeds(1500))].filter(v8Accepts);
    expect(seeds.length).toBeGreaterThan(500);
    const next = rng(2026);
    let accepted = 0;
    const wrong: string[] = [];
    for (let v = 0; v < 6000; v++) {
      const bytes = mutate(seeds[v % seeds.length]!, next);
      if (!v8Accepts(bytes)) continue;
      accepted++;
      try {
        streamBodies(decodeModule(bytes));
      } catch (e) {
        wrong.push(`variant ${v}: ${String(e)}`);
      }
    }
    expect(accepted).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });
});
