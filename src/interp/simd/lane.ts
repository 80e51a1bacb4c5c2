/**
 * Operations that move lanes rather than compute on them: splat, extract_lane, replace_lane,
 * shuffle, swizzle, the lane tests (any_true, all_true, bitmask), bitselect and the integer shifts.
 * Lane moves copy bits, so f32/f64 lanes keep their NaN payloads.
 *
 * Splat, extract and replace work directly on the caller's words (no scratch copy): a 64-bit
 * scalar (i64 or f64 bits) is passed or returned as two 32-bit words, low word first.
 */
import { Op } from '../../syntax/op.js';
import { abU8, aI16, aI32, aI8, aU16, aU32, aU8, bI32, bU8, cI32, rI16, rI32, rI8, rU8 } from './lanes.js';

/** Fills the v128 at `dst` with copies of the scalar (lo, hi); `hi` is used by i64x2/f64x2 only. */
export function splat(code: number, w: Int32Array, dst: number, lo: number, hi: number): void {
  let x = lo, y = lo;
  switch (code) {
    case Op.i8x16_splat: x = y = Math.imul(lo & 0xff, 0x01010101); break;
    case Op.i16x8_splat: x = y = ((lo & 0xffff) * 0x10001) | 0; break;
    case Op.i32x4_splat: case Op.f32x4_splat: break;
    case Op.i64x2_splat: case Op.f64x2_splat: y = hi; break;
    default: throw unknownSimd(code);
  }
  w[dst] = x;
  w[dst + 1] = y;
  w[dst + 2] = x;
  w[dst + 3] = y;
}

/**
 * Writes lane `lane` of the v128 at `a` to `w[dst]` (and `w[dst + 1]` for 64-bit lanes, high word),
 * sign- or zero-extending i8/i16 lanes to an i32 as the instruction says.
 */
export function extractLane(code: number, w: Int32Array, dst: number, a: number, lane: number): void {
  switch (code) {
    case Op.i8x16_extract_lane_s: w[dst] = (w[a + (lane >> 2)] << (24 - 8 * (lane & 3))) >> 24; break;
    case Op.i8x16_extract_lane_u: w[dst] = (w[a + (lane >> 2)] >>> (8 * (lane & 3))) & 0xff; break;
    case Op.i16x8_extract_lane_s: w[dst] = (w[a + (lane >> 1)] << (16 - 16 * (lane & 1))) >> 16; break;
    case Op.i16x8_extract_lane_u: w[dst] = (w[a + (lane >> 1)] >>> (16 * (lane & 1))) & 0xffff; break;
    case Op.i32x4_extract_lane: case Op.f32x4_extract_lane: w[dst] = w[a + lane]; break;
    case Op.i64x2_extract_lane: case Op.f64x2_extract_lane: {
      const lo = w[a + 2 * lane], hi = w[a + 2 * lane + 1];
      w[dst] = lo;
      w[dst + 1] = hi;
      break;
    }
    default: throw unknownSimd(code);
  }
}

/** Writes to `dst` the v128 at `a` with lane `lane` replaced by the scalar (lo, hi). */
export function replaceLane(code: number, w: Int32Array, dst: number, a: number, lane: number, lo: number, hi: number): void {
  if (dst !== a) {
    const x0 = w[a], x1 = w[a + 1], x2 = w[a + 2], x3 = w[a + 3];
    w[dst] = x0; w[dst + 1] = x1; w[dst + 2] = x2; w[dst + 3] = x3;
  }
  switch (code) {
    case Op.i8x16_replace_lane: {
      const k = dst + (lane >> 2), s = 8 * (lane & 3);
      w[k] = (w[k] & ~(0xff << s)) | ((lo & 0xff) << s);
      break;
    }
    case Op.i16x8_replace_lane: {
      const k = dst + (lane >> 1), s = 16 * (lane & 1);
      w[k] = (w[k] & ~(0xffff << s)) | ((lo & 0xffff) << s);
      break;
    }
    case Op.i32x4_replace_lane: case Op.f32x4_replace_lane: w[dst + lane] = lo; break;
    case Op.i64x2_replace_lane: case Op.f64x2_replace_lane: w[dst + 2 * lane] = lo; w[dst + 2 * lane + 1] = hi; break;
    default: throw unknownSimd(code);
  }
}

/**
 * R = i8x16.shuffle(A, B) with the 16 lane indices packed four per word, little-endian, in
 * `imm[at..at+3]` (the same packing as a v128.const of the 16 immediate bytes). Indices are < 32
 * in valid code.
 */
export function shuffle(imm: Int32Array, at: number): void {
  for (let k = 0; k < 4; k++) {
    const m = imm[at + k];
    rI32[k] = abU8[m & 31] | (abU8[(m >>> 8) & 31] << 8) | (abU8[(m >>> 16) & 31] << 16) | (abU8[(m >>> 24) & 31] << 24);
  }
}

/** Computes R = A op B for swizzle (and relaxed_swizzle, which the deterministic profile makes equal). */
export function laneBinary(code: number): boolean {
  switch (code) {
    case Op.i8x16_swizzle: case Op.i8x16_relaxed_swizzle:
      for (let i = 0; i < 16; i++) rU8[i] = bU8[i] < 16 ? aU8[bU8[i]] : 0;
      return true;
    default: return false;
  }
}

/** R = bitselect(A, B, C): bits of A where C is 1, of B where C is 0. */
export function bitselect(): void {
  for (let i = 0; i < 4; i++) rI32[i] = (aI32[i] & cI32[i]) | (bI32[i] & ~cI32[i]);
}

/** any_true, all_true and bitmask of A, as an i32. */
export function laneTest(code: number): number {
  switch (code) {
    case Op.v128_any_true: return (aI32[0] | aI32[1] | aI32[2] | aI32[3]) !== 0 ? 1 : 0;
    case Op.i8x16_all_true: for (let i = 0; i < 16; i++) if (aU8[i] === 0) return 0; return 1;
    case Op.i16x8_all_true: for (let i = 0; i < 8; i++) if (aU16[i] === 0) return 0; return 1;
    case Op.i32x4_all_true: for (let i = 0; i < 4; i++) if (aI32[i] === 0) return 0; return 1;
    case Op.i64x2_all_true: return (aI32[0] | aI32[1]) !== 0 && (aI32[2] | aI32[3]) !== 0 ? 1 : 0;
    case Op.i8x16_bitmask: { let m = 0; for (let i = 0; i < 16; i++) m |= (aU8[i] >>> 7) << i; return m; }
    case Op.i16x8_bitmask: { let m = 0; for (let i = 0; i < 8; i++) m |= (aU16[i] >>> 15) << i; return m; }
    case Op.i32x4_bitmask: { let m = 0; for (let i = 0; i < 4; i++) m |= (aU32[i] >>> 31) << i; return m; }
    case Op.i64x2_bitmask: return (aI32[1] >>> 31) | ((aI32[3] >>> 31) << 1);
    default: throw unknownSimd(code);
  }
}

/** R = A shifted right arithmetically by `count` modulo the lane width, for i8x16/i16x8.shr_s (the other shifts are in words.ts). */
export function intShift(code: number, count: number): boolean {
  switch (code) {
    case Op.i8x16_shr_s: { const n = count & 7; for (let i = 0; i < 16; i++) rI8[i] = aI8[i] >> n; break; }
    case Op.i16x8_shr_s: { const n = count & 15; for (let i = 0; i < 8; i++) rI16[i] = aI16[i] >> n; break; }
    default: return false;
  }
  return true;
}

/** The error for a code that is not a SIMD operation of the called family: a translator bug. */
export function unknownSimd(code: number): Error {
  return new Error(`purewasm internal error: 0x${code.toString(16)} is not handled by this SIMD entry point`);
}
