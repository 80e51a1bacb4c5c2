/** Numeric instructions, bit-exact: integer edge cases, NaN payloads, -0, rounding, conversions. */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call1, f32bits, f64bits, load } from './helpers.js';

const inst = load(`(module
  (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "i32.rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func (export "i32.rotr") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func (export "i32.ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
  (func (export "i32.popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "i64.mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "i64.rotr") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
  (func (export "i64.shr_u") (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func (export "i64.clz") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "i64.lt_u") (param i64 i64) (result i32) (i64.lt_u (local.get 0) (local.get 1)))
  (func (export "f32.neg") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "f32.copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
  (func (export "f32.add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "f64.abs") (param f64) (result f64) (f64.abs (local.get 0)))
  (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "f64.nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "f64.floor") (param f64) (result f64) (f64.floor (local.get 0)))
  (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i32.trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "i64.trunc_sat_f64_s") (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "f32.convert_i64_s") (param i64) (result f32) (f32.convert_i64_s (local.get 0)))
  (func (export "f32.convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func (export "f64.convert_i64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "f32.demote_f64") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func (export "i64.extend8_s") (param i64) (result i64) (i64.extend8_s (local.get 0)))
  (func (export "i64.extend_i32_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "f32.reinterpret") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "i64.reinterpret") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
)`);

function trapCode(f: () => unknown): TrapCode | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
  return undefined;
}

describe('integer arithmetic', () => {
  it('divides with the spec traps', () => {
    expect(call1(inst, 'i32.div_s', -7, 2)).toBe(-3);
    expect(trapCode(() => call1(inst, 'i32.div_s', 1, 0))).toBe(TrapCode.IntegerDivideByZero);
    expect(trapCode(() => call1(inst, 'i32.div_s', -0x80000000, -1))).toBe(TrapCode.IntegerOverflow);
    expect(call1(inst, 'i32.rem_s', -0x80000000, -1)).toBe(0);
    expect(call1(inst, 'i32.div_u', -1, 2)).toBe(0x7fffffff);
    expect(call1(inst, 'i64.div_s', -9n, 2n)).toBe(-4n);
    expect(trapCode(() => call1(inst, 'i64.div_s', -0x8000000000000000n, -1n))).toBe(TrapCode.IntegerOverflow);
    expect(call1(inst, 'i64.rem_u', -1n, 10n)).toBe(5n);
  });
  it('rotates, counts and shifts', () => {
    expect(call1(inst, 'i32.rotl', 0x80000001 | 0, 1)).toBe(3);
    expect(call1(inst, 'i32.rotr', 1, 33)).toBe(0x80000000 | 0);
    expect(call1(inst, 'i32.ctz', 0)).toBe(32);
    expect(call1(inst, 'i32.popcnt', -1)).toBe(32);
    expect(call1(inst, 'i64.mul', 0x100000000n, 0x100000000n)).toBe(0n);
    expect(call1(inst, 'i64.rotr', 1n, 65n)).toBe(-0x8000000000000000n);
    expect(call1(inst, 'i64.shr_u', -1n, 127n)).toBe(1n);
    expect(call1(inst, 'i64.clz', 1n)).toBe(63n);
    expect(call1(inst, 'i64.lt_u', 1n, -1n)).toBe(1);
    expect(call1(inst, 'i64.extend8_s', 0x80n)).toBe(-128n);
    expect(call1(inst, 'i64.extend_i32_u', -1)).toBe(0xffffffffn);
  });
});

describe('floats keep their bits', () => {
  const sNaN32 = 0x7fa00001;
  it('neg/copysign/reinterpret keep signalling NaN payloads', () => {
    expect(call1(inst, 'f32.neg', sNaN32)).toBe(sNaN32 | 0x80000000 | 0);
    expect(call1(inst, 'f32.copysign', sNaN32, f32bits(-1))).toBe((sNaN32 | 0x80000000) | 0);
    expect(call1(inst, 'f32.reinterpret', sNaN32)).toBe(sNaN32);
    expect(call1(inst, 'f64.abs', 0xfff0000000000001n)).toBe(0x7ff0000000000001n);
    expect(call1(inst, 'i64.reinterpret', 0x7ff0000000000001n)).toBe(0x7ff0000000000001n);
  });
  it('rounds f32 each step and to nearest-even', () => {
    expect(call1(inst, 'f32.add', f32bits(16777216), f32bits(1))).toBe(f32bits(16777216));
    expect(call1(inst, 'f32.nearest', f32bits(2.5))).toBe(f32bits(2));
    expect(call1(inst, 'f32.nearest', f32bits(-0.5))).toBe(f32bits(-0));
    expect(call1(inst, 'f64.nearest', f64bits(3.5))).toBe(f64bits(4));
    expect(call1(inst, 'f64.nearest', f64bits(4503599627370495.5))).toBe(f64bits(4503599627370496));
  });
  it('min/max order -0 and +0 and propagate NaN', () => {
    expect(call1(inst, 'f32.min', f32bits(0), f32bits(-0))).toBe(f32bits(-0));
    expect(call1(inst, 'f64.max', f64bits(-0), f64bits(0))).toBe(f64bits(0));
    const r = call1(inst, 'f64.max', f64bits(NaN), f64bits(1)) as bigint;
    expect(r & 0x7ff8000000000000n).toBe(0x7ff8000000000000n);
  });
  it('quiets a signalling NaN in rounding operations', () => {
    const r = call1(inst, 'f64.floor', 0x7ff4000000000000n) as bigint;
    expect(r & 0x0008000000000000n).toBe(0x0008000000000000n);
  });
});

describe('conversions', () => {
  it('traps on NaN and overflow with the spec codes', () => {
    expect(trapCode(() => call1(inst, 'i32.trunc_f32_s', f32bits(NaN)))).toBe(TrapCode.InvalidConversionToInteger);
    expect(trapCode(() => call1(inst, 'i32.trunc_f32_s', f32bits(2147483648)))).toBe(TrapCode.IntegerOverflow);
    expect(call1(inst, 'i32.trunc_f32_s', f32bits(-2147483648))).toBe(-2147483648);
    expect(call1(inst, 'i32.trunc_f64_u', f64bits(4294967295.9))).toBe(-1);
    expect(trapCode(() => call1(inst, 'i32.trunc_f64_u', f64bits(-1)))).toBe(TrapCode.IntegerOverflow);
    expect(call1(inst, 'i32.trunc_f64_u', f64bits(-0.9))).toBe(0);
    expect(call1(inst, 'i64.trunc_f64_u', f64bits(18446744073709549568))).toBe(-2048n);
  });
  it('saturates', () => {
    expect(call1(inst, 'i64.trunc_sat_f64_s', f64bits(1e30))).toBe(0x7fffffffffffffffn);
    expect(call1(inst, 'i64.trunc_sat_f64_s', f64bits(NaN))).toBe(0n);
  });
  it('rounds i64 → f32 once (no double rounding)', () => {
    // 2^53 + 2^29 + 1 sits just above a tie between two f32 neighbours: rounding to f64 first
    // would land on the tie and then round to even (down); the exact value rounds up.
    const v = (1n << 60n) + (1n << 36n) + 1n;
    expect(call1(inst, 'f32.convert_i64_s', v)).toBe(f32bits(2 ** 60 + 2 ** 37));
    expect(call1(inst, 'f32.convert_i64_u', -1n)).toBe(f32bits(2 ** 64));
    expect(call1(inst, 'f64.convert_i64_u', -1n)).toBe(f64bits(2 ** 64));
    expect(call1(inst, 'f32.demote_f64', f64bits(1 + 2 ** -24))).toBe(f32bits(1));
  });
});
