/**
 * Integer lane arithmetic, table-driven, with expectations worked out by hand from the spec's
 * definitions (wrap, saturate, avgr_u, q15mulr_sat_s, shifts modulo the lane width, i64 pairs).
 */
import { describe, expect, it } from 'vitest';
import { simdBinary, simdShift, simdUnary } from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { A, B, lanes, R, result, slots, vec, type Shape } from './vec.js';

type Row = [name: string, code: number, shape: Shape, a: (number | bigint)[], b: (number | bigint)[], want: (number | bigint)[]];

const binary: Row[] = [
  ['i8x16.add wraps', Op.i8x16_add, 'i8', [127, -128, 1], [1, -1, 2], [-128, 127, 3]],
  ['i8x16.sub wraps', Op.i8x16_sub, 'i8', [-128, 0], [1, 1], [127, -1]],
  ['i8x16.add_sat_s', Op.i8x16_add_sat_s, 'i8', [127, -128, 100, -100, 5], [1, -1, 100, -100, -7], [127, -128, 127, -128, -2]],
  ['i8x16.add_sat_u', Op.i8x16_add_sat_u, 'u8', [255, 200, 3], [1, 100, 4], [255, 255, 7]],
  ['i8x16.sub_sat_s', Op.i8x16_sub_sat_s, 'i8', [-128, 127, 0], [1, -1, -128], [-128, 127, 127]],
  ['i8x16.sub_sat_u', Op.i8x16_sub_sat_u, 'u8', [0, 5, 200], [1, 10, 100], [0, 0, 100]],
  ['i8x16.avgr_u rounds up', Op.i8x16_avgr_u, 'u8', [255, 0, 1, 2], [255, 1, 2, 2], [255, 1, 2, 2]],
  ['i8x16.min_s', Op.i8x16_min_s, 'i8', [-1, 1], [1, -1], [-1, -1]],
  ['i8x16.min_u', Op.i8x16_min_u, 'u8', [255, 1], [1, 255], [1, 1]],
  ['i8x16.max_u', Op.i8x16_max_u, 'u8', [255, 1], [1, 128], [255, 128]],
  ['i8x16.lt_u sees 0xff as 255', Op.i8x16_lt_u, 'i8', [-1, 1, 3], [1, -1, 3], [0, -1, 0]],
  ['i8x16.ge_s', Op.i8x16_ge_s, 'i8', [-1, 1, 3], [1, -1, 3], [0, -1, -1]],
  ['i16x8.mul wraps', Op.i16x8_mul, 'i16', [0x4000, -32768, 300], [4, -1, 300], [0, -32768, 90000 - 65536]],
  ['i16x8.add_sat_u', Op.i16x8_add_sat_u, 'u16', [65535, 40000], [1, 40000], [65535, 65535]],
  ['i16x8.sub_sat_s', Op.i16x8_sub_sat_s, 'i16', [-32768, 32767], [1, -1], [-32768, 32767]],
  ['i16x8.avgr_u', Op.i16x8_avgr_u, 'u16', [65535, 3], [65534, 4], [65535, 4]],
  ['i16x8.q15mulr_sat_s', Op.i16x8_q15mulr_sat_s, 'i16',
    [-32768, 16384, 1, -16384, 32767, -1], [-32768, 16384, 16384, 16384, 32767, 16384], [32767, 8192, 1, -8192, 32766, 0]],
  ['i16x8.gt_u', Op.i16x8_gt_u, 'i16', [-1, 0], [1, 0], [-1, 0]],
  ['i32x4.mul wraps', Op.i32x4_mul, 'i32', [0x7fffffff, 0x10000, -3], [2, 0x10000, 5], [-2, 0, -15]],
  ['i32x4.min_u', Op.i32x4_min_u, 'i32', [-1, 1], [1, -1], [1, 1]],
  ['i32x4.max_s', Op.i32x4_max_s, 'i32', [-1, 1, -2147483648], [1, -1, 2147483647], [1, 1, 2147483647]],
  ['i32x4.le_u', Op.i32x4_le_u, 'i32', [-1, 5, 5], [1, 5, 6], [0, -1, -1]],
  ['i64x2.add carries', Op.i64x2_add, 'i64', [0xffffffffn, -1n], [1n, 1n], [0x100000000n, 0n]],
  ['i64x2.sub borrows', Op.i64x2_sub, 'i64', [0x100000000n, 0n], [1n, 1n], [0xffffffffn, -1n]],
  ['i64x2.mul', Op.i64x2_mul, 'i64', [0x100000001n, -3n], [0xffffffffn, 5n], [-1n, -15n]],
  ['i64x2.mul big halves', Op.i64x2_mul, 'i64', [0x123456789abcdefn, -0x7edcba9876543210n], [0xfedcba987654321n, 0x1111111111111111n],
    [BigInt.asIntN(64, 0x123456789abcdefn * 0xfedcba987654321n), BigInt.asIntN(64, -0x7edcba9876543210n * 0x1111111111111111n)]],
  ['i64x2.lt_s compares high words signed, low unsigned', Op.i64x2_lt_s, 'i64', [-1n, 0x80000000n], [0n, 0x7fffffffn], [-1n, 0n]],
  ['i64x2.ge_s', Op.i64x2_ge_s, 'i64', [-1n, 5n], [-1n, 6n], [-1n, 0n]],
  ['i64x2.eq', Op.i64x2_eq, 'i64', [0x100000000n, 7n], [0n, 7n], [0n, -1n]],
];

describe('integer binary operations', () => {
  it.each(binary)('%s', (_n, code, shape, a, b, want) => {
    const w = slots(vec(shape, a), vec(shape, b));
    simdBinary(code, w, R, A, B);
    expect(lanes(shape, result(w)).slice(0, want.length)).toEqual(want);
  });
});

type URow = [name: string, code: number, shape: Shape, a: (number | bigint)[], want: (number | bigint)[]];
const unary: URow[] = [
  ['i8x16.abs of -128 stays -128', Op.i8x16_abs, 'i8', [-128, -5, 5, 0], [-128, 5, 5, 0]],
  ['i8x16.neg', Op.i8x16_neg, 'i8', [-128, 1, 0], [-128, -1, 0]],
  ['i8x16.popcnt', Op.i8x16_popcnt, 'u8', [0xff, 0x55, 0, 0x80, 0x81], [8, 4, 0, 1, 2]],
  ['i16x8.abs', Op.i16x8_abs, 'i16', [-32768, -1], [-32768, 1]],
  ['i32x4.neg', Op.i32x4_neg, 'i32', [-2147483648, 1, 0, -7], [-2147483648, -1, 0, 7]],
  ['i64x2.abs', Op.i64x2_abs, 'i64', [-0x8000000000000000n, -0x100000000n], [-0x8000000000000000n, 0x100000000n]],
  ['i64x2.neg', Op.i64x2_neg, 'i64', [1n, 0x100000000n], [-1n, -0x100000000n]],
  ['v128.not', Op.v128_not, 'i32', [0, -1, 0x0f0f0f0f, 1], [-1, 0, -0x0f0f0f10, -2]],
];

describe('integer unary operations', () => {
  it.each(unary)('%s', (_n, code, shape, a, want) => {
    const w = slots(vec(shape, a));
    simdUnary(code, w, R, A);
    expect(lanes(shape, result(w)).slice(0, want.length)).toEqual(want);
  });
});

type SRow = [name: string, code: number, shape: Shape, a: (number | bigint)[], count: number, want: (number | bigint)[]];
const shifts: SRow[] = [
  ['i8x16.shl count mod 8', Op.i8x16_shl, 'i8', [1, 0x41], 9, [2, -126]],
  ['i8x16.shr_s', Op.i8x16_shr_s, 'i8', [-128, 64], 7, [-1, 0]],
  ['i8x16.shr_u', Op.i8x16_shr_u, 'u8', [0x80, 0xff], 15, [1, 1]],
  ['i16x8.shr_s count mod 16', Op.i16x8_shr_s, 'i16', [-32768, 0x4000], 17, [-16384, 0x2000]],
  ['i32x4.shl count mod 32', Op.i32x4_shl, 'i32', [1, -1], 33, [2, -2]],
  ['i32x4.shr_u negative count', Op.i32x4_shr_u, 'u32', [0x80000000], -1, [1]],
  ['i64x2.shl across words', Op.i64x2_shl, 'i64', [1n, 0xffffffffn], 65, [2n, 0x1fffffffen]],
  ['i64x2.shl by 32', Op.i64x2_shl, 'i64', [0x12345678n, 1n], 32, [0x1234567800000000n, 0x100000000n]],
  ['i64x2.shr_s by 1', Op.i64x2_shr_s, 'i64', [-8n, 0x100000000n], 1, [-4n, 0x80000000n]],
  ['i64x2.shr_s by 36', Op.i64x2_shr_s, 'i64', [-0x8000000000000000n, 0x7fffffff00000000n], 36, [-0x8000000n, 0x7ffffffn]],
  ['i64x2.shr_u by 63', Op.i64x2_shr_u, 'i64', [-1n, 0x4000000000000000n], 63, [1n, 0n]],
  ['i64x2.shr_u by 0 (count 64)', Op.i64x2_shr_u, 'i64', [-5n, 3n], 64, [-5n, 3n]],
];

describe('shifts', () => {
  it.each(shifts)('%s', (_n, code, shape, a, count, want) => {
    const w = slots(vec(shape, a));
    simdShift(code, w, R, A, count);
    expect(lanes(shape, result(w)).slice(0, want.length)).toEqual(want);
  });
});

describe('aliasing', () => {
  it('the destination may be an operand', () => {
    const w = slots(vec('i32', [1, 2, 3, 4]), vec('i32', [10, 20, 30, 40]));
    simdBinary(Op.i32x4_sub, w, B, A, B);
    expect(lanes('i32', w.subarray(B, B + 4))).toEqual([-9, -18, -27, -36]);
    simdBinary(Op.i64x2_mul, w, A, A, A);
    expect(lanes('i64', w.subarray(A, A + 4))).toEqual([BigInt.asIntN(64, 0x200000001n ** 2n), BigInt.asIntN(64, 0x400000003n ** 2n)]);
  });

  it.each([Op.i8x16_add, Op.i16x8_sub, Op.v128_xor, Op.i8x16_add_sat_u, Op.f32x4_add])(
    'code %i: a destination overlapping an operand by part of a vector reads the operand first', (code) => {
      const src = [0x01020304, 0x7f80ff00, -0x01010101, 0x00ff00ff, 0x11223344, -5, 0x40404040];
      const expected = slots(src.slice(0, 4), src.slice(3, 7));
      simdBinary(code, expected, R, A, B);
      const w = new Int32Array(16);
      w.set(src, 0); // A at 0, B at 3: overlap by one word; result written over A shifted by 1
      simdBinary(code, w, 1, 0, 3);
      expect([...w.subarray(1, 5)]).toEqual(result(expected));
    });
});

