/**
 * Shape-changing integer operations and int/float conversions, table-driven with hand-derived
 * expectations: saturating narrow and trunc_sat, extend, extmul (incl. 32×32→64), extadd_pairwise,
 * dot (with its single wrapping case), convert, demote (round to nearest even) and promote.
 */
import { describe, expect, it } from 'vitest';
import { simdBinary, simdUnary } from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { A, B, bits32, lanes, R, result, slots, vec, type Shape } from './vec.js';

type Lane = number | bigint;
type URow = [name: string, code: number, inShape: Shape, a: Lane[], outShape: Shape, want: Lane[]];
const unary: URow[] = [
  ['i16x8.extend_low_i8x16_s', Op.i16x8_extend_low_i8x16_s, 'i8', [-1, 127, -128, 0, 1, 2, 3, 4, 9], 'i16', [-1, 127, -128, 0, 1, 2, 3, 4]],
  ['i16x8.extend_high_i8x16_u', Op.i16x8_extend_high_i8x16_u, 'i8', [0, 0, 0, 0, 0, 0, 0, 0, -1, -128, 5], 'i16', [255, 128, 5]],
  ['i32x4.extend_high_i16x8_s', Op.i32x4_extend_high_i16x8_s, 'i16', [1, 2, 3, 4, -32768, -1, 7, 8], 'i32', [-32768, -1, 7, 8]],
  ['i32x4.extend_low_i16x8_u', Op.i32x4_extend_low_i16x8_u, 'i16', [-1, -32768, 0, 1], 'i32', [65535, 32768, 0, 1]],
  ['i64x2.extend_low_i32x4_s', Op.i64x2_extend_low_i32x4_s, 'i32', [-1, -2147483648, 5, 6], 'i64', [-1n, -2147483648n]],
  ['i64x2.extend_high_i32x4_u', Op.i64x2_extend_high_i32x4_u, 'i32', [1, 2, -1, -2147483648], 'i64', [4294967295n, 2147483648n]],
  ['i16x8.extadd_pairwise_i8x16_s', Op.i16x8_extadd_pairwise_i8x16_s, 'i8', [-128, -128, 127, 127, -1, 1], 'i16', [-256, 254, 0]],
  ['i16x8.extadd_pairwise_i8x16_u', Op.i16x8_extadd_pairwise_i8x16_u, 'i8', [-1, -1, -128, 0], 'i16', [510, 128]],
  ['i32x4.extadd_pairwise_i16x8_s', Op.i32x4_extadd_pairwise_i16x8_s, 'i16', [-32768, -32768, 32767, 32767], 'i32', [-65536, 65534]],
  ['i32x4.extadd_pairwise_i16x8_u', Op.i32x4_extadd_pairwise_i16x8_u, 'i16', [-1, -1], 'i32', [131070]],
  ['i32x4.trunc_sat_f32x4_s', Op.i32x4_trunc_sat_f32x4_s, 'f32', [NaN, 3e9, -3e9, -1.9], 'i32', [0, 2147483647, -2147483648, -1]],
  ['i32x4.trunc_sat_f32x4_u', Op.i32x4_trunc_sat_f32x4_u, 'f32', [NaN, 5e9, -0.9, 4294967040], 'u32', [0, 4294967295, 0, 4294967040]],
  ['i32x4.trunc_sat_f64x2_s_zero', Op.i32x4_trunc_sat_f64x2_s_zero, 'f64', [2147483647.9, -2147483648.9], 'i32', [2147483647, -2147483648, 0, 0]],
  ['i32x4.trunc_sat_f64x2_u_zero', Op.i32x4_trunc_sat_f64x2_u_zero, 'f64', [4294967295.9, -0.5], 'u32', [4294967295, 0, 0, 0]],
  ['i32x4.trunc_sat_f64x2_s_zero NaN', Op.i32x4_trunc_sat_f64x2_s_zero, 'f64', [NaN, -Infinity], 'i32', [0, -2147483648, 0, 0]],
  ['f32x4.convert_i32x4_s rounds to nearest even', Op.f32x4_convert_i32x4_s, 'i32', [16777217, 16777219, -2147483648, 2147483647], 'f32',
    [16777216, 16777220, -2147483648, 2147483648]],
  ['f32x4.convert_i32x4_u', Op.f32x4_convert_i32x4_u, 'i32', [-1, -2147483648, 1, 0], 'f32', [4294967296, 2147483648, 1, 0]],
  ['f64x2.convert_low_i32x4_s', Op.f64x2_convert_low_i32x4_s, 'i32', [-1, 2147483647, 9, 9], 'f64', [-1, 2147483647]],
  ['f64x2.convert_low_i32x4_u', Op.f64x2_convert_low_i32x4_u, 'i32', [-1, -2147483648, 9, 9], 'f64', [4294967295, 2147483648]],
  ['f32x4.demote_f64x2_zero', Op.f32x4_demote_f64x2_zero, 'f64', [1e300, 1 + 2 ** -24], 'f32', [Infinity, 1, 0, 0]],
  ['f32x4.demote_f64x2_zero ties to even', Op.f32x4_demote_f64x2_zero, 'f64', [1 + 3 * 2 ** -24, -(2 ** -150)], 'f32', [1 + 2 ** -22, -0, 0, 0]],
  ['f64x2.promote_low_f32x4', Op.f64x2_promote_low_f32x4, 'f32', [0.1, -Infinity, 7, 7], 'f64', [Math.fround(0.1), -Infinity]],
];

describe('widening, narrowing and conversions (unary)', () => {
  it.each(unary)('%s', (_n, code, inShape, a, outShape, want) => {
    const w = slots(vec(inShape, a));
    w.fill(0x5a5a5a5a, R, R + 4);
    simdUnary(code, w, R, A);
    expect(lanes(outShape, result(w)).slice(0, want.length)).toEqual(want);
  });

  it('demote and promote write the canonical NaN for NaN lanes', () => {
    const w = slots(vec('f64', [NaN, 1]));
    w[A] = 0x12345; w[A + 1] = 0xfff00000 | 0; // negative signalling NaN with payload
    simdUnary(Op.f32x4_demote_f64x2_zero, w, R, A);
    expect(result(w)).toEqual(vec('f32', [bits32(0x7fc00000), 1, 0, 0]));
    const v = slots(vec('f32', [bits32(0xff800001), 2]));
    simdUnary(Op.f64x2_promote_low_f32x4, v, R, A);
    expect(result(v)).toEqual([0, 0x7ff80000, ...vec('f64', [0, 2]).slice(2)]);
  });
});

type BRow = [name: string, code: number, inShape: Shape, a: Lane[], b: Lane[], outShape: Shape, want: Lane[]];
const binary: BRow[] = [
  ['i8x16.narrow_i16x8_s', Op.i8x16_narrow_i16x8_s, 'i16', [300, -300, 127, -129, 0, 1, 2, 3], [-1, 128], 'i8',
    [127, -128, 127, -128, 0, 1, 2, 3, -1, 127]],
  ['i8x16.narrow_i16x8_u', Op.i8x16_narrow_i16x8_u, 'i16', [300, -1, 255, 256, 0, 0, 0, 0], [128, -32768], 'u8',
    [255, 0, 255, 255, 0, 0, 0, 0, 128, 0]],
  ['i16x8.narrow_i32x4_s', Op.i16x8_narrow_i32x4_s, 'i32', [70000, -70000, 32767, -32768], [-32769, 5], 'i16',
    [32767, -32768, 32767, -32768, -32768, 5]],
  ['i16x8.narrow_i32x4_u', Op.i16x8_narrow_i32x4_u, 'i32', [70000, -5, 65535, 32768], [-2147483648, 2147483647], 'u16',
    [65535, 0, 65535, 32768, 0, 65535]],
  ['i16x8.extmul_low_i8x16_s', Op.i16x8_extmul_low_i8x16_s, 'i8', [-128, -128, 127, 2], [-128, 127, 127, -3], 'i16', [16384, -16256, 16129, -6]],
  ['i16x8.extmul_high_i8x16_u', Op.i16x8_extmul_high_i8x16_u, 'i8', [0, 0, 0, 0, 0, 0, 0, 0, -1, 2], [0, 0, 0, 0, 0, 0, 0, 0, -1, -1], 'u16', [65025, 510]],
  ['i32x4.extmul_high_i16x8_s', Op.i32x4_extmul_high_i16x8_s, 'i16', [0, 0, 0, 0, -32768, 7], [0, 0, 0, 0, -32768, -7], 'i32', [1073741824, -49]],
  ['i32x4.extmul_low_i16x8_u', Op.i32x4_extmul_low_i16x8_u, 'i16', [-1, 3], [-1, 4], 'u32', [4294836225, 12]],
  ['i64x2.extmul_low_i32x4_s', Op.i64x2_extmul_low_i32x4_s, 'i32', [-1, 0x7fffffff], [-1, 0x7fffffff], 'i64', [1n, 0x3fffffff00000001n]],
  ['i64x2.extmul_high_i32x4_s mixed signs', Op.i64x2_extmul_high_i32x4_s, 'i32', [0, 0, -2147483648, -5], [0, 0, -2147483648, 0x7fffffff], 'i64',
    [0x4000000000000000n, -5n * 0x7fffffffn]],
  ['i64x2.extmul_low_i32x4_u', Op.i64x2_extmul_low_i32x4_u, 'i32', [-1, -2147483648], [-1, 2], 'i64', [BigInt.asIntN(64, 0xfffffffe00000001n), 0x100000000n]],
  ['i32x4.dot_i16x8_s wraps only at 2^31', Op.i32x4_dot_i16x8_s, 'i16', [-32768, -32768, 1, 2, 3, 4, 32767, -32768], [-32768, -32768, 5, 6, -7, 8, 32767, 32767], 'i32',
    [-2147483648, 17, 11, 32767 * 32767 - 32768 * 32767]],
];

describe('widening, narrowing and dot (binary)', () => {
  it.each(binary)('%s', (_n, code, inShape, a, b, outShape, want) => {
    const w = slots(vec(inShape, a), vec(inShape, b));
    simdBinary(code, w, R, A, B);
    expect(lanes(outShape, result(w)).slice(0, want.length)).toEqual(want);
  });
});
