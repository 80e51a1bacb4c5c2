/**
 * The closure executor on the switch loop's newer fused ops (add + compare-branch, f64 arithmetic
 * with a loaded operand, add_shl, the shifted table load): each must be compiled (no hand-over) and
 * give the switch loop's results and traps, including 32-bit wrap-around of sums and addresses.
 */
import { describe, expect, it } from 'vitest';
import type { WasmFuncInst } from '../../../src/core/func.js';
import type { RawVal } from '../../../src/core/values.js';
import { compiled } from '../../../src/interp/thread.js';
import { disassemble } from '../../../src/interp/code.js';
import { uncompiledPcs } from '../../../src/interp/closures/compile.js';
import { f64bits, func, load } from '../helpers.js';
import { onBoth } from './compare.js';

const inst = load(`(module
  (memory 1)
  (data (i32.const 0) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00")
  (data (i32.const 64) "\\00\\00\\00\\00\\00\\00\\f8\\3f\\00\\00\\00\\00\\00\\00\\04\\c0")
  (func (export "count") (param $i i32) (param $n i32) (result i32) (local $k i32)
    (loop $l
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 3)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $k))
  (func (export "add_br") (param $a i32) (param $b i32) (result i32)
    (block $out
      (local.set $a (i32.add (local.get $a) (local.get $b)))
      (br_if $out (i32.gt_s (local.get $a) (i32.const 100)))
      (return (i32.const -1)))
    (local.get $a))
  (func (export "add_imm_br") (param $a i32) (result i32)
    (block $out
      (local.set $a (i32.add (local.get $a) (i32.const 0x7ffffff0)))
      (br_if $out (i32.gt_u (local.get $a) (i32.const 0x7fffffff)))
      (return (i32.const -1)))
    (local.get $a))
  (func (export "fma") (param $x f64) (param $p i32) (result f64)
    (f64.add (f64.mul (local.get $x) (f64.load (local.get $p)))
             (f64.sub (local.get $x) (f64.load (i32.add (local.get $p) (i32.const 8))))))
  (func (export "add_shl") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (i32.shl (local.get $b) (i32.const 3))))
  (func (export "table") (param $i i32) (result i32)
    (i32.load offset=0 (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 4))))
)`);

function both(name: string, args: RawVal[]): unknown {
  return onBoth(inst, name, args);
}

describe('closure executor on fused ops', () => {
  it('compiles them', () => {
    const listing = ['count', 'add_br', 'add_imm_br', 'fma', 'add_shl', 'table'].map((n) => {
      const f = func(inst, n) as WasmFuncInst;
      expect(uncompiledPcs(f), `${n}\n${disassemble(compiled(f).code)}`).toEqual([]);
      return disassemble(compiled(f).code);
    }).join('\n');
    // Only meaningful while the translator emits these fusions: name the ones this test covers.
    for (const name of ['_br_if_', '_load', 'add_shl', 'load_shl_add_imm']) expect(listing, listing).toContain(name);
  });

  it('agree with the switch loop, with wrap-around and traps', () => {
    for (const [i, n] of [[0, 10], [0, 0], [-6, 3], [5, 100]]) both('count', [i, n]);
    for (const [a, b] of [[50, 60], [50, 40], [0x7fffffff, 1], [-100, 250]]) both('add_br', [a, b]);
    for (const a of [0, 15, 16, -1, 0x7fffffff, -0x80000000]) both('add_imm_br', [a]);
    expect(both('fma', [f64bits(2), 64])).toEqual([f64bits(2 * 1.5 + (2 - -2.5))]);
    expect(both('fma', [f64bits(2), 65536 - 8])).toMatchObject({ trap: expect.stringMatching(/out of bounds/) });
    for (const [a, b] of [[1, 2], [0x7fffffff, 1], [0, 0x20000000], [-1, -1]]) both('add_shl', [a, b]);
    for (const i of [0, 1, 2, -1, 0x3fffffff, 16383, 16384]) both('table', [i]);
    expect(both('table', [1])).toEqual([3]);
  });
});
