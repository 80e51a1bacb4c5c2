/**
 * WebAssembly.Instance, after the spec's test/js-api/instance/{constructor,
 * constructor-bad-imports,exports}.any.js and bad-imports.js: how imports are read (order,
 * TypeError vs LinkError), the exports object (null prototype, frozen, one property per export,
 * identities), and errors from the start function. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { EMPTY_MODULE, IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

const FUNC_IMPORT = wasm('(module (import "module" "fn" (func)))');
const GLOBAL_IMPORT = (t: string, mut = false): Uint8Array => wasm(`(module (import "module" "global" (global ${mut ? `(mut ${t})` : t})))`);
const MEMORY_IMPORT = wasm('(module (import "module" "memory" (memory 0 128)))');
const TABLE_IMPORT = wasm('(module (import "module" "table" (table 0 128 funcref)))');

describe.each(IMPLEMENTATIONS)('Instance (%s)', (_impl, WA) => {
  const instantiate = (bytes: Uint8Array, imports?: unknown): WebAssembly.Instance =>
    new WA.Instance(new WA.Module(bytes), imports as WebAssembly.Imports);

  test('interface', () => {
    expect(WA.Instance.length).toBe(1);
    expect(Object.getOwnPropertyDescriptor(WA.Instance.prototype, 'exports')).toMatchObject({ enumerable: true, configurable: true, set: undefined });
    expect(String(instantiate(EMPTY_MODULE))).toBe('[object WebAssembly.Instance]');
    for (const m of [undefined, {}, EMPTY_MODULE]) expect(thrown(() => new WA.Instance(m as WebAssembly.Module))).toBeInstanceOf(TypeError);
  });

  describe('bad imports', () => {
    test.each([null, true, '', Symbol('s'), 1, 0.1, NaN])('TypeError for the imports argument %s', (v) => {
      expect(thrown(() => instantiate(EMPTY_MODULE, v))).toBeInstanceOf(TypeError);
    });
    test.each([undefined, null, true, '', Symbol('s'), 1, 0.1, NaN])('TypeError for the module object %s', (v) => {
      expect(thrown(() => instantiate(FUNC_IMPORT, { module: v }))).toBeInstanceOf(TypeError);
    });
    test('TypeError when imports are missing altogether or the module property is', () => {
      for (const v of [undefined, {}, { 'module\0': {} }]) expect(thrown(() => instantiate(FUNC_IMPORT, v))).toBeInstanceOf(TypeError);
    });
    test.each([undefined, null, true, '', Symbol('s'), 1, 0.1, NaN, {}])('LinkError for a function import %s', (v) => {
      expect(thrown(() => instantiate(FUNC_IMPORT, { module: { fn: v } }))).toBeInstanceOf(WA.LinkError);
    });
    test.each(['i32', 'i64', 'f32', 'f64'])('LinkError for wrongly typed %s global imports', (t) => {
      const wrong = [undefined, null, true, '', Symbol('s'), {}, WA.Global, WA.Global.prototype, Object.create(WA.Global.prototype),
        t === 'i64' ? 0 : 0n, new WA.Global({ value: t === 'f32' ? 'f64' : 'f32' })];
      for (const v of wrong) expect(thrown(() => instantiate(GLOBAL_IMPORT(t), { module: { global: v } }))).toBeInstanceOf(WA.LinkError);
      const value = t === 'i64' ? 0n : 0;
      expect(thrown(() => instantiate(GLOBAL_IMPORT(t, true), { module: { global: value } }))).toBeInstanceOf(WA.LinkError);
      expect(thrown(() => instantiate(GLOBAL_IMPORT(t, true), { module: { global: new WA.Global({ value: t as 'i32' }, value) } }))).toBeInstanceOf(WA.LinkError);
      expect(thrown(() => instantiate(GLOBAL_IMPORT(t), { module: { global: new WA.Global({ value: t as 'i32', mutable: true }, value) } }))).toBeInstanceOf(WA.LinkError);
    });
    test('LinkError for wrong memories and tables', () => {
      for (const v of [undefined, 1, {}, WA.Memory.prototype, Object.create(WA.Memory.prototype), new WA.Memory({ initial: 256 })]) {
        expect(thrown(() => instantiate(MEMORY_IMPORT, { module: { memory: v } }))).toBeInstanceOf(WA.LinkError);
      }
      for (const v of [undefined, 1, {}, WA.Table.prototype, new WA.Table({ element: 'anyfunc', initial: 256 })]) {
        expect(thrown(() => instantiate(TABLE_IMPORT, { module: { table: v } }))).toBeInstanceOf(WA.LinkError);
      }
    });
    test('LinkError for a function of the wrong type', () => {
      const other = instantiate(wasm('(module (func (export "f") (param i32)))')).exports.f;
      expect(thrown(() => instantiate(FUNC_IMPORT, { module: { fn: other } }))).toBeInstanceOf(WA.LinkError);
    });
  });

  test('imports are read in the module order, each property once', () => {
    const order: string[] = [];
    const mod = (name: string, fields: Record<string, unknown>): object => new Proxy(fields, {
      get(target, key) { order.push(`${name}.${String(key)}`); return target[key as string]; },
    });
    const imports = new Proxy({ a: mod('a', { f: () => {}, g: 1 }), b: mod('b', { h: () => {} }) } as Record<string, unknown>, {
      get(target, key) { order.push(String(key)); return target[key as string]; },
    });
    instantiate(wasm('(module (import "a" "f" (func)) (import "b" "h" (func)) (import "a" "g" (global i32)))'), imports);
    expect(order).toEqual(['a', 'a.f', 'b', 'b.h', 'a', 'a.g']);
  });

  test('the exports object: null prototype, frozen, properties in order, same object each time', () => {
    const inst = instantiate(wasm(`(module (func (export "f")) (memory (export "m") 0) (table (export "t") 0 funcref)
      (global (export "g") i32 (i32.const 1)) (func (export "__proto__")))`));
    const ex = inst.exports;
    expect(Object.getPrototypeOf(ex)).toBe(null);
    expect(Object.isFrozen(ex)).toBe(true);
    expect(Object.keys(ex)).toEqual(['f', 'm', 't', 'g', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(ex, 'f')).toMatchObject({ writable: false, enumerable: true, configurable: false });
    expect(typeof ex.__proto__).toBe('function');
    expect(inst.exports).toBe(ex);
    expect(ex.m).toBeInstanceOf(WA.Memory);
    expect(ex.t).toBeInstanceOf(WA.Table);
    expect(ex.g).toBeInstanceOf(WA.Global);
  });

  test('imported objects come back as the same objects when exported', () => {
    const memory = new WA.Memory({ initial: 1 });
    const table = new WA.Table({ element: 'anyfunc', initial: 1 });
    const first = instantiate(wasm('(module (func (export "f") (result i32) (i32.const 7)))')).exports.f as () => number;
    const ex = instantiate(wasm(`(module (import "m" "memory" (memory 1)) (import "m" "table" (table 1 funcref)) (import "m" "f" (func (result i32)))
      (export "memory" (memory 0)) (export "table" (table 0)) (export "f" (func 0)))`), { m: { memory, table, f: first } }).exports;
    expect(ex.memory).toBe(memory);
    expect(ex.table).toBe(table);
    expect(ex.f).toBe(first);
  });

  test('a trap in the start function is a RuntimeError; a JS exception from it passes unchanged', () => {
    expect(thrown(() => instantiate(wasm('(module (func $s unreachable) (start $s))')))).toBeInstanceOf(WA.RuntimeError);
    const err = new Error('from the host');
    expect(thrown(() => instantiate(wasm('(module (import "m" "f" (func $f)) (start $f))'), { m: { f: () => { throw err; } } }))).toBe(err);
  });

  test('segment initialisation out of bounds is a RuntimeError and earlier effects stay', () => {
    const memory = new WA.Memory({ initial: 1 });
    const e = thrown(() => instantiate(wasm(`(module (import "m" "mem" (memory 1))
      (data (i32.const 0) "\\2a") (data (i32.const 65536) "\\01"))`), { m: { mem: memory } }));
    expect(e).toBeInstanceOf(WA.RuntimeError);
    expect(new Uint8Array(memory.buffer)[0]).toBe(42);
  });
});
