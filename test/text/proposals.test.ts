/**
 * Encodings of the post-MVP instruction families from text, checked byte by byte against the
 * binary format (hand-derived) and then by the decoder and validator: GC, typed function
 * references, exceptions (new and legacy), threads, memory64/table64, multiple memories, bulk
 * memory and tables, tail calls, wide arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { parseWat } from '../../src/text/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { validateModule } from '../../src/validate/index.js';

const hex = (bs: Iterable<number>): string => [...bs].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** The body of function `i`, after checking the whole module decodes and validates. */
function body(wat: string, i = 0): string {
  const m = parseWat(wat);
  validateModule(decodeModule(encodeModule(m)));
  return hex(m.codes[i]!.body.bytes);
}

describe('GC', () => {
  it('struct and array instructions', () => {
    expect(body(`(type $s (struct (field $a (mut i32)) (field $b i64)))
      (type $arr (array (mut i8)))
      (func (result i32)
        (struct.set $s $a (struct.new $s (i32.const 1) (i64.const 2)) (i32.const 3))
        (drop (struct.get $s $b (struct.new_default $s)))
        (array.get_u $arr (array.new_fixed $arr 2 (i32.const 1) (i32.const 2)) (i32.const 0)))`))
      .toBe('41 01 42 02 fb 00 00 41 03 fb 05 00 00 fb 01 00 fb 02 00 01 1a 41 01 41 02 fb 08 01 02 41 00 fb 0d 01 0b');
  });
  it('casts, i31 and extern conversion', () => {
    expect(body(`(type $s (struct))
      (func (param anyref) (result i32)
        (block $l (result (ref $s)) (br_on_cast $l anyref (ref $s) (local.get 0)) (drop) (unreachable)) (drop)
        (block $m (result anyref) (br_on_cast_fail $m anyref (ref null $s) (local.get 0)) (drop) (unreachable)) (drop)
        (drop (ref.cast (ref null $s) (local.get 0)))
        (drop (extern.convert_any (local.get 0)))
        (i31.get_s (ref.i31 (i32.const 5))))`))
      .toBe('02 64 00 20 00 fb 18 01 00 6e 00 1a 00 0b 1a ' +
        '02 6e 20 00 fb 19 03 00 6e 00 1a 00 0b 1a ' +
        '20 00 fb 17 00 1a 20 00 fb 1b 1a 41 05 fb 1c fb 1d 0b');
  });
});

describe('typed function references and tail calls', () => {
  it('call_ref, br_on_null, return_call*', () => {
    expect(body(`(type $f (func (param i32) (result i32)))
      (table 1 funcref)
      (func $g (type $f) (local.get 0))
      (func (param i32) (result i32)
        (block $l (br_on_null $l (ref.func $g)) (drop))
        (return (call_ref $f (local.get 0) (ref.func $g)))
        (return_call_indirect (type $f) (local.get 0) (i32.const 0)))
      (elem declare func $g)`, 1))
      .toBe('02 40 d2 00 d5 00 1a 0b 20 00 d2 00 14 00 0f 20 00 41 00 13 00 00 0b');
  });
});

describe('exceptions', () => {
  it('try_table with every catch kind, throw and throw_ref', () => {
    expect(body(`(tag $e (param i32))
      (func (result i32)
        (block $h (result i32)
          (block $r (result i32 exnref)
            (block $a
              (block $ar (result exnref)
                (try_table (catch $e $h) (catch_ref $e $r) (catch_all $a) (catch_all_ref $ar)
                  (throw $e (i32.const 1)))
                (unreachable))
              (throw_ref))
            (unreachable))
          (unreachable)))`))
      .toBe('02 7f 02 02 02 40 02 69 1f 40 04 00 00 03 01 00 02 02 01 03 00 41 01 08 00 0b 00 0b 0a 0b 00 0b 00 0b 0b');
  });
  it('legacy try, catch, catch_all, rethrow and delegate', () => {
    expect(body(`(tag $e)
      (func
        (try $t (do (throw $e)) (catch $e (rethrow $t)) (catch_all))
        (block $b (try (do (nop)) (delegate $b))))`))
      .toBe('06 40 08 00 07 00 09 00 19 0b 02 40 06 40 01 18 00 0b 0b');
  });
});

describe('threads, memory64, multiple memories, bulk', () => {
  it('atomics with alignment and the fence', () => {
    expect(body(`(memory 1 1 shared)
      (func (result i32)
        (drop (i32.atomic.rmw.cmpxchg offset=4 (i32.const 0) (i32.const 1) (i32.const 2)))
        (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
        (atomic.fence)
        (i64.atomic.load32_u (i32.const 0)) (drop)
        (i32.const 0))`))
      .toBe('41 00 41 01 41 02 fe 48 02 04 1a 41 00 41 01 fe 00 02 00 1a fe 03 00 41 00 fe 16 02 00 1a 41 00 0b');
  });
  it('memory64 offsets beyond 32 bits and i64 table indices', () => {
    expect(body(`(memory i64 1) (table i64 1 funcref)
      (func (drop (i64.load offset=0x1_0000_0000 (i64.const 0))) (drop (table.get (i64.const 0))))`))
      .toBe('42 00 29 03 80 80 80 80 10 1a 42 00 25 00 1a 0b');
  });
  it('memory indices in loads, stores, copy, fill, init, size and grow', () => {
    expect(body(`(memory $a 1) (memory $b 1) (data $d "x")
      (func
        (i32.store $b (i32.const 0) (i32.load $a (i32.const 0)))
        (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 1))
        (memory.fill $b (i32.const 0) (i32.const 0) (i32.const 1))
        (memory.init $b $d (i32.const 0) (i32.const 0) (i32.const 1))
        (drop (memory.grow $b (memory.size $b))))`))
      .toBe('41 00 41 00 28 02 00 36 42 01 00 ' +
        '41 00 41 00 41 01 fc 0a 00 01 41 00 41 00 41 01 fc 0b 01 41 00 41 00 41 01 fc 08 00 01 ' +
        '3f 01 40 01 1a 0b');
  });
  it('tables: init, copy, grow, fill with indices', () => {
    expect(body(`(table $t 1 funcref) (table $u 1 funcref) (elem $e func $f) (func $f
        (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 1))
        (table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 1))
        (drop (table.grow $u (ref.null func) (i32.const 1)))
        (table.fill $u (i32.const 0) (ref.null func) (i32.const 1))
        (elem.drop $e))`))
      .toBe('41 00 41 00 41 01 fc 0c 00 01 41 00 41 00 41 01 fc 0e 00 01 d0 70 41 01 fc 0f 01 1a ' +
        '41 00 d0 70 41 01 fc 11 01 fc 0d 00 0b');
  });
  it('wide arithmetic', () => {
    expect(body('(func (param i64 i64) (result i64 i64) (i64.add128 (local.get 0) (local.get 1) (local.get 0) (local.get 1)))'))
      .toBe('20 00 20 01 20 00 20 01 fc 13 0b');
  });
});
