/**
 * i64/f64 constants of functions with a loop are written to frame words once per call (the
 * translator's constant pool) instead of by a `Const64` op at each use: the loop must compute the
 * same values, on every call, and its body must no longer contain the constant ops.
 */
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../src/interp/code.js';
import { translate } from '../../src/interp/translate.js';
import { call1, f64bits, func, load } from './helpers.js';

const inst = load(`(module
  (func (export "mix") (param $n i32) (param $x i64) (result i64)
    (loop $l
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 0x9e3779b97f4a7c15)) (i64.const -7)))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 29))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  (func (export "poly") (param $n i32) (param $x f64) (result f64)
    (local $acc f64)
    (loop $l
      (local.set $acc (f64.add (f64.mul (local.get $acc) (f64.const 0.5)) (f64.mul (local.get $x) (f64.const 1.25))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func (export "f32") (param $n i32) (param $x f32) (result f32)
    (local $acc f32)
    (loop $l
      (local.set $acc (f32.add (f32.mul (local.get $acc) (f32.const 0.5)) (f32.mul (local.get $x) (f32.const 1.25))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func (export "f32nan") (param $n i32) (result i32) (local $v f32)
    (loop $l
      (local.set $v (f32.copysign (f32.const nan:0x200001) (f32.const -1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.reinterpret_f32 (local.get $v)))
)`);

const M = (1n << 64n) - 1n;
function mixRef(n: number, x: bigint): bigint {
  let v = x & M;
  do {
    v = (v * 0x9e3779b97f4a7c15n + (M - 6n)) & M;
    v ^= v >> 29n;
  } while (--n > 0);
  return BigInt.asIntN(64, v);
}
function polyRef(n: number, x: number): number {
  let acc = 0;
  do acc = acc * 0.5 + x * 1.25; while (--n > 0);
  return acc;
}

describe('pooled i64/f64 constants', () => {
  it('give the same results as per-use constants, call after call', () => {
    for (const [n, x] of [[1, 1n], [10, -5n], [1000, 0x123456789abcdefn]] as const) {
      expect(call1(inst, 'mix', n, x)).toBe(mixRef(n, x));
    }
    for (const [n, x] of [[1, 2], [7, -3.5], [100, 1e-3]] as const) {
      expect(call1(inst, 'poly', n, f64bits(x))).toBe(f64bits(polyRef(n, x)));
    }
  });

  it('pool f32 constants bit-exactly (a NaN payload survives)', () => {
    const f = (x: number): number => Math.fround(x);
    let acc = 0;
    for (let n = 5; n > 0; n--) acc = f(f(acc * 0.5) + f(f(3.5) * 1.25));
    expect(call1(inst, 'f32', 5, 0x40600000)).toBe(new Int32Array(new Float32Array([acc]).buffer)[0]);
    expect(call1(inst, 'f32nan', 3)).toBe(0xff800000 | 0x200001);
    const g = func(inst, 'f32');
    if (g.kind !== 'wasm') throw new Error('not a wasm function');
    const listing = disassemble(translate(g.instance, g.index).code);
    expect(listing, listing).not.toMatch(/const32 \d+ 1067450368/);
  });

  it('leave no constant op inside the loop', () => {
    for (const name of ['mix', 'poly']) {
      const f = func(inst, name);
      if (f.kind !== 'wasm') throw new Error('not a wasm function');
      const listing = disassemble(translate(f.instance, f.index).code).split('\n');
      const loopStart = listing.findIndex((l) => !/const64/.test(l));
      expect(loopStart).toBeGreaterThan(0); // the prologue: the pooled constants
      expect(listing.slice(loopStart).some((l) => /const64/.test(l)), listing.join('\n')).toBe(false);
    }
  });
});
