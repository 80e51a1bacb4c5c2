/**
 * Exported Functions and host functions, after the spec's test/js-api/functions and
 * constructor/multi-value.any.js: `name`/`length`, not constructible, identity, ToJSValue and
 * ToWebAssemblyValue on arguments and results (i64 ↔ BigInt, f32 rounding, externref identity),
 * multi-value results, v128 signatures, traps as RuntimeError and JS exceptions passing through
 * wasm frames unchanged. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

const MAIN = wasm(`(module
  (import "js" "cb" (func $cb (param i32) (result i32)))
  (import "js" "i64" (func $i64 (param i64) (result i64)))
  (import "js" "pair" (func $pair (result i32 f64)))
  (func $nop (export "nop"))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "callcb") (param i32) (result i32) (i32.add (call $cb (local.get 0)) (i32.const 1)))
  (func (export "call64") (param i64) (result i64) (call $i64 (local.get 0)))
  (func (export "pair") (result f64) (local f64) (call $pair) (local.set 0) (f64.convert_i32_s) (local.get 0) (f64.add))
  (func (export "trap") unreachable)
  (func (export "v128") (param v128))
  (func $rec (export "rec") (call $rec)))`);

describe.each(IMPLEMENTATIONS)('functions (%s)', (impl, WA) => {
  const make = (js: Record<string, unknown> = {}): Record<string, any> => new WA.Instance(new WA.Module(MAIN), {
    js: { cb: (x: number) => x * 2, i64: (x: bigint) => x * 3n, pair: () => [1, 2.5], ...js },
  }).exports;

  test('name is the function index, length the parameter count; not constructible', () => {
    const e = make();
    expect(e.nop.name).toBe('3');
    expect(e.add.name).toBe('4');
    expect(e.add.length).toBe(2);
    expect(e.swap.length).toBe(2);
    expect(Object.getOwnPropertyDescriptor(e.add, 'name')).toMatchObject({ writable: false, enumerable: false, configurable: true });
    expect(Object.getPrototypeOf(e.add)).toBe(Function.prototype);
    expect(thrown(() => new e.add())).toBeInstanceOf(TypeError);
  });

  test('arguments: ToInt32, missing ones are undefined, extra ones ignored', () => {
    const e = make();
    expect(e.add(2 ** 31, 2 ** 31)).toBe(0);
    expect(e.add('3', { valueOf: () => 4 })).toBe(7);
    expect(e.add(1)).toBe(1);
    expect(e.add(1, 2, 3)).toBe(3);
    expect(thrown(() => e.add(1n, 2))).toBeInstanceOf(TypeError);
  });

  test('i64 is BigInt both ways, wrapping to 64 bits; Numbers are TypeErrors', () => {
    const e = make();
    expect(e.add64(2n ** 63n - 1n, 1n)).toBe(-(2n ** 63n));
    expect(e.add64(2n ** 64n + 5n, -1n)).toBe(4n);
    expect(thrown(() => e.add64(1, 2n))).toBeInstanceOf(TypeError);
    expect(thrown(() => e.add64())).toBeInstanceOf(TypeError);
    expect(e.call64(7n)).toBe(21n);
  });

  test('f32 parameters round to f32, f64 keep their value', () => {
    const e = make();
    expect(e.f32(0.1)).toBe(Math.fround(0.1));
    expect(e.f32(16777217)).toBe(16777216);
    expect(e.f32(3.4028235677973366e38)).toBe(Infinity);
    expect(e.f64(0.1)).toBe(0.1);
    expect(Number.isNaN(e.f64(undefined))).toBe(true);
    expect(Object.is(e.f32(-0), -0)).toBe(true);
  });

  test('externref keeps identity through wasm, for any value', () => {
    const e = make();
    const obj = {};
    for (const v of [obj, 'str', 12, undefined, null, Symbol('s'), 10n]) expect(e.id(v)).toBe(v);
  });

  test('multi-value: results come back as an array; host results are read from an iterable', () => {
    const e = make();
    expect(e.swap(1, 2n)).toEqual([2n, 1]);
    expect(e.pair()).toBe(3.5);
    const iter = make({ pair: () => new Set([1, 2.5]) });
    expect(iter.pair()).toBe(3.5);
    expect(thrown(() => make({ pair: () => 5 }).pair())).toBeInstanceOf(TypeError);
    expect(thrown(() => make({ pair: () => [1] }).pair())).toBeInstanceOf(TypeError);
  });

  test('host functions: arguments converted with ToJSValue, results with ToWebAssemblyValue, this is undefined', () => {
    let seenThis: unknown = 'unset';
    const e = make({ cb: function (this: unknown, x: number) { seenThis = this; return `${x}0`; } });
    expect(e.callcb(4)).toBe(41);
    expect(seenThis).toBe(undefined);
    expect(thrown(() => make({ i64: () => 1 }).call64(1n))).toBeInstanceOf(TypeError);
  });

  test('the same function exported twice is the same object; a re-exported import too', () => {
    const a = make();
    const b = new WA.Instance(new WA.Module(wasm('(module (import "m" "f" (func)) (export "f" (func 0)) (export "g" (func 0)))')), { m: { f: a.nop } }).exports;
    expect(b.f).toBe(a.nop);
    expect(b.g).toBe(a.nop);
  });

  test('a JS function imported and exported again is wrapped, not returned as is', () => {
    const f = (): void => {};
    const ex = new WA.Instance(new WA.Module(wasm('(module (import "m" "f" (func)) (export "f" (func 0)))')), { m: { f } }).exports;
    expect(typeof ex.f).toBe('function');
    expect(ex.f).not.toBe(f);
  });

  test('traps are RuntimeErrors; a JS exception passes through wasm frames unchanged', () => {
    const err = { custom: true };
    const e = make({ cb: () => { throw err; } });
    expect(thrown(() => e.trap())).toBeInstanceOf(WA.RuntimeError);
    expect(thrown(() => e.callcb(1))).toBe(err);
    // The instance still works after an exception unwound through it.
    expect(e.add(1, 2)).toBe(3);
  });

  test('a trap inside a nested call through JS surfaces as a RuntimeError at the outer call', () => {
    let inner: any;
    const e = make({ cb: () => inner.trap() });
    inner = e;
    const t = thrown(() => e.callcb(1));
    expect(t).toBeInstanceOf(WA.RuntimeError);
  });

  test('deep recursion ends in an exception, not a hang', () => {
    const e = make();
    const t = thrown(() => e.rec());
    expect(t instanceof RangeError || t instanceof WA.RuntimeError).toBe(true);
  });

  test('v128 in a signature is a TypeError when called from JS', () => {
    const e = make();
    expect(thrown(() => e.v128())).toBeInstanceOf(TypeError);
    void impl;
  });
});
