/**
 * In functions with a loop, a load at a constant address reads a zero frame word with the address
 * folded into the offset, and an i32 constant stored by a store is read from the constant pool.
 * The folded access must trap exactly where the unfolded one would (the sum of address and offset
 * may pass 2^32), and stored constants must be written with the store's width.
 */
import { describe, expect, it } from 'vitest';
import { call1, func, load, listing as listingOf } from './helpers.js';

// Each function has a (trivial) loop, which is what turns the folding on.
const LOOP = '(loop $l (br_if $l (i32.const 0)))';
const inst = load(`(module
  (memory 1)
  (data (i32.const 100) "\\01\\02\\03\\04\\05\\06\\07\\08")
  (data (i32.const 65532) "\\aa\\bb\\cc\\dd")
  (func (export "ld100") (result i32) ${LOOP} (i32.load offset=2 (i32.const 100)))
  (func (export "ld_last8") (result i32) ${LOOP} (i32.load8_u (i32.const 65535)))
  (func (export "ld_last32") (result i32) ${LOOP} (i32.load (i32.const 65532)))
  (func (export "ld_over32") (result i32) ${LOOP} (i32.load (i32.const 65533)))
  (func (export "ld_wrap") (result i32) ${LOOP} (i32.load offset=4 (i32.const -4)))
  (func (export "ld_huge") (param i32) (result i32) ${LOOP}
    (if (result i32) (local.get 0)
      (then (i32.load offset=0xffffffff (i32.const -1)))
      (else (i32.const 7))))
  (func (export "ld64") (result i64) ${LOOP} (i64.load offset=1 (i32.const 99)))
  (func (export "st_consts") (param $p i32) (result i64)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.const 0x1ff))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 2))))
    (i32.store16 offset=2 (local.get $p) (i32.const 0x12345))
    (i32.store offset=4 (local.get $p) (i32.const -2))
    (i64.load (local.get $p)))
  (func (export "st_oob") (param $p i32) ${LOOP} (i32.store offset=1 (local.get $p) (i32.const 5)))
)`);

const listing = (name: string): string => listingOf(inst, name);

describe('loads at a constant address', () => {
  it('need no const op', () => {
    const a = listing('ld100');
    expect(a, a).not.toMatch(/const32 \d+ 100/);
    expect(a, a).toMatch(/i32\.load \d+ \d+ 102 0/);
  });

  it('read address + offset', () => {
    expect(call1(inst, 'ld100')).toBe(0x06050403);
    expect(BigInt.asUintN(64, call1(inst, 'ld64') as bigint)).toBe(0x0807060504030201n);
    expect(call1(inst, 'ld_last8')).toBe(0xdd);
    expect(call1(inst, 'ld_last32')).toBe(0xddccbbaa | 0);
    expect(call1(inst, 'ld_huge', 0)).toBe(7);
  });

  it('trap exactly where the unfolded access would', () => {
    expect(() => call1(inst, 'ld_over32')).toThrow(/out of bounds/);
    // -4 as u32 plus offset 4 is 2^32: no wrap, out of bounds.
    expect(() => call1(inst, 'ld_wrap')).toThrow(/out of bounds/);
    expect(() => call1(inst, 'ld_huge', 1)).toThrow(/out of bounds/);
  });
});

describe('stored i32 constants', () => {
  it('are read from the pool, not materialized per store', () => {
    const a = listing('st_consts');
    expect(a, a).toMatch(/i32\.store8/);
    expect(a, a).not.toMatch(/const32 \d+ 511/);
  });

  it('are stored with the width of the store', () => {
    expect(BigInt.asUintN(64, call1(inst, 'st_consts', 8) as bigint)).toBe(0xfffffffe2345ffffn);
    expect(() => call1(inst, 'st_oob', 65532)).toThrow(/out of bounds/);
    call1(inst, 'st_oob', 65531);
    expect(call1(inst, 'ld_last32')).toBe(5);
  });
});
