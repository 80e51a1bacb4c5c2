/**
 * SIMD loads and stores on a MemoryInst: little-endian layout, extension, splat, zero-fill, lane
 * forms, the bounds check at the exact end of memory, no partial store on a trap, and fresh views
 * after memory.grow.
 */
import { describe, expect, it } from 'vitest';
import { MemoryInst } from '../../../src/core/memory.js';
import { simdLoad, simdLoadLane, simdStore, simdStoreLane } from '../../../src/interp/simd/index.js';
import { Op } from '../../../src/syntax/op.js';
import { Trap, TrapCode } from '../../../src/util/errors.js';
import { A, lanes, R, result, slots, vec } from './vec.js';

function memory(pages = 1): MemoryInst {
  const m = new MemoryInst({ limits: { min: pages, max: null }, shared: false, addrType: 'i32', pageSizeLog2: 16 });
  for (let i = 0; i < 32; i++) m.bytes[100 + i] = 0xf0 + (i & 15) - (i < 16 ? 0 : 0x80); // f0..ff then 70..7f
  return m;
}

const trapsOOB = (f: () => void): void => {
  let caught: unknown = null;
  try { f(); } catch (e) { caught = e; }
  expect(caught).toBeInstanceOf(Trap);
  expect((caught as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
  expect((caught as Trap).message).toBe('out of bounds memory access');
};

describe('loads', () => {
  it.each([
    ['v128.load', Op.v128_load, 'u8', [0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff]],
    ['v128.load8x8_s', Op.v128_load8x8_s, 'i16', [-16, -15, -14, -13, -12, -11, -10, -9]],
    ['v128.load8x8_u', Op.v128_load8x8_u, 'i16', [240, 241, 242, 243, 244, 245, 246, 247]],
    ['v128.load16x4_s', Op.v128_load16x4_s, 'i32', [0xf1f0 - 0x10000, 0xf3f2 - 0x10000, 0xf5f4 - 0x10000, 0xf7f6 - 0x10000]],
    ['v128.load16x4_u', Op.v128_load16x4_u, 'i32', [0xf1f0, 0xf3f2, 0xf5f4, 0xf7f6]],
    ['v128.load32x2_s', Op.v128_load32x2_s, 'i64', [BigInt.asIntN(32, 0xf3f2f1f0n), BigInt.asIntN(32, 0xf7f6f5f4n)]],
    ['v128.load32x2_u', Op.v128_load32x2_u, 'i64', [0xf3f2f1f0n, 0xf7f6f5f4n]],
    ['v128.load8_splat', Op.v128_load8_splat, 'u8', Array(16).fill(0xf0)],
    ['v128.load16_splat', Op.v128_load16_splat, 'u16', Array(8).fill(0xf1f0)],
    ['v128.load32_splat', Op.v128_load32_splat, 'u32', Array(4).fill(0xf3f2f1f0)],
    ['v128.load64_splat', Op.v128_load64_splat, 'u32', [0xf3f2f1f0, 0xf7f6f5f4, 0xf3f2f1f0, 0xf7f6f5f4]],
    ['v128.load32_zero', Op.v128_load32_zero, 'u32', [0xf3f2f1f0, 0, 0, 0]],
    ['v128.load64_zero', Op.v128_load64_zero, 'u32', [0xf3f2f1f0, 0xf7f6f5f4, 0, 0]],
  ] as const)('%s', (_n, code, shape, want) => {
    const m = memory();
    const w = slots();
    w.fill(-1, R, R + 4);
    simdLoad(code, m, 100, w, R);
    expect(lanes(shape, result(w))).toEqual(want);
  });

  it.each([
    [Op.v128_load, 16], [Op.v128_load8x8_s, 8], [Op.v128_load32x2_u, 8], [Op.v128_load8_splat, 1],
    [Op.v128_load16_splat, 2], [Op.v128_load32_zero, 4], [Op.v128_load64_zero, 8],
  ])('code %i reads up to the last byte and traps one past it', (code, size) => {
    const m = memory();
    const w = slots();
    simdLoad(code, m, 65536 - size, w, R);
    trapsOOB(() => simdLoad(code, m, 65536 - size + 1, w, R));
    trapsOOB(() => simdLoad(code, m, 2 ** 32 - 1, w, R));
    trapsOOB(() => simdLoad(code, m, 2 ** 33, w, R));
  });

  it('loadN_lane replaces one lane and keeps the rest', () => {
    const m = memory();
    const src = vec('i32', [1, 2, 3, 4]);
    const cases = [
      [Op.v128_load8_lane, 6, vec('i8', [1, 0, 0, 0, 2, 0, -16, 0, 3, 0, 0, 0, 4, 0, 0, 0])],
      [Op.v128_load16_lane, 7, vec('i16', [1, 0, 2, 0, 3, 0, 4, -3600])],
      [Op.v128_load32_lane, 0, vec('u32', [0xf3f2f1f0, 2, 3, 4])],
      [Op.v128_load64_lane, 1, vec('u32', [1, 2, 0xf3f2f1f0, 0xf7f6f5f4])],
    ] as const;
    for (const [code, lane, want] of cases) {
      const w = slots(src);
      simdLoadLane(code, m, 100, w, R, A, lane);
      expect(result(w)).toEqual(want);
      simdLoadLane(code, m, 100, w, A, A, lane);
      expect([...w.subarray(A, A + 4)]).toEqual(want);
    }
    trapsOOB(() => simdLoadLane(Op.v128_load64_lane, m, 65529, slots(src), R, A, 0));
  });

  it('sees the new buffer after memory.grow', () => {
    const m = memory();
    const w = slots();
    trapsOOB(() => simdLoad(Op.v128_load, m, 65536, w, R));
    expect(m.grow(1)).toBe(1);
    m.bytes[65536] = 42;
    simdLoad(Op.v128_load, m, 65536, w, R);
    expect(result(w)).toEqual([42, 0, 0, 0]);
  });
});

describe('stores', () => {
  it('v128.store writes 16 little-endian bytes', () => {
    const m = memory();
    simdStore(m, 65520, slots(vec('i32', [0x04030201, 0x08070605, 0x0c0b0a09, 0x100f0e0d])), A);
    expect([...m.bytes.subarray(65520)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('a trapping store writes nothing', () => {
    const m = memory();
    const before = m.bytes.slice();
    trapsOOB(() => simdStore(m, 65521, slots(vec('i32', [-1, -1, -1, -1])), A));
    trapsOOB(() => simdStoreLane(Op.v128_store64_lane, m, 65529, slots(vec('i32', [-1, -1, -1, -1])), A, 1));
    expect(Buffer.compare(m.bytes, before)).toBe(0);
  });

  it.each([
    [Op.v128_store8_lane, 13, [13]],
    [Op.v128_store16_lane, 5, [10, 11]],
    [Op.v128_store32_lane, 3, [12, 13, 14, 15]],
    [Op.v128_store64_lane, 1, [8, 9, 10, 11, 12, 13, 14, 15]],
  ])('storeN_lane code %i lane %i writes only its bytes', (code, lane, want) => {
    const m = memory();
    const w = slots(vec('i8', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]));
    simdStoreLane(code, m, 65536 - want.length, w, A, lane);
    expect([...m.bytes.subarray(65536 - want.length)]).toEqual(want);
    expect(m.bytes[65536 - want.length - 1]).toBe(0);
  });
});
