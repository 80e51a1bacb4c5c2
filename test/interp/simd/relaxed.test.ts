/**
 * Relaxed SIMD follows the spec's deterministic profile. These rows pick inputs where the allowed
 * behaviours differ, so they pin down which one we chose (the spec suite accepts any of them).
 */
import { describe, expect, it } from 'vitest';
import { simdBinary, simdTernary, simdUnary } from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { A, B, bits32, C, lanes, R, result, slots, vec } from './vec.js';

const ONE_ULP = 1 + 2 ** -23; // f32 1 + 2^-23: its square needs 47 bits

describe('relaxed SIMD, deterministic profile', () => {
  it('relaxed_madd / nmadd round the product first (unfused)', () => {
    const w = slots(vec('f32', [ONE_ULP, 1, NaN, 3e38]), vec('f32', [ONE_ULP, 1, 1, 10]), vec('f32', [-1, 0.5, 1, -Infinity]));
    simdTernary(Op.f32x4_relaxed_madd, w, R, A, B, C);
    expect(result(w)).toEqual(vec('f32', [2 ** -22, 1.5, bits32(0x7fc00000), bits32(0x7fc00000)]));
    simdTernary(Op.f32x4_relaxed_nmadd, w, R, A, B, C);
    expect(lanes('f32', result(w)).slice(0, 2)).toEqual([-(2 ** -22) - 2, -0.5]);
    const d = 1 + 2 ** -52;
    const v = slots(vec('f64', [d, d]), vec('f64', [d, d]), vec('f64', [-1, 1]));
    simdTernary(Op.f64x2_relaxed_madd, v, R, A, B, C);
    expect(lanes('f64', result(v))).toEqual([2 ** -51, 2 + 2 ** -51]);
    simdTernary(Op.f64x2_relaxed_nmadd, v, R, A, B, C);
    expect(lanes('f64', result(v))).toEqual([-2 - 2 ** -51, -(2 ** -51)]);
  });

  it('relaxed_min / max behave like min / max for NaN and signed zeros', () => {
    const w = slots(vec('f32', [-0, 0, NaN, 1]), vec('f32', [0, -0, 1, NaN]));
    simdBinary(Op.f32x4_relaxed_min, w, R, A, B);
    expect(result(w)).toEqual(vec('f32', [-0, -0, bits32(0x7fc00000), bits32(0x7fc00000)]));
    simdBinary(Op.f32x4_relaxed_max, w, R, A, B);
    expect(result(w)).toEqual(vec('f32', [0, 0, bits32(0x7fc00000), bits32(0x7fc00000)]));
    const v = slots(vec('f64', [-0, NaN]), vec('f64', [0, 1]));
    simdBinary(Op.f64x2_relaxed_min, v, R, A, B);
    expect(result(v)).toEqual([0, 0x80000000 | 0, 0, 0x7ff80000]);
    simdBinary(Op.f64x2_relaxed_max, v, R, A, B);
    expect(result(v)).toEqual([0, 0, 0, 0x7ff80000]);
  });

  it('relaxed_trunc saturates like trunc_sat', () => {
    const w = slots(vec('f32', [NaN, -1, 5e9, -5e9]));
    simdUnary(Op.i32x4_relaxed_trunc_f32x4_s, w, R, A);
    expect(lanes('i32', result(w))).toEqual([0, -1, 2147483647, -2147483648]);
    simdUnary(Op.i32x4_relaxed_trunc_f32x4_u, w, R, A);
    expect(lanes('u32', result(w))).toEqual([0, 0, 4294967295, 0]);
    const v = slots(vec('f64', [NaN, 1e10]));
    simdUnary(Op.i32x4_relaxed_trunc_f64x2_s_zero, v, R, A);
    expect(lanes('i32', result(v))).toEqual([0, 2147483647, 0, 0]);
    simdUnary(Op.i32x4_relaxed_trunc_f64x2_u_zero, v, R, A);
    expect(lanes('u32', result(v))).toEqual([0, 4294967295, 0, 0]);
  });

  it('relaxed_q15mulr_s saturates the one overflowing case', () => {
    const w = slots(vec('i16', [-32768, -32768, 100]), vec('i16', [-32768, 32767, -200]));
    simdBinary(Op.i16x8_relaxed_q15mulr_s, w, R, A, B);
    expect(lanes('i16', result(w)).slice(0, 3)).toEqual([32767, -32767, -1]);
  });

  it('relaxed dot products treat the second operand as signed, saturating i16 pair sums', () => {
    const a = vec('i8', [-128, -128, -128, -128, 127, 127, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = vec('i8', [-128, -128, -127, -127, -128, 127, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const w = slots(a, b, vec('i32', [1, -1, 2147483647, 0]));
    simdBinary(Op.i16x8_relaxed_dot_i8x16_i7x16_s, w, R, A, B);
    expect(lanes('i16', result(w))).toEqual([32767, 32512, -127, 5, 25, 61, 113, 181]);
    simdTernary(Op.i32x4_relaxed_dot_i8x16_i7x16_add_s, w, R, A, B, C);
    expect(lanes('i32', result(w))).toEqual([32767 + 32512 + 1, -127 + 5 - 1, (25 + 61 + 2147483647) | 0, 113 + 181]);
  });
});
