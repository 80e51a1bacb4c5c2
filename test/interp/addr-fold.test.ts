/**
 * A scalar load/store whose address is `i32.add` with a constant just before it runs as one fused
 * op (`…_add_imm`). The address must wrap to 32 bits exactly as the add would and only then take
 * the memarg offset, so an address that wraps and then overflows with the offset still traps.
 */
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../src/interp/code.js';
import { translate } from '../../src/interp/translate.js';
import { call, call1, f64bits, func, load } from './helpers.js';

const inst = load(`(module
  (memory 1)
  (func (export "ld32") (param $p i32) (result i32)
    (i32.load offset=4 (i32.add (local.get $p) (i32.const -8))))
  (func (export "ld8u") (param $p i32) (result i32)
    (i32.load8_u offset=1 (i32.add (local.get $p) (i32.const -2))))
  (func (export "ldf64") (param $p i32) (result f64)
    (f64.load offset=8 (i32.add (local.get $p) (i32.const -16))))
  (func (export "st32") (param $p i32) (param $v i32)
    (i32.store offset=4 (i32.add (local.get $p) (i32.const -8)) (local.get $v)))
  (func (export "st8") (param $p i32) (param $v i32)
    (i32.store8 offset=1 (i32.add (local.get $p) (i32.const -2)) (local.get $v)))
  (func (export "stf64") (param $p i32) (param $v f64)
    (f64.store offset=8 (i32.add (local.get $p) (i32.const -16)) (local.get $v)))
)`);

const names = ['ld32', 'ld8u', 'ldf64', 'st32', 'st8', 'stf64'];

describe('i32.add with a constant fused into a scalar load/store', () => {
  it('is translated to one fused op per access', () => {
    for (const name of names) {
      const f = func(inst, name);
      if (f.kind !== 'wasm') throw new Error('not a wasm function');
      const listing = disassemble(translate(f.instance, f.index).code);
      expect(listing, listing).toMatch(/_add_imm/);
      expect(listing, listing).not.toMatch(/i32\.add/);
    }
  });

  it('reads and writes at (p + k) + offset', () => {
    call(inst, 'st32', 108, 0x12345678);
    expect(call1(inst, 'ld32', 108)).toBe(0x12345678);
    expect(call1(inst, 'ld8u', 105)).toBe(0x78); // byte 104, little-endian
    call(inst, 'st8', 201, 0x1ff);
    expect(call1(inst, 'ld8u', 201)).toBe(0xff);
    call(inst, 'stf64', 316, f64bits(-2.5));
    expect(call1(inst, 'ldf64', 316)).toBe(f64bits(-2.5));
    expect(call1(inst, 'ld32', 312)).toBe(0); // -2.5 is at bytes 308..315: low word 0
    expect((call1(inst, 'ld32', 316) as number) >>> 0).toBe(0xc0040000);
  });

  it('wraps the sum to 32 bits before adding the offset', () => {
    // p + k wraps to 0xfffffffc (or …fe, …f8); with the offset the address is 2^32: out of bounds,
    // where adding k and the offset together would have addressed byte 0.
    expect(() => call(inst, 'ld32', 4)).toThrow(/out of bounds memory access/);
    expect(() => call(inst, 'ld8u', 1)).toThrow(/out of bounds memory access/);
    expect(() => call(inst, 'ldf64', 8)).toThrow(/out of bounds memory access/);
    expect(() => call(inst, 'st32', 4, 1)).toThrow(/out of bounds memory access/);
    expect(() => call(inst, 'st8', 1, 1)).toThrow(/out of bounds memory access/);
    expect(() => call(inst, 'stf64', 8, f64bits(1))).toThrow(/out of bounds memory access/);
  });
});
