/** Memory and table instructions: memargs (alignment, offsets, atomics), address types, lanes, bulk ops. */
import { describe, expect, it } from 'vitest';
import { EXTERNREF, FUNCREF, I32, I64, V128 } from '../../src/syntax/types.js';
import { body, fn, mem, s, table, u } from './build.js';
import { reason } from './helpers.js';

const I32C = (n: number) => [0x41, ...s(n)];
const I64C = (n: number) => [0x42, ...s(n)];
const load = (align: number, offset: number, memIdx = -1) =>
  memIdx < 0 ? [0x28, ...u(align), ...u(offset)] : [0x28, ...u(align | 0x40), ...u(memIdx), ...u(offset)];

describe('memargs', () => {
  it('needs a memory, with its index in the message', () => {
    expect(reason(body(fn(), [I32C(0), ...load(2, 0), 0x1a]))).toBe('unknown memory 0');
    expect(reason(body(fn(), [I32C(0), ...load(2, 0, 1), 0x1a], { memories: [mem()] }))).toBe('unknown memory 1');
  });
  it('bounds alignment by the natural alignment', () => {
    const m = (align: number) => reason(body(fn(), [I32C(0), ...load(align, 0), 0x1a], { memories: [mem()] }));
    expect(m(2)).toBeNull();
    expect(m(0)).toBeNull();
    expect(m(3)).toBe('alignment must not be larger than natural');
  });
  it('requires atomics to be exactly naturally aligned', () => {
    const m = (align: number) => reason(body(fn(), [I32C(0), 0xfe, 0x10, align, 0, 0x1a], { memories: [mem(1, 1, 'i32', true)] }));
    expect(m(2)).toBeNull();
    expect(m(1)).toBe('alignment must be equal to natural');
  });
  it('types addresses by the memory address type and limits 32-bit offsets', () => {
    const m64 = { memories: [mem(1, null, 'i64')] };
    expect(reason(body(fn(), [I64C(0), ...load(2, 0), 0x1a], m64))).toBeNull();
    expect(reason(body(fn(), [I32C(0), ...load(2, 0), 0x1a], m64))).toMatch(/^type mismatch/);
    expect(reason(body(fn(), [I32C(0), ...load(2, 2 ** 32), 0x1a], { memories: [mem()] }))).toBe('offset out of range');
    expect(reason(body(fn(), [I64C(0), ...load(2, 2 ** 32), 0x1a], m64))).toBeNull();
    expect(reason(body(fn([], [I64]), [0x3f, 0], m64))).toBeNull(); // memory.size gives i64
  });
  it('takes the smaller address type for the length of a mixed memory.copy', () => {
    const ms = { memories: [mem(1, null, 'i64'), mem()] };
    // memory.copy 0 1: dst i64, src i32, len i32
    expect(reason(body(fn(), [I64C(0), I32C(0), I32C(0), 0xfc, 0x0a, 0, 1], ms))).toBeNull();
    expect(reason(body(fn(), [I64C(0), I32C(0), I64C(0), 0xfc, 0x0a, 0, 1], ms))).toMatch(/^type mismatch/);
  });
  it('checks SIMD lane indices', () => {
    const v0 = [0xfd, 0x0c, ...new Array(16).fill(0)];
    expect(reason(body(fn([], [I32]), [...v0, 0xfd, 0x15, 15]))).toBeNull();
    expect(reason(body(fn([], [I32]), [...v0, 0xfd, 0x15, 16]))).toBe('invalid lane index');
    expect(reason(body(fn([], [I64]), [...v0, 0xfd, 0x1d, 2]))).toBe('invalid lane index');
    // v128.load32_lane: 4 lanes
    const ms = { memories: [mem()] };
    expect(reason(body(fn([], [V128]), [I32C(0), ...v0, 0xfd, 0x56, 2, 0, 3], ms))).toBeNull();
    expect(reason(body(fn([], [V128]), [I32C(0), ...v0, 0xfd, 0x56, 2, 0, 4], ms))).toBe('invalid lane index');
    const shuffle = (lane: number) => [...v0, ...v0, 0xfd, 0x0d, ...new Array(15).fill(0), lane];
    expect(reason(body(fn([], [V128]), shuffle(31)))).toBeNull();
    expect(reason(body(fn([], [V128]), shuffle(32)))).toBe('invalid lane index');
  });
});

describe('data and tables', () => {
  it('needs the data count section for data.drop and checks the index', () => {
    expect(reason(body(fn(), [0xfc, 0x09, 0]))).toBe('data count section required');
    expect(reason(body(fn(), [0xfc, 0x09, 0], { extra: { dataCount: 0 } }))).toBe('unknown data segment 0');
  });
  it('types table access by the table element and address type', () => {
    const t = { tables: [table(1, EXTERNREF, 'i64')] };
    expect(reason(body(fn([], [EXTERNREF]), [I64C(0), 0x25, 0], t))).toBeNull();
    expect(reason(body(fn([], [FUNCREF]), [I64C(0), 0x25, 0], t))).toMatch(/^type mismatch/);
    expect(reason(body(fn([], [I64]), [0xfc, 0x10, 0], t))).toBeNull(); // table.size
    expect(reason(body(fn(), [0xfc, 0x10, 1, 0x1a], t))).toBe('unknown table 1');
    expect(reason(body(fn(), [0xfc, 0x0d, 0]))).toBe('unknown elem segment 0');
  });
  it('requires call_indirect tables of function references', () => {
    expect(reason(body(fn(), [I32C(0), 0x11, 0, 0], { tables: [table()] }))).toBeNull();
    expect(reason(body(fn(), [I32C(0), 0x11, 0, 0], { tables: [table(1, EXTERNREF)] }))).toMatch(/^type mismatch/);
    expect(reason(body(fn(), [I32C(0), 0x11, 0, 0]))).toBe('unknown table 0');
  });
  it('refuses table.copy from a wider element type', () => {
    const ts = { tables: [table(1, FUNCREF), table(1, EXTERNREF)] };
    expect(reason(body(fn(), [I32C(0), I32C(0), I32C(0), 0xfc, 0x0e, 0, 1], ts))).toMatch(/^type mismatch/);
    expect(reason(body(fn(), [I32C(0), I32C(0), I32C(0), 0xfc, 0x0e, 0, 0], ts))).toBeNull();
  });
});

// Keep I32 referenced for readers of the signatures above.
void I32;
