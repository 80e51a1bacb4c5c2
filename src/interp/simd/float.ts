/**
 * Lane-wise f32x4 and f64x2 operations: add, sub, mul, div, sqrt, min, max, pmin, pmax, ceil,
 * floor, trunc, nearest, abs, neg, comparisons, and the deterministic forms of relaxed madd/nmadd
 * and relaxed min/max.
 *
 * NaN policy (deterministic across hosts): whenever the spec lets an arithmetic result be any
 * NaN (its `nans` set), we write the positive canonical NaN — always a member of that set — instead
 * of whatever bits the host's FPU produced. abs and neg are sign-bit operations and pmin/pmax return
 * one operand's bits unchanged, so those keep payloads exactly. f32 lanes are rounded to f32 after
 * each operation (Float32Array stores round to nearest, ties to even); computing one f32 operation
 * in f64 and rounding once is exact for + − × ÷ √ because f64 has more than 2·24+2 bits.
 */
import { Op } from '../../syntax/op.js';
import {
  aF32, aF64, aI32, bF32, bF64, bI32, cF32, cF64, F32_CANONICAL_NAN, F64_CANONICAL_NAN_HI, rF32, rF64, rI32,
} from './lanes.js';

/** Computes R = A op B for the f32x4 / f64x2 binary operations; false if `code` is not one. */
export function floatBinary(code: number): boolean {
  return f32Binary(code) || f64Binary(code);
}

function f32Binary(code: number): boolean {
  switch (code) {
    case Op.f32x4_add: for (let i = 0; i < 4; i++) rF32[i] = aF32[i] + bF32[i]; canonF32(); break;
    case Op.f32x4_sub: for (let i = 0; i < 4; i++) rF32[i] = aF32[i] - bF32[i]; canonF32(); break;
    case Op.f32x4_mul: for (let i = 0; i < 4; i++) rF32[i] = aF32[i] * bF32[i]; canonF32(); break;
    case Op.f32x4_div: for (let i = 0; i < 4; i++) rF32[i] = aF32[i] / bF32[i]; canonF32(); break;
    case Op.f32x4_min: case Op.f32x4_relaxed_min:
      for (let i = 0; i < 4; i++) minLane32(i, aF32[i], bF32[i]);
      break;
    case Op.f32x4_max: case Op.f32x4_relaxed_max:
      for (let i = 0; i < 4; i++) maxLane32(i, aF32[i], bF32[i]);
      break;
    case Op.f32x4_pmin: for (let i = 0; i < 4; i++) rI32[i] = bF32[i] < aF32[i] ? bI32[i] : aI32[i]; break;
    case Op.f32x4_pmax: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] < bF32[i] ? bI32[i] : aI32[i]; break;
    case Op.f32x4_eq: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] === bF32[i] ? -1 : 0; break;
    case Op.f32x4_ne: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] !== bF32[i] ? -1 : 0; break;
    case Op.f32x4_lt: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] < bF32[i] ? -1 : 0; break;
    case Op.f32x4_gt: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] > bF32[i] ? -1 : 0; break;
    case Op.f32x4_le: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] <= bF32[i] ? -1 : 0; break;
    case Op.f32x4_ge: for (let i = 0; i < 4; i++) rI32[i] = aF32[i] >= bF32[i] ? -1 : 0; break;
    default: return false;
  }
  return true;
}

function f64Binary(code: number): boolean {
  switch (code) {
    case Op.f64x2_add: for (let i = 0; i < 2; i++) rF64[i] = aF64[i] + bF64[i]; canonF64(); break;
    case Op.f64x2_sub: for (let i = 0; i < 2; i++) rF64[i] = aF64[i] - bF64[i]; canonF64(); break;
    case Op.f64x2_mul: for (let i = 0; i < 2; i++) rF64[i] = aF64[i] * bF64[i]; canonF64(); break;
    case Op.f64x2_div: for (let i = 0; i < 2; i++) rF64[i] = aF64[i] / bF64[i]; canonF64(); break;
    case Op.f64x2_min: case Op.f64x2_relaxed_min:
      for (let i = 0; i < 2; i++) minLane64(i, aF64[i], bF64[i]);
      break;
    case Op.f64x2_max: case Op.f64x2_relaxed_max:
      for (let i = 0; i < 2; i++) maxLane64(i, aF64[i], bF64[i]);
      break;
    case Op.f64x2_pmin: for (let i = 0; i < 2; i++) copy64(i, bF64[i] < aF64[i] ? bI32 : aI32); break;
    case Op.f64x2_pmax: for (let i = 0; i < 2; i++) copy64(i, aF64[i] < bF64[i] ? bI32 : aI32); break;
    case Op.f64x2_eq: for (let i = 0; i < 2; i++) mask64(i, aF64[i] === bF64[i]); break;
    case Op.f64x2_ne: for (let i = 0; i < 2; i++) mask64(i, aF64[i] !== bF64[i]); break;
    case Op.f64x2_lt: for (let i = 0; i < 2; i++) mask64(i, aF64[i] < bF64[i]); break;
    case Op.f64x2_gt: for (let i = 0; i < 2; i++) mask64(i, aF64[i] > bF64[i]); break;
    case Op.f64x2_le: for (let i = 0; i < 2; i++) mask64(i, aF64[i] <= bF64[i]); break;
    case Op.f64x2_ge: for (let i = 0; i < 2; i++) mask64(i, aF64[i] >= bF64[i]); break;
    default: return false;
  }
  return true;
}

/** Computes R = op A for the f32x4 / f64x2 unary operations; false if `code` is not one. */
export function floatUnary(code: number): boolean {
  switch (code) {
    case Op.f32x4_abs: for (let i = 0; i < 4; i++) rI32[i] = aI32[i] & 0x7fffffff; break;
    case Op.f32x4_neg: for (let i = 0; i < 4; i++) rI32[i] = aI32[i] ^ 0x80000000; break;
    case Op.f32x4_sqrt: for (let i = 0; i < 4; i++) rF32[i] = Math.sqrt(aF32[i]); canonF32(); break;
    case Op.f32x4_ceil: for (let i = 0; i < 4; i++) rF32[i] = Math.ceil(aF32[i]); canonF32(); break;
    case Op.f32x4_floor: for (let i = 0; i < 4; i++) rF32[i] = Math.floor(aF32[i]); canonF32(); break;
    case Op.f32x4_trunc: for (let i = 0; i < 4; i++) rF32[i] = Math.trunc(aF32[i]); canonF32(); break;
    case Op.f32x4_nearest: for (let i = 0; i < 4; i++) rF32[i] = nearest(aF32[i]); canonF32(); break;
    case Op.f64x2_abs: for (let k = 0; k < 4; k += 2) { rI32[k] = aI32[k]; rI32[k + 1] = aI32[k + 1] & 0x7fffffff; } break;
    case Op.f64x2_neg: for (let k = 0; k < 4; k += 2) { rI32[k] = aI32[k]; rI32[k + 1] = aI32[k + 1] ^ 0x80000000; } break;
    case Op.f64x2_sqrt: for (let i = 0; i < 2; i++) rF64[i] = Math.sqrt(aF64[i]); canonF64(); break;
    case Op.f64x2_ceil: for (let i = 0; i < 2; i++) rF64[i] = Math.ceil(aF64[i]); canonF64(); break;
    case Op.f64x2_floor: for (let i = 0; i < 2; i++) rF64[i] = Math.floor(aF64[i]); canonF64(); break;
    case Op.f64x2_trunc: for (let i = 0; i < 2; i++) rF64[i] = Math.trunc(aF64[i]); canonF64(); break;
    case Op.f64x2_nearest: for (let i = 0; i < 2; i++) rF64[i] = nearest(aF64[i]); canonF64(); break;
    default: return false;
  }
  return true;
}

/**
 * relaxed_madd / relaxed_nmadd, R = ±A·B + C. The deterministic profile fixes the unfused form:
 * the product is rounded to the lane type before the addition.
 */
export function floatMadd(code: number): boolean {
  switch (code) {
    case Op.f32x4_relaxed_madd: for (let i = 0; i < 4; i++) rF32[i] = Math.fround(aF32[i] * bF32[i]) + cF32[i]; canonF32(); break;
    case Op.f32x4_relaxed_nmadd: for (let i = 0; i < 4; i++) rF32[i] = Math.fround(-aF32[i] * bF32[i]) + cF32[i]; canonF32(); break;
    case Op.f64x2_relaxed_madd: for (let i = 0; i < 2; i++) rF64[i] = aF64[i] * bF64[i] + cF64[i]; canonF64(); break;
    case Op.f64x2_relaxed_nmadd: for (let i = 0; i < 2; i++) rF64[i] = -aF64[i] * bF64[i] + cF64[i]; canonF64(); break;
    default: return false;
  }
  return true;
}

/**
 * Replaces every NaN among R's f32 lanes by the canonical NaN. Called once after an operation has
 * stored its results, rather than once per lane, since a call costs more than a lane without a JIT.
 */
export function canonF32(): void {
  for (let i = 0; i < 4; i++) if (rF32[i] !== rF32[i]) rI32[i] = F32_CANONICAL_NAN;
}

/** Replaces every NaN among R's f64 lanes by the canonical NaN. */
export function canonF64(): void {
  for (let i = 0; i < 2; i++) {
    if (rF64[i] !== rF64[i]) {
      rI32[2 * i] = 0;
      rI32[2 * i + 1] = F64_CANONICAL_NAN_HI;
    }
  }
}

/** fmin on f32 lanes: NaN if either is NaN; −0 is below +0 (OR of the sign bits). */
function minLane32(i: number, a: number, b: number): void {
  if (a !== a || b !== b) rI32[i] = F32_CANONICAL_NAN;
  else rI32[i] = a < b ? aI32[i] : b < a ? bI32[i] : aI32[i] | bI32[i];
}

/** fmax on f32 lanes: NaN if either is NaN; +0 is above −0 (AND of the sign bits). */
function maxLane32(i: number, a: number, b: number): void {
  if (a !== a || b !== b) rI32[i] = F32_CANONICAL_NAN;
  else rI32[i] = a > b ? aI32[i] : b > a ? bI32[i] : aI32[i] & bI32[i];
}

function minLane64(i: number, a: number, b: number): void {
  if (a !== a || b !== b) { rI32[2 * i] = 0; rI32[2 * i + 1] = F64_CANONICAL_NAN_HI; }
  else if (a === b) { rI32[2 * i] = aI32[2 * i] | bI32[2 * i]; rI32[2 * i + 1] = aI32[2 * i + 1] | bI32[2 * i + 1]; }
  else rF64[i] = a < b ? a : b;
}

function maxLane64(i: number, a: number, b: number): void {
  if (a !== a || b !== b) { rI32[2 * i] = 0; rI32[2 * i + 1] = F64_CANONICAL_NAN_HI; }
  else if (a === b) { rI32[2 * i] = aI32[2 * i] & bI32[2 * i]; rI32[2 * i + 1] = aI32[2 * i + 1] & bI32[2 * i + 1]; }
  else rF64[i] = a > b ? a : b;
}

function copy64(i: number, from: Int32Array): void {
  rI32[2 * i] = from[2 * i];
  rI32[2 * i + 1] = from[2 * i + 1];
}

function mask64(i: number, c: boolean): void {
  const m = c ? -1 : 0;
  rI32[2 * i] = m;
  rI32[2 * i + 1] = m;
}

/** Round to nearest integer, ties to even, keeping the sign of zero (fnearest). */
export function nearest(x: number): number {
  // Math.round rounds ties toward +∞ and keeps −0 for −0.5 ≤ x ≤ −0; only ties to an odd
  // integer need moving down. r − x is exact here (r and x are within 0.5 of each other).
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
