/**
 * Array indexing: `a + (b << s)` is one `i32.add_shl` op, and an i32.load at `(i << s) + k` is one
 * `i32.load_shl_add_imm`. Both must wrap to 32 bits like the separate instructions, mask the shift
 * count like i32.shl, and the load must trap exactly at the end of memory.
 */
import { describe, expect, it } from 'vitest';
import { call1, func, load, listing as listingOf } from './helpers.js';

const inst = load(`(module
  (memory 1)
  (data (i32.const 1024) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00")
  (data (i32.const 65532) "\\78\\56\\34\\12")
  (func (export "ax2") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
  (func (export "x2a") (param i32 i32) (result i32) (i32.add (i32.shl (local.get 1) (i32.const 2)) (local.get 0)))
  (func (export "ax31") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 31))))
  (func (export "ax33") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 33))))
  (func (export "tee") (param i32 i32) (result i32) (local i32)
    (i32.add (i32.add (local.get 0) (local.tee 2 (i32.shl (local.get 1) (i32.const 2)))) (local.get 2)))
  (func (export "mid") (param i32 i32) (result i32)
    (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.add (local.get 1) (i32.const 16))))
  (func (export "midtee") (param i32) (result i32)
    (i32.add (i32.shl (local.get 0) (i32.const 2)) (local.tee 0 (i32.add (local.get 0) (i32.const 16)))))
  (func (export "tab") (param i32) (result i32) (i32.load (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 1024))))
  (func (export "tabo") (param i32) (result i32) (i32.load offset=4 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const -4))))
)`);

const listing = (name: string): string => listingOf(inst, name);

describe('i32.add of a shifted operand', () => {
  it('is one op, whichever side the shift is on', () => {
    for (const name of ['ax2', 'x2a']) {
      const a = listing(name);
      expect(a, a).toMatch(/i32\.add_shl/);
      expect(a, a).not.toMatch(/shl_imm/);
    }
  });

  it('wraps like the separate instructions and masks the shift count', () => {
    expect(call1(inst, 'ax2', 100, 3)).toBe(112);
    expect(call1(inst, 'x2a', 100, 3)).toBe(112);
    expect(call1(inst, 'ax2', 0x7fffffff, 1)).toBe(-0x7ffffffd);
    expect(call1(inst, 'ax2', 0, 0x40000001)).toBe(4);
    expect(call1(inst, 'ax2', 5, -1)).toBe(1);
    expect(call1(inst, 'ax31', 1, 1)).toBe(-0x7fffffff);
    expect(call1(inst, 'ax31', 1, 2)).toBe(1);
    expect(call1(inst, 'ax33', 1, 3)).toBe(7);
  });

  it('moves the shift past the op computing the other operand, unless that op writes its input', () => {
    const a = listing('mid');
    expect(a, a).toMatch(/i32\.add_shl/);
    expect(a, a).not.toMatch(/shl_imm/);
    expect(call1(inst, 'mid', 3, 5)).toBe(33);
    expect(call1(inst, 'mid', 0x40000000, -16)).toBe(0);
    expect(call1(inst, 'midtee', 3)).toBe(31);
    expect(call1(inst, 'midtee', -4)).toBe(-4);
  });

  it('keeps a shift whose result is also teed to a local', () => {
    expect(call1(inst, 'tee', 1, 2)).toBe(17);
  });
});

describe('i32.load at (i << s) + k', () => {
  it('is one op', () => {
    const a = listing('tab');
    expect(a, a).toMatch(/i32\.load_shl_add_imm/);
    expect(a.split('\n').length, a).toBe(2);
  });

  it('reads the table, wrapping before the offset and trapping at the exact end', () => {
    expect(call1(inst, 'tab', 0)).toBe(1);
    expect(call1(inst, 'tab', 2)).toBe(3);
    // (0x40000000 << 2) wraps to 0: reads address 1024.
    expect(call1(inst, 'tab', 0x40000000)).toBe(1);
    // (i << 2) + 1024 wraps past 2^32 to 0: address 0.
    expect(call1(inst, 'tab', -256)).toBe(0);
    expect(call1(inst, 'tab', (65532 - 1024) / 4)).toBe(0x12345678);
    expect(() => call1(inst, 'tab', (65536 - 1024) / 4)).toThrow(/out of bounds/);
    // (0 << 2) - 4 wraps to 2^32 - 4; plus offset 4 is 2^32: no wrap, out of bounds.
    expect(() => call1(inst, 'tabo', 0)).toThrow(/out of bounds/);
    expect(call1(inst, 'tabo', 256)).toBe(1);
  });
});
