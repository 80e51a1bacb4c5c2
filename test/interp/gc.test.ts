/** GC: structs with packed fields, arrays (bounds, data segments, copy), i31, casts across subtypes. */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call, call1, load } from './helpers.js';

function trap(f: () => unknown): Trap {
  try { f(); } catch (e) { if (e instanceof Trap) return e; throw e; }
  throw new Error('no trap');
}

const inst = load(`(module
  (type $point (sub (struct (field $x (mut i8)) (field $y i64))))
  (type $point3 (sub $point (struct (field $x (mut i8)) (field $y i64) (field $z f64))))
  (type $bytes (array (mut i8)))
  (data $d "\\01\\02\\ff")
  (func (export "packed") (param i32) (result i32 i32)
    (local $p (ref $point))
    (local.set $p (struct.new $point (local.get 0) (i64.const 5)))
    (struct.get_s $point $x (local.get $p))
    (struct.get_u $point $x (local.get $p)))
  (func (export "set-then-get") (result i32)
    (local $p (ref $point))
    (local.set $p (struct.new_default $point))
    (struct.set $point $x (local.get $p) (i32.const 0x1234))
    (struct.get_u $point $x (local.get $p)))
  (func (export "from-data") (param i32) (result i32)
    (array.get_s $bytes (array.new_data $bytes $d (i32.const 0) (i32.const 3)) (local.get 0)))
  (func (export "copy") (result i32)
    (local $a (ref $bytes)) (local $b (ref $bytes))
    (local.set $a (array.new_fixed $bytes 4 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)))
    (local.set $b (array.new $bytes (i32.const 0) (i32.const 4)))
    (array.copy $bytes $bytes (local.get $b) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 3))
    (i32.add (array.get_u $bytes (local.get $b) (i32.const 3)) (array.len (local.get $b))))
  (func (export "i31") (param i32) (result i32 i32)
    (i31.get_s (ref.i31 (local.get 0))) (i31.get_u (ref.i31 (local.get 0))))
  (func (export "test-sub") (result i32 i32 i32)
    (local $r anyref)
    (local.set $r (struct.new_default $point3))
    (ref.test (ref $point) (local.get $r))
    (ref.test (ref $point3) (struct.new_default $point))
    (ref.test (ref i31) (ref.i31 (i32.const 1))))
  (func (export "cast-fail") (drop (ref.cast (ref $point3) (struct.new_default $point))))
  (func (export "null-get") (result i64) (struct.get $point $y (ref.null $point)))
  (func (export "br-on-cast") (param anyref) (result i32)
    (block $is (result (ref $point))
      (br_on_cast $is anyref (ref $point) (local.get 0))
      (drop) (return (i32.const -1)))
    (struct.get_u $point $x))
  (func (export "make") (param i32) (result anyref)
    (if (result anyref) (local.get 0)
      (then (struct.new $point3 (i32.const 9) (i64.const 0) (f64.const 0)))
      (else (ref.i31 (i32.const 3)))))
)`);

describe('GC objects', () => {
  it('packs and extends i8 fields', () => {
    expect(call(inst, 'packed', -1)).toEqual([-1, 255]);
    expect(call1(inst, 'set-then-get')).toBe(0x34);
  });
  it('arrays from data segments, copy and bounds', () => {
    expect(call1(inst, 'from-data', 2)).toBe(-1);
    expect(trap(() => call(inst, 'from-data', 3)).code).toBe(TrapCode.ArrayOutOfBounds);
    expect(call1(inst, 'copy')).toBe(3 + 4);
  });
  it('i31 references wrap to 31 bits', () => {
    expect(call(inst, 'i31', -1)).toEqual([-1, 0x7fffffff]);
    expect(call(inst, 'i31', 0x40000000)).toEqual([-0x40000000, 0x40000000]);
  });
  it('casts follow declared subtyping', () => {
    expect(call(inst, 'test-sub')).toEqual([1, 0, 1]);
    expect(trap(() => call(inst, 'cast-fail')).code).toBe(TrapCode.CastFailure);
    expect(trap(() => call(inst, 'null-get')).message).toBe('null structure reference');
    const p = call1(inst, 'make', 1);
    expect(call1(inst, 'br-on-cast', p)).toBe(9);
    expect(call1(inst, 'br-on-cast', call1(inst, 'make', 0))).toBe(-1);
  });
});
