/**
 * The closure executor's numeric, table, global and indirect-call ops against the switch loop, at
 * edge operands (wrap-around, shifts by ≥ 32/64, division traps, NaN bits of abs/neg/copysign).
 */
import { describe, expect, it } from 'vitest';
import type { RawVal } from '../../../src/core/values.js';
import { f32bits, load } from '../helpers.js';
import { onBoth, runOn } from './compare.js';

const BIN64 = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr', 'div_s', 'div_u', 'rem_s', 'rem_u'];
const CMP64 = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const BIN32 = ['div_s', 'div_u', 'rem_s', 'rem_u', 'rotl', 'rotr'];
const F32BIN = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const F32CMP = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

const inst = load(`(module
  (table 4 funcref)
  (elem (i32.const 0) $a $b)
  (global $g (mut i32) (i32.const 5))
  (type $ii (func (param i32) (result i32)))
  (func $a (param i32) (result i32) (i32.add (local.get 0) (i32.const 100)))
  (func $b (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  ${BIN64.map((o) => `(func (export "i64.${o}") (param i64 i64) (result i64) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${CMP64.map((o) => `(func (export "i64.${o}") (param i64 i64) (result i32) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${BIN32.map((o) => `(func (export "i32.${o}") (param i32 i32) (result i32) (i32.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${F32BIN.map((o) => `(func (export "f32.${o}") (param f32 f32) (result f32) (f32.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${F32CMP.map((o) => `(func (export "f32.${o}") (param f32 f32) (result i32) (f32.${o} (local.get 0) (local.get 1)))`).join('\n')}
  (func (export "unary") (param $x i64) (param $f f32) (result i64)
    (i64.xor (i64.xor (i64.clz (local.get $x)) (i64.shl (i64.ctz (local.get $x)) (i64.const 8)))
      (i64.xor (i64.shl (i64.popcnt (local.get $x)) (i64.const 16))
        (i64.xor (i64.extend_i32_s (i32.wrap_i64 (local.get $x)))
          (i64.shl (i64.extend_i32_u (i32.reinterpret_f32 (f32.neg (f32.abs (local.get $f))))) (i64.const 1))))))
  (func (export "eqz64") (param i64) (result i32) (i64.eqz (local.get 0)))
  (func (export "conv") (param $f f64) (result i32) (i32.trunc_f64_s (local.get $f)))
  (func (export "sat") (param $f f64) (result i32) (i32.trunc_sat_f64_u (local.get $f)))
  (func (export "indirect") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $ii) (local.get $x) (local.get $i)))
  (func (export "table") (param $i i32) (result i32)
    (block $d (block $c (block $b0 (block $a0 (br_table $a0 $b0 $c $d (local.get $i)))
      (return (i32.const 10))) (return (i32.const 11))) (return (i32.const 12))) (i32.const 13))
  (func (export "global") (param $x i32) (result i32)
    (global.set $g (i32.add (global.get $g) (local.get $x))) (global.get $g))
)`);

function both(name: string, args: RawVal[]): unknown {
  return onBoth(inst, name, args, true);
}

const E64 = [0n, 1n, -1n, 2n, 31n, 32n, 33n, 63n, 64n, 65n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  -0x8000000000000000n, 0x7fffffffffffffffn, 0x123456789abcdefn, -0x123456789abcdefn];
const E32 = [0, 1, -1, 2, 31, 32, 33, 0x7fffffff, -0x80000000, 0x12345678, -7];
const EF = [0, -0, 1.5, -2.25, Infinity, -Infinity, NaN, 3.4e38, 1e-45].map(f32bits).concat([0x7fc00001, 0xffa00000 | 0]);

describe('closure executor numeric ops', () => {
  it('i64 arithmetic, shifts, rotations, division and comparisons match the switch loop', () => {
    for (const o of [...BIN64, ...CMP64]) for (const a of E64) for (const b of E64) both(`i64.${o}`, [a, b]);
    expect(both('i64.div_s', [1n, 0n])).toMatchObject({ trap: expect.stringMatching(/divide by zero/) });
    expect(both('i64.div_s', [-0x8000000000000000n, -1n])).toMatchObject({ trap: expect.stringMatching(/overflow/) });
    for (const a of E64) { both('eqz64', [a]); for (const f of EF) both('unary', [a, f]); }
  });

  it('i32 division, remainder and rotations match, including traps', () => {
    for (const o of BIN32) for (const a of E32) for (const b of E32) both(`i32.${o}`, [a, b]);
    expect(both('i32.rem_u', [5, 0])).toMatchObject({ trap: expect.stringMatching(/divide by zero/) });
    expect(both('i32.rem_s', [-0x80000000, -1])).toEqual([0]);
  });

  it('f32 arithmetic and comparisons match, NaN bits of copysign kept', () => {
    for (const o of [...F32BIN, ...F32CMP]) for (const a of EF) for (const b of EF) both(`f32.${o}`, [a, b]);
    expect(both('f32.copysign', [0x7fc00001, f32bits(-1)])).toEqual([0xffc00001 | 0]);
  });

  it('conversions trap or saturate as on the switch loop', () => {
    for (const x of [0, -1.5, 2147483647.9, 2147483648, -2147483649, NaN, Infinity, 1e10]) {
      const bits = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
      both('conv', [bits]);
      both('sat', [bits]);
    }
  });

  it('runs call_indirect, br_table and globals', () => {
    expect(both('indirect', [0, 5])).toEqual([105]);
    expect(both('indirect', [1, 5])).toEqual([15]);
    expect(both('indirect', [2, 5])).toMatchObject({ trap: expect.stringMatching(/uninitialized element/) });
    expect(both('indirect', [9, 5])).toMatchObject({ trap: expect.stringMatching(/undefined element/) });
    for (const i of [0, 1, 2, 3, 4, -1]) both('table', [i]);
    expect(runOn(inst, 'global', [3], 'switch')).toEqual([8]);
    expect(runOn(inst, 'global', [3], 'closures')).toEqual([11]);
  });
});
