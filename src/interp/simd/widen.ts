/**
 * Integer operations whose result lanes are wider or narrower than their operand lanes:
 * extend_low/high, extadd_pairwise, extmul_low/high, dot, narrow (with saturation), and the
 * deterministic forms of the relaxed integer dot products.
 *
 * "low" means lanes 0..n/2−1 of the operand, "high" lanes n/2..n−1.
 */
import { Op } from '../../syntax/op.js';
import {
  aI16, aI32, aI8, aU16, aU32, aU8, bI16, bI32, bI8, bU16, bU32, bU8, cI32,
  rI16, rI32, rI8, rU16, rU8Clamped,
} from './lanes.js';
import { satI16, satI8, satU16 } from './integer.js';
import { mulWide32 } from './i64.js';

/** Computes R = op A for extend and extadd_pairwise; false if `code` is not one. */
export function widenUnary(code: number): boolean {
  switch (code) {
    case Op.i16x8_extend_low_i8x16_s: for (let i = 0; i < 8; i++) rI16[i] = aI8[i]; break;
    case Op.i16x8_extend_high_i8x16_s: for (let i = 0; i < 8; i++) rI16[i] = aI8[i + 8]; break;
    case Op.i16x8_extend_low_i8x16_u: for (let i = 0; i < 8; i++) rI16[i] = aU8[i]; break;
    case Op.i16x8_extend_high_i8x16_u: for (let i = 0; i < 8; i++) rI16[i] = aU8[i + 8]; break;
    case Op.i32x4_extend_low_i16x8_s: for (let i = 0; i < 4; i++) rI32[i] = aI16[i]; break;
    case Op.i32x4_extend_high_i16x8_s: for (let i = 0; i < 4; i++) rI32[i] = aI16[i + 4]; break;
    case Op.i32x4_extend_low_i16x8_u: for (let i = 0; i < 4; i++) rI32[i] = aU16[i]; break;
    case Op.i32x4_extend_high_i16x8_u: for (let i = 0; i < 4; i++) rI32[i] = aU16[i + 4]; break;
    case Op.i64x2_extend_low_i32x4_s: extend64(0, true); break;
    case Op.i64x2_extend_high_i32x4_s: extend64(2, true); break;
    case Op.i64x2_extend_low_i32x4_u: extend64(0, false); break;
    case Op.i64x2_extend_high_i32x4_u: extend64(2, false); break;
    case Op.i16x8_extadd_pairwise_i8x16_s: for (let i = 0; i < 8; i++) rI16[i] = aI8[2 * i] + aI8[2 * i + 1]; break;
    case Op.i16x8_extadd_pairwise_i8x16_u: for (let i = 0; i < 8; i++) rI16[i] = aU8[2 * i] + aU8[2 * i + 1]; break;
    case Op.i32x4_extadd_pairwise_i16x8_s: for (let i = 0; i < 4; i++) rI32[i] = aI16[2 * i] + aI16[2 * i + 1]; break;
    case Op.i32x4_extadd_pairwise_i16x8_u: for (let i = 0; i < 4; i++) rI32[i] = aU16[2 * i] + aU16[2 * i + 1]; break;
    default: return false;
  }
  return true;
}

/** Computes R = A op B for narrow, extmul and dot; false if `code` is not one. */
export function widenBinary(code: number): boolean {
  switch (code) {
    case Op.i8x16_narrow_i16x8_s:
      for (let i = 0; i < 8; i++) { rI8[i] = satI8(aI16[i]); rI8[i + 8] = satI8(bI16[i]); }
      break;
    case Op.i8x16_narrow_i16x8_u:
      for (let i = 0; i < 8; i++) { rU8Clamped[i] = aI16[i]; rU8Clamped[i + 8] = bI16[i]; }
      break;
    case Op.i16x8_narrow_i32x4_s:
      for (let i = 0; i < 4; i++) { rI16[i] = satI16(aI32[i]); rI16[i + 4] = satI16(bI32[i]); }
      break;
    case Op.i16x8_narrow_i32x4_u:
      for (let i = 0; i < 4; i++) { rU16[i] = satU16(aI32[i]); rU16[i + 4] = satU16(bI32[i]); }
      break;
    case Op.i16x8_extmul_low_i8x16_s: for (let i = 0; i < 8; i++) rI16[i] = aI8[i] * bI8[i]; break;
    case Op.i16x8_extmul_high_i8x16_s: for (let i = 0; i < 8; i++) rI16[i] = aI8[i + 8] * bI8[i + 8]; break;
    case Op.i16x8_extmul_low_i8x16_u: for (let i = 0; i < 8; i++) rI16[i] = aU8[i] * bU8[i]; break;
    case Op.i16x8_extmul_high_i8x16_u: for (let i = 0; i < 8; i++) rI16[i] = aU8[i + 8] * bU8[i + 8]; break;
    case Op.i32x4_extmul_low_i16x8_s: for (let i = 0; i < 4; i++) rI32[i] = aI16[i] * bI16[i]; break;
    case Op.i32x4_extmul_high_i16x8_s: for (let i = 0; i < 4; i++) rI32[i] = aI16[i + 4] * bI16[i + 4]; break;
    case Op.i32x4_extmul_low_i16x8_u: for (let i = 0; i < 4; i++) rI32[i] = aU16[i] * bU16[i]; break;
    case Op.i32x4_extmul_high_i16x8_u: for (let i = 0; i < 4; i++) rI32[i] = aU16[i + 4] * bU16[i + 4]; break;
    case Op.i64x2_extmul_low_i32x4_s: mulWide32(aI32[0], bI32[0], true, 0); mulWide32(aI32[1], bI32[1], true, 2); break;
    case Op.i64x2_extmul_high_i32x4_s: mulWide32(aI32[2], bI32[2], true, 0); mulWide32(aI32[3], bI32[3], true, 2); break;
    case Op.i64x2_extmul_low_i32x4_u: mulWide32(aU32[0], bU32[0], false, 0); mulWide32(aU32[1], bU32[1], false, 2); break;
    case Op.i64x2_extmul_high_i32x4_u: mulWide32(aU32[2], bU32[2], false, 0); mulWide32(aU32[3], bU32[3], false, 2); break;
    // The only overflow, (−32768)² · 2 = 2^31, wraps to −2^31 as the spec's iadd does.
    case Op.i32x4_dot_i16x8_s:
      for (let i = 0; i < 4; i++) rI32[i] = aI16[2 * i] * bI16[2 * i] + aI16[2 * i + 1] * bI16[2 * i + 1];
      break;
    // Deterministic profile: both operands signed; the pair sum saturates to i16 as iadd_sat_s.
    case Op.i16x8_relaxed_dot_i8x16_i7x16_s:
      for (let i = 0; i < 8; i++) rI16[i] = satI16(aI8[2 * i] * bI8[2 * i] + aI8[2 * i + 1] * bI8[2 * i + 1]);
      break;
    default: return false;
  }
  return true;
}

/**
 * i32x4.relaxed_dot_i8x16_i7x16_add_s, R = dot(A, B) + C, both operands signed; the i16 pair
 * sums saturate as in the two-operand form, then pairs of them and C add with wrapping.
 */
export function relaxedDotAdd(): void {
  for (let i = 0; i < 4; i++) {
    const j = 4 * i;
    const lo = satI16(aI8[j] * bI8[j] + aI8[j + 1] * bI8[j + 1]);
    const hi = satI16(aI8[j + 2] * bI8[j + 2] + aI8[j + 3] * bI8[j + 3]);
    rI32[i] = lo + hi + cI32[i];
  }
}

function extend64(from: number, signed: boolean): void {
  for (let k = 0; k < 2; k++) {
    const x = aI32[from + k];
    rI32[2 * k] = x;
    rI32[2 * k + 1] = signed ? x >> 31 : 0;
  }
}
