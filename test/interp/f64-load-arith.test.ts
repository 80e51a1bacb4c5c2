/**
 * f64.add/sub/mul whose operand comes straight from an f64.load run as one op that reads memory
 * itself (`f64.<op>_load`, and `_load_add_imm` when the address was also an i32.add with a
 * constant). Checked: operand order of sub, the loaded value on either side of add/mul, address
 * wrap before the offset, traps exactly at the end of memory, and NaN results.
 */
import { describe, expect, it } from 'vitest';
import { call1, f64bits, func, load, listing as listingOf } from './helpers.js';
import { Thread } from '../../src/interp/thread.js';
import type { RawVal } from '../../src/core/values.js';

const inst = load(`(module
  (memory 1)
  (func (export "put") (param $p i32) (param $v f64) (f64.store (local.get $p) (local.get $v)))
  (func (export "sub") (param $p i32) (param $a f64) (result f64)
    (f64.sub (local.get $a) (f64.load offset=8 (local.get $p))))
  (func (export "add_l") (param $p i32) (param $a f64) (result f64)
    (f64.add (f64.load (local.get $p)) (local.get $a)))
  (func (export "mul_k") (param $p i32) (param $a f64) (result f64)
    (f64.mul (local.get $a) (f64.load offset=8 (i32.add (local.get $p) (i32.const -16)))))
  (func (export "sub_k") (param $p i32) (param $a f64) (result f64)
    (f64.sub (local.get $a) (f64.load (i32.add (local.get $p) (i32.const 8)))))
  (func (export "mul2k") (param $p i32) (result f64)
    (f64.mul (f64.load offset=8 (i32.add (local.get $p) (i32.const -8)))
             (f64.load offset=8 (i32.add (local.get $p) (i32.const 0)))))
  (func (export "loads") (param $p i32) (result f64)
    (f64.mul (f64.load (local.get $p)) (f64.load offset=8 (local.get $p))))
)`);

const bits = (x: number): bigint => f64bits(x);
const num = (b: unknown): number => new Float64Array(new BigUint64Array([BigInt.asUintN(64, b as bigint)]).buffer)[0]!;
const put = (p: number, x: number): void => { call1(inst, 'put', p, bits(x)); };

const listing = (name: string): string => listingOf(inst, name);

describe('f64 arithmetic fused with an f64.load operand', () => {
  it('is one op', () => {
    for (const [name, op] of [['sub', 'f64.sub_load'], ['add_l', 'f64.add_load'], ['mul_k', 'f64.mul_load_add_imm'], ['sub_k', 'f64.sub_load_add_imm'], ['loads', 'f64.mul_load_load']]) {
      const a = listing(name!);
      expect(a, a).toContain(`${op} `);
      expect(a.match(/f64\.load /g)?.length ?? 0, a).toBe(0);
    }
  });

  it('computes a <op> mem with the operands in wasm order', () => {
    put(108, 0.25);
    expect(num(call1(inst, 'sub', 100, bits(1)))).toBe(0.75);
    put(100, 3);
    expect(num(call1(inst, 'add_l', 100, bits(0.5)))).toBe(3.5);
    put(200, -2);
    expect(num(call1(inst, 'mul_k', 208, bits(1.5)))).toBe(-3);
    put(208, 10);
    expect(num(call1(inst, 'sub_k', 200, bits(1)))).toBe(-9);
    put(300, 6); put(308, 7);
    expect(num(call1(inst, 'loads', 300))).toBe(42);
    // -0 - (+0) is -0; +0 - (+0) is +0: the sign shows the operand order.
    put(108, 0);
    expect(bits(num(call1(inst, 'sub', 100, bits(-0))))).toBe(bits(-0));
  });

  it('wraps the stepped address before the offset and traps at the exact end of memory', () => {
    put(8, 4);
    // p = 8: (8 - 16) wraps to 2^32 - 8, plus offset 8 is 2^32: out of bounds, no wrap to 0.
    expect(() => call1(inst, 'mul_k', 8, bits(1))).toThrow(/out of bounds/);
    expect(num(call1(inst, 'mul_k', 16, bits(2)))).toBe(8);
    put(65528, 1);
    expect(num(call1(inst, 'sub_k', 65520, bits(1)))).toBe(0);
    expect(() => call1(inst, 'sub_k', 65521, bits(1))).toThrow(/out of bounds/);
    expect(() => call1(inst, 'add_l', 65529, bits(1))).toThrow(/out of bounds/);
    expect(() => call1(inst, 'sub', 65520, bits(1))).not.toThrow();
    expect(() => call1(inst, 'sub', 65521, bits(1))).toThrow(/out of bounds/);
  });

  it('multiplies two loads in one op, the left one checked first', () => {
    put(300, 6); put(308, 7);
    expect(num(call1(inst, 'loads', 300))).toBe(42);
    put(65520, 1.5); put(65528, -4);
    expect(num(call1(inst, 'loads', 65520))).toBe(-6);
    expect(() => call1(inst, 'loads', 65521)).toThrow(/out of bounds/);
    expect(() => call1(inst, 'loads', 65529)).toThrow(/out of bounds/);
    expect(num(call1(inst, 'mul2k', 65520))).toBe(-6);
    // Left address (p - 8) wraps to 2^32 - 8 and, plus offset 8, is out of bounds although the
    // right one (p + 0) is in bounds: the left access decides.
    expect(() => call1(inst, 'mul2k', 0)).toThrow(/out of bounds/);
  });

  it('gives the same results and traps on the closure executor', () => {
    const on = (executor: 'switch' | 'closures', name: string, args: RawVal[]): unknown => {
      const t = new Thread({ executor });
      t.start(func(inst, name), args);
      try { t.run(); return t.results(); } catch (e) { return (e as Error).message; }
    };
    for (const [name, args] of [['loads', [65520]], ['loads', [65521]], ['mul2k', [65520]], ['mul2k', [0]], ['sub_k', [65520, bits(1)]]] as Array<[string, RawVal[]]>) {
      expect(on('closures', name, args), name).toEqual(on('switch', name, args));
    }
  });

  it('gives a NaN for NaN operands', () => {
    call1(inst, 'put', 100, 0x7ff0000000000001n);
    expect(Number.isNaN(num(call1(inst, 'add_l', 100, bits(1))))).toBe(true);
    expect(Number.isNaN(num(call1(inst, 'sub', 92, bits(NaN))))).toBe(true);
  });
});
