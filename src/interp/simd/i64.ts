/**
 * i64x2 lane operations on (lo, hi) pairs of 32-bit words, so that no BigInt is created: add,
 * sub, mul, neg, abs, comparisons and shifts, plus the 32×32→64 multiply that extmul needs.
 * Lane k of a register occupies words 2k (low) and 2k+1 (high) of its Int32Array view.
 *
 * Results are written straight into R's words; operands are read from A and B.
 */
import { Op } from '../../syntax/op.js';
import { aI32, bI32, rI32 } from './lanes.js';

/** Computes R = A op B for the i64x2 binary operations; false if `code` is not one. */
export function i64Binary(code: number): boolean {
  switch (code) {
    case Op.i64x2_add: for (let k = 0; k < 4; k += 2) add64(aI32[k], aI32[k + 1], bI32[k], bI32[k + 1], k); break;
    case Op.i64x2_sub: for (let k = 0; k < 4; k += 2) sub64(aI32[k], aI32[k + 1], bI32[k], bI32[k + 1], k); break;
    case Op.i64x2_mul: for (let k = 0; k < 4; k += 2) mul64(aI32[k], aI32[k + 1], bI32[k], bI32[k + 1], k); break;
    case Op.i64x2_eq: for (let k = 0; k < 4; k += 2) mask(k, aI32[k] === bI32[k] && aI32[k + 1] === bI32[k + 1]); break;
    case Op.i64x2_ne: for (let k = 0; k < 4; k += 2) mask(k, aI32[k] !== bI32[k] || aI32[k + 1] !== bI32[k + 1]); break;
    case Op.i64x2_lt_s: for (let k = 0; k < 4; k += 2) mask(k, ltS(aI32[k], aI32[k + 1], bI32[k], bI32[k + 1])); break;
    case Op.i64x2_gt_s: for (let k = 0; k < 4; k += 2) mask(k, ltS(bI32[k], bI32[k + 1], aI32[k], aI32[k + 1])); break;
    case Op.i64x2_le_s: for (let k = 0; k < 4; k += 2) mask(k, !ltS(bI32[k], bI32[k + 1], aI32[k], aI32[k + 1])); break;
    case Op.i64x2_ge_s: for (let k = 0; k < 4; k += 2) mask(k, !ltS(aI32[k], aI32[k + 1], bI32[k], bI32[k + 1])); break;
    default: return false;
  }
  return true;
}

/** Computes R = op A for i64x2 abs and neg; false if `code` is not one. */
export function i64Unary(code: number): boolean {
  switch (code) {
    case Op.i64x2_neg: for (let k = 0; k < 4; k += 2) sub64(0, 0, aI32[k], aI32[k + 1], k); break;
    case Op.i64x2_abs:
      for (let k = 0; k < 4; k += 2) {
        if (aI32[k + 1] < 0) sub64(0, 0, aI32[k], aI32[k + 1], k);
        else { rI32[k] = aI32[k]; rI32[k + 1] = aI32[k + 1]; }
      }
      break;
    default: return false;
  }
  return true;
}

/** R = A shifted by `n` (already reduced modulo 64) for i64x2.shl/shr_s/shr_u; false for other codes. */
export function i64Shift(code: number, n: number): boolean {
  if (code !== Op.i64x2_shl && code !== Op.i64x2_shr_s && code !== Op.i64x2_shr_u) return false;
  for (let k = 0; k < 4; k += 2) {
    const lo = aI32[k], hi = aI32[k + 1];
    if (n === 0) {
      rI32[k] = lo;
      rI32[k + 1] = hi;
    } else if (code === Op.i64x2_shl) {
      if (n >= 32) { rI32[k + 1] = lo << (n - 32); rI32[k] = 0; }
      else { rI32[k + 1] = (hi << n) | (lo >>> (32 - n)); rI32[k] = lo << n; }
    } else if (code === Op.i64x2_shr_s) {
      if (n >= 32) { rI32[k] = hi >> (n - 32); rI32[k + 1] = hi >> 31; }
      else { rI32[k] = (lo >>> n) | (hi << (32 - n)); rI32[k + 1] = hi >> n; }
    } else {
      if (n >= 32) { rI32[k] = hi >>> (n - 32); rI32[k + 1] = 0; }
      else { rI32[k] = (lo >>> n) | (hi << (32 - n)); rI32[k + 1] = hi >>> n; }
    }
  }
  return true;
}

function mask(k: number, c: boolean): void {
  const m = c ? -1 : 0;
  rI32[k] = m;
  rI32[k + 1] = m;
}

/** Signed (alo, ahi) < (blo, bhi). */
function ltS(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

function add64(alo: number, ahi: number, blo: number, bhi: number, k: number): void {
  const lo = (alo >>> 0) + (blo >>> 0);
  rI32[k] = lo;
  rI32[k + 1] = ahi + bhi + (lo > 0xffffffff ? 1 : 0);
}

function sub64(alo: number, ahi: number, blo: number, bhi: number, k: number): void {
  const lo = (alo >>> 0) - (blo >>> 0);
  rI32[k] = lo;
  rI32[k + 1] = ahi - bhi - (lo < 0 ? 1 : 0);
}

function mul64(alo: number, ahi: number, blo: number, bhi: number, k: number): void {
  rI32[k] = Math.imul(alo, blo);
  rI32[k + 1] = mulHighU32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo);
}

/**
 * The high 32 bits of the unsigned 64-bit product of two 32-bit patterns. Splitting into 16-bit
 * halves keeps every partial sum below 2^53, so doubles compute it exactly.
 */
export function mulHighU32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const ah = a >>> 16, al = a & 0xffff, bh = b >>> 16, bl = b & 0xffff;
  const mid = (ah * bl + al * bh) * 0x10000 + al * bl; // < 2^50
  return (ah * bh + Math.floor(mid / 0x100000000)) | 0;
}

/** Writes the 64-bit product of two 32-bit lanes (signed or unsigned) into R's lane at word `k`. */
export function mulWide32(a: number, b: number, signed: boolean, k: number): void {
  let hi = mulHighU32(a, b);
  // Signed product = unsigned product − 2^32·(a<0 ? b : 0) − 2^32·(b<0 ? a : 0), modulo 2^64.
  if (signed) hi = (hi - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
  rI32[k] = Math.imul(a, b);
  rI32[k + 1] = hi;
}
