/**
 * Tests of the benchmark suite's own machinery (bench/): that every kernel computes the same
 * checksum in purewasm as in V8 (the oracle; tiny work sizes, run from src/), that checksums are
 * normalised the same way for every engine, the statistics, and the parsing of V8's optimisation
 * trace that the dispatch-loop check relies on. Timing is not tested: benchmarks are commands.
 */
import { describe, expect, it } from 'vitest';
import { checksumText } from '../../bench/engines.js';
import { KERNELS, kernelBytes, selectKernels } from '../../bench/kernels.js';
import { parseTrace } from '../../bench/optcheck.js';
import { geomean, median } from '../../bench/stats.js';
import { Engine, Instance, Module, Store } from '../../src/index.js';

/** Tiny work sizes: enough to run every instruction of each kernel's loop, fast from src/. */
const TINY: Record<string, number> = {
  fib: 1, loop: 300, sieve: 1, matmul: 1, nbody: 10, f32: 16, i64: 1000, vm: 1000,
  sort: 1, hash: 1, indirect: 1000, bulk: 10, simd: 2,
};

describe('kernels', () => {
  it('has at least 12 kernels, each with a tiny size here', () => {
    expect(KERNELS.length).toBeGreaterThanOrEqual(12);
    for (const k of KERNELS) expect(TINY[k.name], k.name).toBeDefined();
  });

  for (const k of KERNELS) {
    it(`${k.name}: purewasm's checksum equals V8's`, () => {
      const bytes = kernelBytes(k.name);
      const arg = TINY[k.name]!;
      const v8 = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
      const expected = checksumText((v8.exports['run'] as (n: number) => unknown)(arg));
      const engine = new Engine();
      const store = new Store(engine, undefined);
      const instance = Instance.new(store, Module.new(engine, bytes), []);
      expect(checksumText(instance.getFunc(store, 'run')!.call(store, arg)[0])).toBe(expected);
    });
  }

  it('refuses unknown kernel names', () => {
    expect(() => selectKernels(['fib', 'nope'])).toThrow(/unknown kernel 'nope'/);
    expect(selectKernels(['sort', 'fib']).map((k) => k.name)).toEqual(['sort', 'fib']);
  });
});

describe('checksumText', () => {
  it('reads i32 results as unsigned and i64 results as unsigned 64-bit', () => {
    expect(checksumText(-1)).toBe('4294967295');
    expect(checksumText(7)).toBe('7');
    expect(checksumText(-1n)).toBe('18446744073709551615');
    expect(checksumText(1n << 40n)).toBe('1099511627776');
    expect(() => checksumText('7')).toThrow(TypeError);
  });
});

describe('stats', () => {
  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('geometric mean', () => {
    expect(geomean([2, 8])).toBeCloseTo(4, 12);
    expect(geomean([10, 10, 10])).toBeCloseTo(10, 12);
    expect(geomean([])).toBeNaN();
  });
});

describe('parseTrace', () => {
  const trace = [
    '[marking 0x1 <JSFunction runLoop (sfi = 0x2)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: hot and stable]',
    '[completed optimizing 0x1 <JSFunction runLoop (sfi = 0x2)> (target TURBOFAN) OSR]',
    '[bailout (kind: deopt-eager, reason: Insufficient type feedback for binary operation): begin. deoptimizing 0x1 <JSFunction runLoop (sfi = 0x2)>, 0x3 <Code TURBOFAN>]',
    '[completed optimizing 0x1 <JSFunction runLoop (sfi = 0x2)> (target TURBOFAN)]',
    '[completed optimizing 0x5 <JSFunction helper (sfi = 0x6)> (target TURBOFAN)]',
    '[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x5 <JSFunction helper (sfi = 0x6)>, 0x7 <Code TURBOFAN>]',
    '[aborted optimizing 0x8 <JSFunction huge (sfi = 0x9)> because: Function is too large]',
    '[completed optimizing 0xa <JSFunction notOurs (sfi = 0xb)> (target TURBOFAN)]',
  ].join('\n');
  const r = parseTrace(trace, new Set(['runLoop', 'helper', 'huge']));

  it('counts optimisations, OSR and deopts, and the state at the end', () => {
    expect(r.get('runLoop')).toMatchObject({ optimised: 1, osr: 1, deopts: ['Insufficient type feedback for binary operation'], optimisedAtEnd: true });
    expect(r.get('helper')).toMatchObject({ optimised: 1, deopts: ['wrong map'], optimisedAtEnd: false });
  });
  it('records aborted optimisation and ignores functions not asked for', () => {
    expect(r.get('huge')).toMatchObject({ optimised: 0, aborted: ['Function is too large'], optimisedAtEnd: false });
    expect(r.has('notOurs')).toBe(false);
  });
});
