/**
 * Float lanes, table-driven with hand-derived bit patterns: IEEE rounding to f32 per step,
 * min/max with NaN and signed zeros, pmin/pmax returning an operand's exact bits, rounding with
 * ties to even, bit-level abs/neg keeping NaN payloads, canonical NaN for arithmetic NaN results.
 */
import { describe, expect, it } from 'vitest';
import { simdBinary, simdUnary } from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { A, B, bits32, bits64, R, result, slots, vec, type Bits } from './vec.js';

type L = number | Bits;
const f32 = (...xs: L[]): number[] => vec('f32', xs);
const f64 = (...xs: L[]): number[] => vec('f64', xs);
const CNAN32 = bits32(0x7fc00000);
const CNAN64 = bits64(0, 0x7ff80000);
const SNAN32 = bits32(0x7fa00001); // signalling NaN with a payload
const NNAN32 = bits32(0xffc00005);

type Row = [name: string, code: number, a: number[], b: number[], want: number[]];
const binary: Row[] = [
  ['f32x4.add rounds to f32', Op.f32x4_add, f32(16777216, 1, 0.1, Infinity), f32(1, 2 ** -24, 0.2, -Infinity),
    f32(16777216, 1, Math.fround(Math.fround(0.1) + Math.fround(0.2)), CNAN32)],
  ['f32x4.mul overflows to inf', Op.f32x4_mul, f32(3e38, -3e38, 1e-30, 0), f32(10, 10, 1e-30, -1), f32(Infinity, -Infinity, 0, -0)],
  ['f32x4.div', Op.f32x4_div, f32(1, -1, 0, 1), f32(0, 0, 0, 3), f32(Infinity, -Infinity, CNAN32, 1 / 3)],
  ['f32x4.min zeros and NaN', Op.f32x4_min, f32(-0, 0, SNAN32, 1), f32(0, -0, 1, NNAN32), f32(-0, -0, CNAN32, CNAN32)],
  ['f32x4.max zeros and NaN', Op.f32x4_max, f32(-0, 0, SNAN32, -Infinity), f32(0, -0, 1, -5), f32(0, 0, CNAN32, -5)],
  ['f32x4.pmin keeps A bits unless B < A', Op.f32x4_pmin, f32(SNAN32, 1, -0, 0), f32(1, NNAN32, 0, -0), f32(SNAN32, 1, -0, 0)],
  ['f32x4.pmax keeps A bits unless A < B', Op.f32x4_pmax, f32(SNAN32, 1, -0, 1), f32(1, NNAN32, 0, 2), f32(SNAN32, 1, -0, 2)],
  ['f32x4.eq/NaN', Op.f32x4_eq, f32(CNAN32, 0, 1, 2), f32(CNAN32, -0, 1, 3), vec('i32', [0, -1, -1, 0])],
  ['f32x4.ne/NaN', Op.f32x4_ne, f32(CNAN32, 0, 1, 2), f32(CNAN32, -0, 1, 3), vec('i32', [-1, 0, 0, -1])],
  ['f32x4.le', Op.f32x4_le, f32(CNAN32, 0, 1, 2), f32(1, -0, 1, 1), vec('i32', [0, -1, -1, 0])],
  ['f64x2.add', Op.f64x2_add, f64(2 ** 53, 0.1), f64(1, 0.2), f64(2 ** 53, 0.30000000000000004)],
  ['f64x2.sub inf-inf', Op.f64x2_sub, f64(Infinity, 5), f64(Infinity, 7), f64(CNAN64, -2)],
  ['f64x2.min zeros', Op.f64x2_min, f64(0, bits64(1, 0x7ff00000)), f64(-0, 3), f64(-0, CNAN64)],
  ['f64x2.max zeros', Op.f64x2_max, f64(-0, -1), f64(0, -2), f64(0, -1)],
  ['f64x2.pmin NaN in B', Op.f64x2_pmin, f64(1, bits64(7, 0x7ff00000)), f64(bits64(9, 0xfff00000), 2), f64(1, bits64(7, 0x7ff00000))],
  ['f64x2.pmax', Op.f64x2_pmax, f64(-0, 1), f64(0, 2), f64(-0, 2)],
  ['f64x2.gt', Op.f64x2_gt, f64(2, CNAN64), f64(1, 1), vec('i32', [-1, -1, 0, 0])],
];

describe('float binary operations', () => {
  it.each(binary)('%s', (_n, code, a, b, want) => {
    const w = slots(a, b);
    simdBinary(code, w, R, A, B);
    expect(result(w)).toEqual(want);
  });
});

type URow = [name: string, code: number, a: number[], want: number[]];
const unary: URow[] = [
  ['f32x4.neg flips only the sign bit', Op.f32x4_neg, f32(SNAN32, 0, -1, NNAN32), f32(bits32(0xffa00001), -0, 1, bits32(0x7fc00005))],
  ['f32x4.abs clears only the sign bit', Op.f32x4_abs, f32(NNAN32, -0, -3, bits32(0xff800001)), f32(bits32(0x7fc00005), 0, 3, bits32(0x7f800001))],
  ['f64x2.neg', Op.f64x2_neg, f64(bits64(0x1234, 0x7ff00000), 0), f64(bits64(0x1234, 0xfff00000), -0)],
  ['f64x2.abs', Op.f64x2_abs, f64(bits64(5, 0xfff80000), -Infinity), f64(bits64(5, 0x7ff80000), Infinity)],
  ['f32x4.sqrt', Op.f32x4_sqrt, f32(2, -1, -0, Infinity), f32(bits32(0x3fb504f3), CNAN32, -0, Infinity)],
  ['f32x4.nearest ties to even', Op.f32x4_nearest, f32(2.5, -2.5, 0.5, -0.5), f32(2, -2, 0, -0)],
  ['f32x4.nearest', Op.f32x4_nearest, f32(1.5, -3.5, 8388609, 0.49999997), f32(2, -4, 8388609, 0)],
  ['f32x4.ceil', Op.f32x4_ceil, f32(-0.5, 0.1, -1.5, SNAN32), f32(-0, 1, -1, CNAN32)],
  ['f32x4.floor', Op.f32x4_floor, f32(0.5, -0.1, -0, 1e10), f32(0, -1, -0, 1e10)],
  ['f32x4.trunc', Op.f32x4_trunc, f32(-1.9, 1.9, -0.2, -Infinity), f32(-1, 1, -0, -Infinity)],
  ['f64x2.nearest', Op.f64x2_nearest, f64(4503599627370495.5, -0.5), f64(4503599627370496, -0)],
  ['f64x2.nearest odd tie', Op.f64x2_nearest, f64(3.5, -4.5), f64(4, -4)],
  ['f64x2.sqrt', Op.f64x2_sqrt, f64(2, bits64(1, 0xfff00000)), f64(Math.SQRT2, CNAN64)],
  ['f64x2.ceil', Op.f64x2_ceil, f64(-0.9, 2 ** 52 + 1), f64(-0, 2 ** 52 + 1)],
];

describe('float unary operations', () => {
  it.each(unary)('%s', (_n, code, a, want) => {
    const w = slots(a);
    simdUnary(code, w, R, A);
    expect(result(w)).toEqual(want);
  });
});
