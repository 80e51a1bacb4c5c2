/**
 * Lane moves and tests: splat, extract_lane (sign/zero extension, 64-bit lanes as two words),
 * replace_lane, shuffle, swizzle, any_true/all_true/bitmask, bitselect — with NaN bit patterns
 * surviving every move, and destinations that alias operands.
 */
import { describe, expect, it } from 'vitest';
import {
  simdBinary, simdConst, simdExtractLane, simdReplaceLane, simdShuffle, simdSplat, simdTernary, simdTest, v128ToWords,
} from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { A, B, C, lanes, R, result, slots, vec } from './vec.js';

describe('splat', () => {
  it.each([
    ['i8x16.splat keeps the low byte', Op.i8x16_splat, 0x1234_5681, 0, Array(4).fill(0x81818181 | 0)],
    ['i16x8.splat keeps the low half', Op.i16x8_splat, 0x1234_8001, 0, Array(4).fill(0x80018001 | 0)],
    ['i32x4.splat', Op.i32x4_splat, -7, 99, [-7, -7, -7, -7]],
    ['f32x4.splat keeps signalling NaN bits', Op.f32x4_splat, 0x7fa00001, 0, Array(4).fill(0x7fa00001)],
    ['i64x2.splat', Op.i64x2_splat, 1, 2, [1, 2, 1, 2]],
    ['f64x2.splat keeps NaN bits', Op.f64x2_splat, 5, 0x7ff00000, [5, 0x7ff00000, 5, 0x7ff00000]],
  ])('%s', (_n, code, lo, hi, want) => {
    const w = new Int32Array(8);
    simdSplat(code, w, 4, lo, hi);
    expect([...w.subarray(4, 8)]).toEqual(want);
  });
});

describe('extract_lane', () => {
  const v = vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -2, -128]);
  it.each([
    [Op.i8x16_extract_lane_s, 15, [-128]],
    [Op.i8x16_extract_lane_u, 15, [128]],
    [Op.i8x16_extract_lane_s, 5, [5]],
    [Op.i16x8_extract_lane_s, 7, [-32514]], // bytes 0xfe 0x80 → 0x80fe
    [Op.i16x8_extract_lane_u, 7, [0x80fe]],
    [Op.i32x4_extract_lane, 1, [0x07060504]],
    [Op.f32x4_extract_lane, 3, [0x80fe0d0c | 0]],
    [Op.i64x2_extract_lane, 1, [0x0b0a0908, 0x80fe0d0c | 0]],
    [Op.f64x2_extract_lane, 0, [0x03020100, 0x07060504]],
  ])('code %i lane %i', (code, lane, want) => {
    const w = slots(v);
    simdExtractLane(code, w, R, A, lane);
    expect([...w.subarray(R, R + want.length)]).toEqual(want);
  });

  it('writes its result over its own operand', () => {
    const w = slots(vec('i32', [1, 2, 3, 4]));
    simdExtractLane(Op.i64x2_extract_lane, w, A, A, 1);
    expect([...w.subarray(A, A + 2)]).toEqual([3, 4]);
  });
});

describe('replace_lane', () => {
  it.each([
    [Op.i8x16_replace_lane, 13, 0x1ff, 0, vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, 14, 15])],
    [Op.i16x8_replace_lane, 3, 0xabcd8000 | 0, 0, vec('i8', [0, 1, 2, 3, 4, 5, 0, -128, 8, 9, 10, 11, 12, 13, 14, 15])],
    [Op.f32x4_replace_lane, 2, 0x7f800001, 0, vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 1, 0, -128, 127, 12, 13, 14, 15])],
    [Op.i64x2_replace_lane, 1, -1, 0x01020304, vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, -1, -1, -1, -1, 4, 3, 2, 1])],
  ])('code %i lane %i', (code, lane, lo, hi, want) => {
    const src = vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const w = slots(src);
    simdReplaceLane(code, w, R, A, lane, lo, hi);
    expect(result(w)).toEqual(want);
    expect([...w.subarray(A, A + 4)]).toEqual(src); // operand untouched
    simdReplaceLane(code, w, A, A, lane, lo, hi); // in place
    expect([...w.subarray(A, A + 4)]).toEqual(want);
  });
});

describe('shuffle and swizzle', () => {
  const a = vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  const b = vec('i8', [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31].map((x) => x + 100));
  it('i8x16.shuffle picks from A then B', () => {
    const imm = new Int32Array(4);
    v128ToWords(new Uint8Array([31, 0, 16, 15, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22]), imm, 0);
    const w = slots(a, b);
    simdShuffle(w, A, A, B, imm, 0); // result over an operand
    expect(lanes('i8', w.subarray(A, A + 4))).toEqual([131 - 256, 0, 116, 15, 1, 117, 2, 118, 3, 119, 4, 120, 5, 121, 6, 122]);
  });
  it('i8x16.swizzle zeroes out-of-range indices (and so does relaxed_swizzle)', () => {
    const idx = vec('i8', [15, 16, -1, 0, 3, 255, 17, 14, 1, 1, 1, 1, 100, 15, 0, -128]);
    for (const code of [Op.i8x16_swizzle, Op.i8x16_relaxed_swizzle]) {
      const w = slots(a, idx);
      simdBinary(code, w, R, A, B);
      expect(lanes('i8', result(w))).toEqual([15, 0, 0, 0, 3, 0, 0, 14, 1, 1, 1, 1, 0, 15, 0, 0]);
    }
  });
  it('v128ToWords packs bytes little-endian, as v128.const needs', () => {
    const pool = new Int32Array(8);
    v128ToWords(new Uint8Array([1, 2, 3, 4, 0xff, 0, 0, 0x80, 0, 0, 0, 0, 9, 9, 9, 9]), pool, 4);
    const w = new Int32Array(4);
    simdConst(w, 0, pool, 4);
    expect([...w]).toEqual([0x04030201, 0x800000ff | 0, 0, 0x09090909]);
  });
});

describe('lane tests', () => {
  it.each([
    ['v128.any_true', Op.v128_any_true, vec('i8', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 1],
    ['v128.any_true of zero', Op.v128_any_true, vec('i32', [0, 0, 0, 0]), 0],
    ['i8x16.all_true', Op.i8x16_all_true, vec('i8', Array(16).fill(1)), 1],
    ['i8x16.all_true one zero byte', Op.i8x16_all_true, vec('i32', [-1, -1, 0xff00ffff, -1]), 0],
    ['i16x8.all_true', Op.i16x8_all_true, vec('i16', [1, 256, 1, 1, 1, 1, 1, 0x8000]), 1],
    ['i16x8.all_true zero lane', Op.i16x8_all_true, vec('i16', [1, 256, 1, 1, 0, 1, 1, 1]), 0],
    ['i32x4.all_true', Op.i32x4_all_true, vec('i32', [1, 0x10000, -1, 0x100]), 1],
    ['i64x2.all_true', Op.i64x2_all_true, vec('i64', [0x100000000n, 1n]), 1],
    ['i64x2.all_true zero lane', Op.i64x2_all_true, vec('i64', [0n, 1n]), 0],
    ['i8x16.bitmask', Op.i8x16_bitmask, vec('i8', [-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5]), 0x8005],
    ['i16x8.bitmask', Op.i16x8_bitmask, vec('i16', [0, -1, 0, 0, 0, 0, 0, -32768]), 0x82],
    ['i32x4.bitmask', Op.i32x4_bitmask, vec('i32', [-1, 1, -2147483648, 0]), 0b101],
    ['i64x2.bitmask', Op.i64x2_bitmask, vec('i64', [1n, -1n]), 0b10],
  ])('%s', (_n, code, v, want) => {
    expect(simdTest(code, slots(v), A)).toBe(want);
  });
});

describe('bitselect and relaxed_laneselect', () => {
  it.each([Op.v128_bitselect, Op.i8x16_relaxed_laneselect, Op.i16x8_relaxed_laneselect, Op.i32x4_relaxed_laneselect,
    Op.i64x2_relaxed_laneselect])('code %i selects bit by bit', (code) => {
    const w = slots([0x12345678, -1, 0, 0x0f0f0f0f], [-0x12345679, 0, -1, 0x70707070], [0x0000ffff, 0x00ff00ff, 0x80000001 | 0, 0x7fffffff]);
    simdTernary(code, w, R, A, B, C);
    expect(result(w)).toEqual([(0x5678 | (-0x12345679 & ~0xffff)), 0x00ff00ff, 0x7ffffffe, 0x0f0f0f0f]);
  });
});
