/**
 * Fast paths for the most common SIMD operations, computed a 32-bit word at a time straight on the
 * interpreter's slot array — no scratch copies and 4 iterations instead of 8 or 16, which matters
 * most without a JIT (`node --jitless`: about 3× faster than the lane-by-lane forms). Covers the
 * v128 bitwise operations, i32x4 add/sub/mul/min_s/max_s/comparisons (signed), i32x4 shifts,
 * i8x16/i16x8 add/sub/eq/ne/shl/shr_u and the i8x16 bitmask, via SWAR (SIMD within a register: for add, sum the low 7 or 15 bits of each lane, then
 * fix the top bit with XOR, so no carry crosses lanes).
 *
 * Each function reads all operand words before writing any result word, so the destination may
 * overlap an operand. Everything else goes through the lane-by-lane families.
 */
import { Op } from '../../syntax/op.js';

const H8 = 0x80808080 | 0, L8 = 0x7f7f7f7f;
const H16 = 0x80008000 | 0, L16 = 0x7fff7fff;

/** `w[dst..] = op(w[a..], w[b..])` for the word-wise binary operations; false if `code` is not one. */
export function wordBinary(code: number, w: Int32Array, dst: number, a: number, b: number): boolean {
  const x0 = w[a], x1 = w[a + 1], x2 = w[a + 2], x3 = w[a + 3];
  const y0 = w[b], y1 = w[b + 1], y2 = w[b + 2], y3 = w[b + 3];
  let r0: number, r1: number, r2: number, r3: number;
  switch (code) {
    case Op.v128_and: r0 = x0 & y0; r1 = x1 & y1; r2 = x2 & y2; r3 = x3 & y3; break;
    case Op.v128_andnot: r0 = x0 & ~y0; r1 = x1 & ~y1; r2 = x2 & ~y2; r3 = x3 & ~y3; break;
    case Op.v128_or: r0 = x0 | y0; r1 = x1 | y1; r2 = x2 | y2; r3 = x3 | y3; break;
    case Op.v128_xor: r0 = x0 ^ y0; r1 = x1 ^ y1; r2 = x2 ^ y2; r3 = x3 ^ y3; break;
    case Op.i32x4_add: r0 = x0 + y0; r1 = x1 + y1; r2 = x2 + y2; r3 = x3 + y3; break;
    case Op.i32x4_sub: r0 = x0 - y0; r1 = x1 - y1; r2 = x2 - y2; r3 = x3 - y3; break;
    case Op.i32x4_mul: r0 = Math.imul(x0, y0); r1 = Math.imul(x1, y1); r2 = Math.imul(x2, y2); r3 = Math.imul(x3, y3); break;
    case Op.i32x4_eq: r0 = x0 === y0 ? -1 : 0; r1 = x1 === y1 ? -1 : 0; r2 = x2 === y2 ? -1 : 0; r3 = x3 === y3 ? -1 : 0; break;
    case Op.i32x4_ne: r0 = x0 !== y0 ? -1 : 0; r1 = x1 !== y1 ? -1 : 0; r2 = x2 !== y2 ? -1 : 0; r3 = x3 !== y3 ? -1 : 0; break;
    case Op.i8x16_add: r0 = add8(x0, y0); r1 = add8(x1, y1); r2 = add8(x2, y2); r3 = add8(x3, y3); break;
    case Op.i8x16_sub: r0 = sub8(x0, y0); r1 = sub8(x1, y1); r2 = sub8(x2, y2); r3 = sub8(x3, y3); break;
    case Op.i16x8_add: r0 = add16(x0, y0); r1 = add16(x1, y1); r2 = add16(x2, y2); r3 = add16(x3, y3); break;
    case Op.i16x8_sub: r0 = sub16(x0, y0); r1 = sub16(x1, y1); r2 = sub16(x2, y2); r3 = sub16(x3, y3); break;
    case Op.i32x4_lt_s: r0 = x0 < y0 ? -1 : 0; r1 = x1 < y1 ? -1 : 0; r2 = x2 < y2 ? -1 : 0; r3 = x3 < y3 ? -1 : 0; break;
    case Op.i32x4_gt_s: r0 = x0 > y0 ? -1 : 0; r1 = x1 > y1 ? -1 : 0; r2 = x2 > y2 ? -1 : 0; r3 = x3 > y3 ? -1 : 0; break;
    case Op.i32x4_le_s: r0 = x0 <= y0 ? -1 : 0; r1 = x1 <= y1 ? -1 : 0; r2 = x2 <= y2 ? -1 : 0; r3 = x3 <= y3 ? -1 : 0; break;
    case Op.i32x4_ge_s: r0 = x0 >= y0 ? -1 : 0; r1 = x1 >= y1 ? -1 : 0; r2 = x2 >= y2 ? -1 : 0; r3 = x3 >= y3 ? -1 : 0; break;
    case Op.i32x4_min_s: r0 = x0 < y0 ? x0 : y0; r1 = x1 < y1 ? x1 : y1; r2 = x2 < y2 ? x2 : y2; r3 = x3 < y3 ? x3 : y3; break;
    case Op.i32x4_max_s: r0 = x0 > y0 ? x0 : y0; r1 = x1 > y1 ? x1 : y1; r2 = x2 > y2 ? x2 : y2; r3 = x3 > y3 ? x3 : y3; break;
    case Op.i8x16_eq: r0 = ~ne8(x0, y0); r1 = ~ne8(x1, y1); r2 = ~ne8(x2, y2); r3 = ~ne8(x3, y3); break;
    case Op.i8x16_ne: r0 = ne8(x0, y0); r1 = ne8(x1, y1); r2 = ne8(x2, y2); r3 = ne8(x3, y3); break;
    case Op.i16x8_eq: r0 = ~ne16(x0, y0); r1 = ~ne16(x1, y1); r2 = ~ne16(x2, y2); r3 = ~ne16(x3, y3); break;
    case Op.i16x8_ne: r0 = ne16(x0, y0); r1 = ne16(x1, y1); r2 = ne16(x2, y2); r3 = ne16(x3, y3); break;
    default: return false;
  }
  // Int32Array stores reduce modulo 2^32, which is the wrap i32x4.add/sub need.
  w[dst] = r0; w[dst + 1] = r1; w[dst + 2] = r2; w[dst + 3] = r3;
  return true;
}

/**
 * `w[dst..] = shift(w[a..], count)` for i32x4 shifts (JS shifts already take the count modulo 32)
 * and i8x16/i16x8 shl and shr_u (shift the whole word, then clear the bits that crossed into a
 * neighbouring lane); false for other codes.
 */
export function wordShift(code: number, w: Int32Array, dst: number, a: number, count: number): boolean {
  const x0 = w[a], x1 = w[a + 1], x2 = w[a + 2], x3 = w[a + 3];
  let r0: number, r1: number, r2: number, r3: number;
  switch (code) {
    case Op.i32x4_shl: r0 = x0 << count; r1 = x1 << count; r2 = x2 << count; r3 = x3 << count; break;
    case Op.i32x4_shr_s: r0 = x0 >> count; r1 = x1 >> count; r2 = x2 >> count; r3 = x3 >> count; break;
    case Op.i32x4_shr_u: r0 = x0 >>> count; r1 = x1 >>> count; r2 = x2 >>> count; r3 = x3 >>> count; break;
    case Op.i8x16_shl: {
      const n = count & 7, m = Math.imul((0xff << n) & 0xff, 0x01010101);
      r0 = (x0 << n) & m; r1 = (x1 << n) & m; r2 = (x2 << n) & m; r3 = (x3 << n) & m;
      break;
    }
    case Op.i8x16_shr_u: {
      const n = count & 7, m = Math.imul(0xff >>> n, 0x01010101);
      r0 = (x0 >>> n) & m; r1 = (x1 >>> n) & m; r2 = (x2 >>> n) & m; r3 = (x3 >>> n) & m;
      break;
    }
    case Op.i16x8_shl: {
      const n = count & 15, m = Math.imul((0xffff << n) & 0xffff, 0x10001);
      r0 = (x0 << n) & m; r1 = (x1 << n) & m; r2 = (x2 << n) & m; r3 = (x3 << n) & m;
      break;
    }
    case Op.i16x8_shr_u: {
      const n = count & 15, m = Math.imul(0xffff >>> n, 0x10001);
      r0 = (x0 >>> n) & m; r1 = (x1 >>> n) & m; r2 = (x2 >>> n) & m; r3 = (x3 >>> n) & m;
      break;
    }
    default: return false;
  }
  w[dst] = r0; w[dst + 1] = r1; w[dst + 2] = r2; w[dst + 3] = r3;
  return true;
}

/** `w[dst..] = v128.not(w[a..])`; false for any other code. */
export function wordUnary(code: number, w: Int32Array, dst: number, a: number): boolean {
  if (code !== Op.v128_not) return false;
  const x0 = w[a], x1 = w[a + 1], x2 = w[a + 2], x3 = w[a + 3];
  w[dst] = ~x0; w[dst + 1] = ~x1; w[dst + 2] = ~x2; w[dst + 3] = ~x3;
  return true;
}

/**
 * i8x16.ne on one word: 0xff in each byte where x and y differ. A byte t of x^y is non-zero iff
 * (t & 0x7f) + 0x7f or t itself has its top bit set; the sum cannot carry out of the byte.
 */
export function ne8(x: number, y: number): number {
  const t = x ^ y;
  const nonzero = (((t & L8) + L8) | t) & H8;
  return Math.imul(nonzero >>> 7, 0xff);
}

/** i16x8.ne on one word: 0xffff in each half where x and y differ (as ne8, per 16 bits). */
function ne16(x: number, y: number): number {
  const t = x ^ y;
  const nonzero = (((t & L16) + L16) | t) & H16;
  return Math.imul(nonzero >>> 15, 0xffff);
}

/**
 * The i8x16.bitmask bits of one word: the top bit of each byte, gathered into 4 bits. After the
 * shift each byte holds 0 or 1 at bit 8k; multiplying by 1 + 2^7 + 2^14 + 2^21 lands byte k's bit
 * at bit 21 + k, and no two partial products share a bit position below 32.
 */
export function bitmask8(x: number): number {
  return (Math.imul((x >>> 7) & 0x01010101, 0x204081) >>> 21) & 0xf;
}

export function add8(x: number, y: number): number {
  return ((x & L8) + (y & L8)) ^ ((x ^ y) & H8);
}

export function sub8(x: number, y: number): number {
  return ((x | H8) - (y & L8)) ^ ((x ^ ~y) & H8);
}

function add16(x: number, y: number): number {
  return ((x & L16) + (y & L16)) ^ ((x ^ y) & H16);
}

function sub16(x: number, y: number): number {
  return ((x | H16) - (y & L16)) ^ ((x ^ ~y) & H16);
}
