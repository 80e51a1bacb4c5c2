/**
 * WebAssembly.Table, after the spec's test/js-api/table/{constructor,get-set,grow,length}.any.js:
 * descriptor conversions and errors, default values (null for funcref, undefined for externref),
 * element identity, bounds, grow with and without a fill value. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

describe.each(IMPLEMENTATIONS)('Table (%s)', (impl, WA) => {
  const fnModule = (): Record<string, unknown> => new WA.Instance(new WA.Module(wasm(`(module
    (func (export "f") (result i32) (i32.const 1)) (func (export "g") (result i32) (i32.const 2))
    (table (export "t") 2 funcref) (elem (i32.const 0) 0)
    (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))`))).exports;

  test('interface: lengths, layout, toStringTag', () => {
    expect(WA.Table.length).toBe(1);
    for (const [name, len] of [['get', 1], ['set', 1], ['grow', 1]] as const) {
      const d = Object.getOwnPropertyDescriptor(WA.Table.prototype, name)!;
      expect(d).toMatchObject({ writable: true, enumerable: true, configurable: true });
      expect((d.value as () => void).length).toBe(len);
    }
    expect(Object.getOwnPropertyDescriptor(WA.Table.prototype, 'length')).toMatchObject({ enumerable: true, set: undefined });
    expect(String(new WA.Table({ element: 'anyfunc', initial: 0 }))).toBe('[object WebAssembly.Table]');
  });

  test.each([
    ['no descriptor', undefined],
    ['missing element', { initial: 0 }],
    ['unknown element', { element: 'i32', initial: 0 }],
    ['missing initial', { element: 'anyfunc' }],
    ['negative initial', { element: 'anyfunc', initial: -1 }],
    ['NaN maximum', { element: 'anyfunc', initial: 0, maximum: NaN }],
  ])('TypeError for %s', (_n, desc) => {
    expect(thrown(() => new WA.Table(desc as WebAssembly.TableDescriptor))).toBeInstanceOf(TypeError);
  });

  test('RangeError for maximum below initial and for a huge initial size', () => {
    expect(thrown(() => new WA.Table({ element: 'anyfunc', initial: 2, maximum: 1 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => new WA.Table({ element: 'anyfunc', initial: 10_000_001 }))).toBeInstanceOf(RangeError);
  });

  test('defaults: null for funcref, undefined for externref; a given value fills every slot', () => {
    const f = new WA.Table({ element: 'anyfunc', initial: 2 });
    expect(f.length).toBe(2);
    expect(f.get(0)).toBe(null);
    const e = new WA.Table({ element: 'externref', initial: 2 });
    expect(e.get(1)).toBe(undefined);
    const obj = {};
    const filled = new WA.Table({ element: 'externref', initial: 3 }, obj);
    expect([0, 1, 2].map((i) => filled.get(i))).toEqual([obj, obj, obj]);
    expect(filled.get(2)).toBe(obj);
  });

  test('externref elements keep any JS value, with identity; null stays null', () => {
    const t = new WA.Table({ element: 'externref', initial: 5 });
    const values = [{}, 'str', 1.5, Symbol('s'), null];
    values.forEach((v, i) => t.set(i, v));
    values.forEach((v, i) => expect(t.get(i)).toBe(v));
    t.set(0);
    expect(t.get(0)).toBe(undefined);
  });

  test('funcref elements: exported functions keep identity; other values are TypeErrors', () => {
    const e = fnModule();
    const t = e.t as WebAssembly.Table;
    expect(t.get(0)).toBe(e.f);
    t.set(1, e.g as () => number);
    expect(t.get(1)).toBe(e.g);
    expect((e.call as (i: number) => number)(1)).toBe(2);
    expect(thrown(() => t.set(1, (() => 1) as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => t.set(1, {} as never))).toBeInstanceOf(TypeError);
    t.set(1, null);
    expect(t.get(1)).toBe(null);
    expect(thrown(() => (e.call as (i: number) => number)(1))).toBeInstanceOf(WA.RuntimeError);
  });

  test('out-of-bounds get and set are RangeErrors; bad indices TypeErrors', () => {
    const t = new WA.Table({ element: 'anyfunc', initial: 2 });
    expect(thrown(() => t.get(2))).toBeInstanceOf(RangeError);
    expect(thrown(() => t.set(2, null))).toBeInstanceOf(RangeError);
    for (const i of [-1, NaN, 2 ** 32, 1n]) expect(thrown(() => t.get(i as number))).toBeInstanceOf(TypeError);
  });

  test('grow: returns the old length, fills with the value or the default, respects the maximum', () => {
    const t = new WA.Table({ element: 'externref', initial: 1, maximum: 4 });
    const o = {};
    expect(t.grow(2, o)).toBe(1);
    expect(t.length).toBe(3);
    expect(t.get(2)).toBe(o);
    expect(t.grow(1)).toBe(3);
    expect(t.get(3)).toBe(undefined);
    expect(thrown(() => t.grow(1))).toBeInstanceOf(RangeError);
    expect(t.length).toBe(4);
    const f = new WA.Table({ element: 'anyfunc', initial: 0 });
    const fn = fnModule().f;
    expect(f.grow(2, fn as never)).toBe(0);
    expect(f.get(1)).toBe(fn);
  });

  test('brand checks', () => {
    const get = WA.Table.prototype.get;
    const length = Object.getOwnPropertyDescriptor(WA.Table.prototype, 'length')!.get!;
    for (const that of [undefined, {}, WA.Table.prototype, new WA.Memory({ initial: 0 })]) {
      expect(thrown(() => get.call(that, 0))).toBeInstanceOf(TypeError);
      expect(thrown(() => length.call(that))).toBeInstanceOf(TypeError);
    }
    void impl;
  });
});

describe('Table with 64-bit addresses (purewasm; after table/constructor-memory64 and grow-memory64)', () => {
  const [, WA] = IMPLEMENTATIONS[0]!;

  test('length, indices and grow results are BigInts', () => {
    const t = new WA.Table({ element: 'anyfunc', address: 'i64', initial: 3n, maximum: 5n });
    expect(t.length).toBe(3n);
    expect(t.get(2n)).toBe(null);
    expect(thrown(() => t.get(-1n))).toBeInstanceOf(TypeError);
    expect(thrown(() => t.get(3n))).toBeInstanceOf(RangeError);
    expect(thrown(() => t.get(1))).toBeInstanceOf(TypeError);
    expect(t.grow(2n)).toBe(3n);
    expect(t.length).toBe(5n);
    expect(thrown(() => t.grow(1n))).toBeInstanceOf(RangeError);
    for (const v of [-1n, 2n ** 64n, '0x10000000000000000']) expect(thrown(() => t.grow(v))).toBeInstanceOf(TypeError);
  });

  test('a 64-bit table is shared with wasm', () => {
    const t = new WA.Table({ element: 'externref', address: 'i64', initial: 2n });
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module (import "m" "t" (table i64 2 externref))
      (func (export "get") (param i64) (result externref) (table.get 0 (local.get 0))))`)), { m: { t } });
    const o = {};
    t.set(1n, o);
    expect((exports.get as (i: bigint) => unknown)(1n)).toBe(o);
  });
});
