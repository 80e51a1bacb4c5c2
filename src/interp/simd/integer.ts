/**
 * Lane-wise integer operations on i8x16, i16x8 and i32x4: i16x8.mul, saturating add/sub,
 * min/max, avgr_u, q15mulr_sat_s, abs, neg, popcnt and comparisons. Each works on the scratch
 * registers of lanes.ts (operands in A/B, result in R). The commonest operations (bitwise,
 * i32x4 add/sub/mul/eq/ne, i8x16/i16x8 add/sub) have word-at-a-time fast paths in words.ts instead.
 *
 * Wrapping comes for free: storing into a typed array reduces modulo the lane width, exactly as
 * the spec's iadd/isub/imul do. Saturation clamps explicitly (or through the clamped u8 view).
 * Comparisons produce all-ones (-1) or zero lanes.
 *
 * i64x2 lives in i64.ts, shape-changing operations (extend, narrow, extmul, dot, …) in widen.ts.
 */
import { Op } from '../../syntax/op.js';
import {
  aI16, aI32, aI8, aU16, aU32, aU8, bI16, bI8, bU16, bU32, bU8,
  rI16, rI32, rI8, rU16, rU32, rU8, rU8Clamped,
} from './lanes.js';

/** Computes R = A op B for the lane-wise integer binary operations; false if `code` is not one. */
export function intBinary(code: number): boolean {
  return i8Binary(code) || i16Binary(code) || i32Binary(code);
}

function i8Binary(code: number): boolean {
  switch (code) {
    case Op.i8x16_add_sat_s: for (let i = 0; i < 16; i++) rI8[i] = satI8(aI8[i] + bI8[i]); break;
    case Op.i8x16_add_sat_u: for (let i = 0; i < 16; i++) rU8Clamped[i] = aU8[i] + bU8[i]; break;
    case Op.i8x16_sub_sat_s: for (let i = 0; i < 16; i++) rI8[i] = satI8(aI8[i] - bI8[i]); break;
    case Op.i8x16_sub_sat_u: for (let i = 0; i < 16; i++) rU8Clamped[i] = aU8[i] - bU8[i]; break;
    case Op.i8x16_min_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] < bI8[i] ? aI8[i] : bI8[i]; break;
    case Op.i8x16_min_u: for (let i = 0; i < 16; i++) rU8[i] = aU8[i] < bU8[i] ? aU8[i] : bU8[i]; break;
    case Op.i8x16_max_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] > bI8[i] ? aI8[i] : bI8[i]; break;
    case Op.i8x16_max_u: for (let i = 0; i < 16; i++) rU8[i] = aU8[i] > bU8[i] ? aU8[i] : bU8[i]; break;
    case Op.i8x16_avgr_u: for (let i = 0; i < 16; i++) rU8[i] = (aU8[i] + bU8[i] + 1) >>> 1; break;
    case Op.i8x16_eq: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] === bI8[i] ? -1 : 0; break;
    case Op.i8x16_ne: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] !== bI8[i] ? -1 : 0; break;
    case Op.i8x16_lt_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] < bI8[i] ? -1 : 0; break;
    case Op.i8x16_lt_u: for (let i = 0; i < 16; i++) rI8[i] = aU8[i] < bU8[i] ? -1 : 0; break;
    case Op.i8x16_gt_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] > bI8[i] ? -1 : 0; break;
    case Op.i8x16_gt_u: for (let i = 0; i < 16; i++) rI8[i] = aU8[i] > bU8[i] ? -1 : 0; break;
    case Op.i8x16_le_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] <= bI8[i] ? -1 : 0; break;
    case Op.i8x16_le_u: for (let i = 0; i < 16; i++) rI8[i] = aU8[i] <= bU8[i] ? -1 : 0; break;
    case Op.i8x16_ge_s: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] >= bI8[i] ? -1 : 0; break;
    case Op.i8x16_ge_u: for (let i = 0; i < 16; i++) rI8[i] = aU8[i] >= bU8[i] ? -1 : 0; break;
    default: return false;
  }
  return true;
}

function i16Binary(code: number): boolean {
  switch (code) {
    case Op.i16x8_mul: for (let i = 0; i < 8; i++) rI16[i] = Math.imul(aI16[i], bI16[i]); break;
    case Op.i16x8_add_sat_s: for (let i = 0; i < 8; i++) rI16[i] = satI16(aI16[i] + bI16[i]); break;
    case Op.i16x8_add_sat_u: for (let i = 0; i < 8; i++) rU16[i] = satU16(aU16[i] + bU16[i]); break;
    case Op.i16x8_sub_sat_s: for (let i = 0; i < 8; i++) rI16[i] = satI16(aI16[i] - bI16[i]); break;
    case Op.i16x8_sub_sat_u: for (let i = 0; i < 8; i++) rU16[i] = satU16(aU16[i] - bU16[i]); break;
    case Op.i16x8_min_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] < bI16[i] ? aI16[i] : bI16[i]; break;
    case Op.i16x8_min_u: for (let i = 0; i < 8; i++) rU16[i] = aU16[i] < bU16[i] ? aU16[i] : bU16[i]; break;
    case Op.i16x8_max_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] > bI16[i] ? aI16[i] : bI16[i]; break;
    case Op.i16x8_max_u: for (let i = 0; i < 8; i++) rU16[i] = aU16[i] > bU16[i] ? aU16[i] : bU16[i]; break;
    case Op.i16x8_avgr_u: for (let i = 0; i < 8; i++) rU16[i] = (aU16[i] + bU16[i] + 1) >>> 1; break;
    case Op.i16x8_q15mulr_sat_s:
    case Op.i16x8_relaxed_q15mulr_s: // deterministic profile: the saturating form
      for (let i = 0; i < 8; i++) rI16[i] = satI16((aI16[i] * bI16[i] + 0x4000) >> 15);
      break;
    case Op.i16x8_eq: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] === bI16[i] ? -1 : 0; break;
    case Op.i16x8_ne: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] !== bI16[i] ? -1 : 0; break;
    case Op.i16x8_lt_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] < bI16[i] ? -1 : 0; break;
    case Op.i16x8_lt_u: for (let i = 0; i < 8; i++) rI16[i] = aU16[i] < bU16[i] ? -1 : 0; break;
    case Op.i16x8_gt_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] > bI16[i] ? -1 : 0; break;
    case Op.i16x8_gt_u: for (let i = 0; i < 8; i++) rI16[i] = aU16[i] > bU16[i] ? -1 : 0; break;
    case Op.i16x8_le_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] <= bI16[i] ? -1 : 0; break;
    case Op.i16x8_le_u: for (let i = 0; i < 8; i++) rI16[i] = aU16[i] <= bU16[i] ? -1 : 0; break;
    case Op.i16x8_ge_s: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] >= bI16[i] ? -1 : 0; break;
    case Op.i16x8_ge_u: for (let i = 0; i < 8; i++) rI16[i] = aU16[i] >= bU16[i] ? -1 : 0; break;
    default: return false;
  }
  return true;
}

function i32Binary(code: number): boolean {
  switch (code) {
    case Op.i32x4_min_u: for (let i = 0; i < 4; i++) rU32[i] = aU32[i] < bU32[i] ? aU32[i] : bU32[i]; break;
    case Op.i32x4_max_u: for (let i = 0; i < 4; i++) rU32[i] = aU32[i] > bU32[i] ? aU32[i] : bU32[i]; break;
    case Op.i32x4_lt_u: for (let i = 0; i < 4; i++) rI32[i] = aU32[i] < bU32[i] ? -1 : 0; break;
    case Op.i32x4_gt_u: for (let i = 0; i < 4; i++) rI32[i] = aU32[i] > bU32[i] ? -1 : 0; break;
    case Op.i32x4_le_u: for (let i = 0; i < 4; i++) rI32[i] = aU32[i] <= bU32[i] ? -1 : 0; break;
    case Op.i32x4_ge_u: for (let i = 0; i < 4; i++) rI32[i] = aU32[i] >= bU32[i] ? -1 : 0; break;
    default: return false;
  }
  return true;
}

/** Computes R = op A for the lane-wise integer unary operations; false if `code` is not one. */
export function intUnary(code: number): boolean {
  switch (code) {
    // abs of the most negative lane wraps back to itself, as iabs does.
    case Op.i8x16_abs: for (let i = 0; i < 16; i++) rI8[i] = aI8[i] < 0 ? -aI8[i] : aI8[i]; break;
    case Op.i8x16_neg: for (let i = 0; i < 16; i++) rI8[i] = -aI8[i]; break;
    case Op.i8x16_popcnt: for (let i = 0; i < 16; i++) rU8[i] = popcnt8(aU8[i]); break;
    case Op.i16x8_abs: for (let i = 0; i < 8; i++) rI16[i] = aI16[i] < 0 ? -aI16[i] : aI16[i]; break;
    case Op.i16x8_neg: for (let i = 0; i < 8; i++) rI16[i] = -aI16[i]; break;
    case Op.i32x4_abs: for (let i = 0; i < 4; i++) rI32[i] = aI32[i] < 0 ? -aI32[i] : aI32[i]; break;
    case Op.i32x4_neg: for (let i = 0; i < 4; i++) rI32[i] = -aI32[i]; break;
    default: return false;
  }
  return true;
}

/** Clamps a signed sum or difference of i8 lanes to the i8 range. */
export function satI8(x: number): number {
  return x < -128 ? -128 : x > 127 ? 127 : x;
}

/** Clamps to the i16 range. */
export function satI16(x: number): number {
  return x < -32768 ? -32768 : x > 32767 ? 32767 : x;
}

/** Clamps to the u16 range. */
export function satU16(x: number): number {
  return x < 0 ? 0 : x > 65535 ? 65535 : x;
}

function popcnt8(x: number): number {
  x = x - ((x >>> 1) & 0x55);
  x = (x & 0x33) + ((x >>> 2) & 0x33);
  return (x + (x >>> 4)) & 0x0f;
}
