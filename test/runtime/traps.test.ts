/**
 * Traps at the API: the spec's message and code, a backtrace of wasm frames with names from the
 * name section and code offsets, deep recursion trapping "call stack exhausted" (never a JS
 * RangeError) with the store usable afterwards, and host exceptions crossing wasm frames unchanged.
 */
import { describe, expect, test } from 'vitest';
import { Engine, formatTrap, Func, I32, Instance, Module, Store, Trap, TrapCode } from '../../src/index.js';
import { wat } from './helpers.js';

const TEXT = `(module
  (import "env" "host" (func $host (param i32)))
  (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $outer (export "outer") (param i32) (result i32) (call $div (i32.const 1) (local.get 0)))
  (func $rec (export "rec") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
  (func $callHost (export "callHost") (param i32) (result i32)
    (call $host (local.get 0)) (i32.const 5)))`;

class HostFailure extends Error {}

function setup(maxCallDepth?: number) {
  const engine = new Engine(maxCallDepth === undefined ? {} : { maxCallDepth });
  const store = new Store(engine, undefined);
  const module = Module.new(engine, wat(TEXT));
  const host = Func.new(store, { params: [I32], results: [] }, (x: number) => {
    if (x < 0) throw new HostFailure(`negative: ${x}`);
  });
  const instance = Instance.new(store, module, [host]);
  return { store, instance };
}

describe('traps', () => {
  test('a trap has the spec message, a code and a backtrace with names and offsets', () => {
    const { store, instance } = setup();
    let trap: unknown;
    try {
      instance.getFunc(store, 'outer')!.call(store, 0);
    } catch (e) {
      trap = e;
    }
    expect(trap).toBeInstanceOf(Trap);
    const t = trap as Trap;
    expect(t.message).toBe('integer divide by zero');
    expect(t.code).toBe(TrapCode.IntegerDivideByZero);
    expect(t.backtrace.map((f) => f.funcName)).toEqual(['div', 'outer']);
    expect(t.backtrace.map((f) => f.funcIndex)).toEqual([1, 2]);
    for (const f of t.backtrace) expect(f.codeOffset).toBeGreaterThan(0);
    // $div's body comes before $outer's in the binary, so the inner frame has the smaller offset.
    expect(t.backtrace[0]!.codeOffset).toBeLessThan(t.backtrace[1]!.codeOffset);
    const text = formatTrap(t);
    expect(text).toContain('wasm trap: integer divide by zero');
    expect(text).toMatch(/0: +0x[0-9a-f]+ - div\n +1: +0x[0-9a-f]+ - outer/);
  });

  test('deep recursion traps "call stack exhausted" and the store still works', () => {
    const { store, instance } = setup(1000);
    const rec = instance.getFunc(store, 'rec')!;
    expect(rec.call(store, 900)).toEqual([900]);
    let trap: unknown;
    try {
      rec.call(store, 1_000_000);
    } catch (e) {
      trap = e;
    }
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).message).toBe('call stack exhausted');
    expect((trap as Trap).code).toBe(TrapCode.StackExhausted);
    expect(rec.call(store, 10)).toEqual([10]);
    expect(instance.getFunc(store, 'div')!.call(store, 9, 3)).toEqual([3]);
  });

  test('the default depth limit survives a million-deep recursion as a trap', () => {
    const { store, instance } = setup();
    expect(() => instance.getFunc(store, 'rec')!.call(store, 1_000_000)).toThrow('call stack exhausted');
  });

  test('a host exception crosses wasm frames unchanged and the store still works', () => {
    const { store, instance } = setup();
    const f = instance.getFunc(store, 'callHost')!;
    let caught: unknown;
    try {
      f.call(store, -3);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HostFailure);
    expect((caught as Error).message).toBe('negative: -3');
    expect(f.call(store, 3)).toEqual([5]);
  });
});
