/** Tables and references: get/set/size/grow/fill/copy/init, elem.drop, ref.null/is_null/func, typed select, globals. */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { ExternRef } from '../../src/core/values.js';
import { call, call1, func, load } from './helpers.js';

function trapCode(f: () => unknown): TrapCode | undefined {
  try { f(); } catch (e) { if (e instanceof Trap) return e.code; throw e; }
  return undefined;
}

const inst = load(`(module
  (table $t 2 10 funcref)
  (table $e 1 externref)
  (elem $seg func $a $b)
  (elem declare func $c)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func $c (result i32) (i32.const 3))
  (global $g (mut externref) (ref.null extern))
  (func (export "init") (param i32 i32 i32) (table.init $t $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (elem.drop $seg))
  (func (export "call") (param i32) (result i32) (call_indirect $t (result i32) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $c) (local.get 0)))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.null func) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "is-null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "set-e") (param externref) (table.set $e (i32.const 0) (local.get 0)))
  (func (export "get-e") (result externref) (table.get $e (i32.const 0)))
  (func (export "swap-g") (param externref) (result externref) (global.get $g) (global.set $g (local.get 0)))
  (func (export "pick") (param externref externref i32) (result externref)
    (select (result externref) (local.get 0) (local.get 1) (local.get 2)))
)`);

describe('tables', () => {
  it('init, call through, drop', () => {
    call(inst, 'init', 0, 0, 2);
    expect(call1(inst, 'call', 0)).toBe(1);
    expect(call1(inst, 'call', 1)).toBe(2);
    expect(trapCode(() => call(inst, 'init', 1, 0, 2))).toBe(TrapCode.TableOutOfBounds);
    call(inst, 'drop');
    expect(trapCode(() => call(inst, 'init', 0, 0, 1))).toBe(TrapCode.TableOutOfBounds);
  });
  it('grow with an initial value, fill, copy, get', () => {
    expect(call1(inst, 'grow', 3)).toBe(2);
    expect(call1(inst, 'size')).toBe(5);
    expect(call1(inst, 'call', 4)).toBe(3);
    expect(call1(inst, 'grow', 6)).toBe(-1);
    call(inst, 'copy', 0, 3, 2);
    expect(call1(inst, 'call', 0)).toBe(3);
    call(inst, 'fill', 1, 2);
    expect(call1(inst, 'is-null', 1)).toBe(1);
    expect(call1(inst, 'is-null', 0)).toBe(0);
    expect(trapCode(() => call(inst, 'is-null', 5))).toBe(TrapCode.TableOutOfBounds);
    expect(trapCode(() => call(inst, 'fill', 4, 2))).toBe(TrapCode.TableOutOfBounds);
  });
});

describe('references and globals', () => {
  it('carry host references by identity', () => {
    const r = new ExternRef({ x: 1 });
    call(inst, 'set-e', r);
    expect(call1(inst, 'get-e')).toBe(r);
    expect(call1(inst, 'swap-g', r)).toBe(null);
    expect(call1(inst, 'swap-g', null)).toBe(r);
  });
  it('typed select picks references', () => {
    const a = new ExternRef(1), b = new ExternRef(2);
    expect(call1(inst, 'pick', a, b, 1)).toBe(a);
    expect(call1(inst, 'pick', a, b, 0)).toBe(b);
  });
  it('ref.func in a table is the function instance', () => {
    const m = load(`(module (table 1 funcref) (elem (i32.const 0) $f) (func $f (export "f"))
      (func (export "get") (result funcref) (table.get (i32.const 0))))`);
    expect(call1(m, 'get')).toBe(func(m, 'f'));
  });
});
