/**
 * Engine configuration: feature switches refuse modules that use a disabled proposal (and only
 * those), eager translation gives the same results as lazy, and bad settings are refused.
 */
import { describe, expect, test } from 'vitest';
import { CompileError, Engine, Instance, Module, Store } from '../../src/index.js';
import { wat } from './helpers.js';

const SIMD = (() => {
  // wabt's SIMD flag is on by default in recent versions; build the v128 module by hand to be sure.
  const body = [0x00, 0xfd, 0x0c, ...new Array(16).fill(1), 0x1a, 0x0b]; // v128.const, drop, end
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 4, 1, 0x60, 0, 0, // type section: [] -> []
    3, 2, 1, 0, // function section
    10, body.length + 2, 1, body.length, ...body, // code section
  ]);
})();
const PLAIN = wat('(module (func (export "f") (result i32) (i32.const 42)))');

describe('engine configuration', () => {
  test('a disabled feature refuses the modules that use it, with wasmparser-style wording', () => {
    const engine = new Engine({ features: { simd: false } });
    expect(() => Module.new(engine, SIMD)).toThrow(CompileError);
    expect(() => Module.new(engine, SIMD)).toThrow('simd support is not enabled');
    expect(() => Module.validate(engine, SIMD)).toThrow('simd support is not enabled');
    expect(() => Module.new(engine, PLAIN)).not.toThrow();
    expect(() => Module.new(new Engine(), SIMD)).not.toThrow();
  });

  test('a disabled feature no operator shows is found from the declarations alone', () => {
    // memory section: one memory, flags 0x04 (64-bit addresses), min 1
    const mem64 = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0x04, 1]);
    expect(() => Module.new(new Engine({ features: { memory64: false } }), mem64)).toThrow('memory64 support is not enabled');
    expect(() => Module.new(new Engine(), mem64)).not.toThrow();
    // With only such features disabled, the code is not scanned, yet modules using others still load.
    expect(() => Module.new(new Engine({ features: { memory64: false } }), SIMD)).not.toThrow();
  });

  test('custom page sizes (beyond 3.0) are off unless asked for', () => {
    // memory section: one memory, flags 0x08 (custom page size follows), min 1, page size 2^0
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 4, 1, 0x08, 1, 0]);
    expect(() => Module.new(new Engine(), bytes)).toThrow('malformed limits flags');
    const engine = new Engine({ features: { 'custom-page-sizes': true } });
    const store = new Store(engine, undefined);
    const inst = Instance.new(store, Module.new(engine, bytes), []);
    expect(inst.exports(store)).toEqual([]);
    expect(Module.new(engine, bytes).ast.memories[0]!.pageSizeLog2).toBe(0);
  });

  test('eager translation gives the same results as lazy', () => {
    for (const compilation of ['eager', 'lazy'] as const) {
      const engine = new Engine({ compilation });
      const store = new Store(engine, undefined);
      const inst = Instance.new(store, Module.new(engine, PLAIN), []);
      expect(inst.getFunc(store, 'f')!.call(store)).toEqual([42]);
    }
  });

  test('bad settings are refused', () => {
    expect(() => new Engine({ maxCallDepth: 0 })).toThrow(RangeError);
    expect(() => new Engine({ maxStackBytes: 10 })).toThrow(RangeError);
    expect(() => new Engine({ features: { nonsense: false } as never })).toThrow('unknown feature `nonsense`');
    expect(new Engine().config.features.gc).toBe(true);
  });
});
