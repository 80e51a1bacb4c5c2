/**
 * The public API on ordinary modules: typed values at calls (i64 as bigint, floats as numbers),
 * multi-value results, host functions with explicit signatures, memories, globals and tables
 * reached from the host, and argument checking.
 */
import { describe, expect, test } from 'vitest';
import {
  Engine, EXTERNREF, F32, F64, Func, FUNCREF, Global, I32, I64, Instance, Memory, Module, Store, Table,
} from '../../src/index.js';
import { wat } from './helpers.js';

function setup(text: string, imports: (store: Store<string[]>) => any[] = () => []) {
  const engine = new Engine();
  const store = new Store<string[]>(engine, []);
  const module = Module.new(engine, wat(text));
  const instance = Instance.new(store, module, imports(store));
  return { engine, store, module, instance };
}

describe('calls with typed values', () => {
  const { store, instance } = setup(`(module
    (func (export "add32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
    (func (export "mulf32") (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
    (func (export "divf64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
    (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0)))`);

  test('i32 wraps around', () => {
    expect(instance.getFunc(store, 'add32')!.call(store, 0x7fffffff, 1)).toEqual([-0x80000000]);
  });
  test('i64 is a bigint both ways', () => {
    const r = instance.getFunc(store, 'add64')!.call(store, 0x7fffffffffffffffn, 2n);
    expect(r).toEqual([-0x7fffffffffffffffn]);
    expect(typeof r[0]).toBe('bigint');
  });
  test('f32 results are rounded to f32', () => {
    expect(instance.getFunc(store, 'mulf32')!.call(store, 0.1, 3)).toEqual([Math.fround(Math.fround(0.1) * 3)]);
  });
  test('f64 division follows IEEE', () => {
    expect(instance.getFunc(store, 'divf64')!.call(store, 1, 0)).toEqual([Infinity]);
    expect(instance.getFunc(store, 'divf64')!.call(store, 1, 3)).toEqual([1 / 3]);
  });
  test('multi-value results come back in order', () => {
    expect(instance.getFunc(store, 'swap')!.call(store, 7, 9n)).toEqual([9n, 7]);
  });
  test('wrong argument count or type is a TypeError', () => {
    const add64 = instance.getFunc(store, 'add64')!;
    expect(() => add64.call(store, 1n)).toThrow('expected 2 arguments, got 1');
    expect(() => add64.call(store, 'x', 1n)).toThrow(TypeError);
    expect(() => instance.getFunc(store, 'add32')!.call(store, 1n, 2)).toThrow(TypeError);
  });
  test('the function type is visible', () => {
    expect(instance.getFunc(store, 'swap')!.ty(store)).toMatchObject({ params: [I32, I64], results: [I64, I32] });
  });
});

describe('host functions', () => {
  test('wasm calls a host function with converted values and uses its result', () => {
    const { store, instance } = setup(`(module
      (import "env" "scale" (func $scale (param i64 f64) (result f64)))
      (func (export "run") (result f64) (call $scale (i64.const -5) (f64.const 2.5))))`,
    (store) => [Func.new(store, { params: [I64, F64], results: [F64] }, (a: bigint, b: number) => {
      store.data.push(`scale(${a}, ${b})`);
      return Number(a) * b;
    })]);
    expect(instance.getFunc(store, 'run')!.call(store)).toEqual([-12.5]);
    expect(store.data).toEqual(['scale(-5, 2.5)']);
  });

  test('several results come back as an array', () => {
    const { store, instance } = setup(`(module
      (import "env" "pair" (func $pair (result i32 f32)))
      (func (export "both") (result f32 i32) (local $i i32) (local $f f32)
        (call $pair) (local.set $f) (local.set $i)
        (local.get $f) (i32.add (local.get $i) (i32.const 1))))`,
    (store) => [Func.new(store, { params: [], results: [I32, F32] }, () => [41, 1.5])]);
    expect(instance.getFunc(store, 'both')!.call(store)).toEqual([1.5, 42]);
  });

  test('a host function can be called directly', () => {
    const store = new Store(new Engine(), undefined);
    const f = Func.new(store, { params: [I32, I32], results: [I32] }, (a: number, b: number) => a - b);
    expect(f.call(store, 10, 3)).toEqual([7]);
  });

  test('a host function returning the wrong value type is an error', () => {
    const { store, instance } = setup(`(module
      (import "env" "bad" (func $bad (result i64)))
      (func (export "run") (result i64) (call $bad)))`,
    (store) => [Func.new(store, { params: [], results: [I64] }, () => 'nope')]);
    expect(() => instance.getFunc(store, 'run')!.call(store)).toThrow(TypeError);
  });
});

describe('memory, globals and tables from the host', () => {
  test('memory: write, read back through wasm, grow', () => {
    const { store, instance } = setup(`(module (memory (export "mem") 1 3)
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "size") (result i32) (memory.size)))`);
    const mem = instance.getMemory(store, 'mem')!;
    mem.write(store, 8, new Uint8Array([1, 2, 3, 4]));
    expect(instance.getFunc(store, 'load')!.call(store, 8)).toEqual([0x04030201]);
    expect(mem.grow(store, 2)).toBe(1);
    expect(instance.getFunc(store, 'size')!.call(store)).toEqual([3]);
    expect(() => mem.grow(store, 1)).toThrow('failed to grow memory by `1`');
    expect(() => mem.read(store, 3 * 65536 - 2, 4)).toThrow(RangeError);
  });

  test('globals: get, set, immutability', () => {
    const { store, instance } = setup(`(module
      (global (export "g") (mut i64) (i64.const 40))
      (global (export "c") f32 (f32.const 1.5))
      (func (export "inc") (global.set 0 (i64.add (global.get 0) (i64.const 2)))))`);
    const g = instance.getGlobal(store, 'g')!;
    instance.getFunc(store, 'inc')!.call(store);
    expect(g.get(store)).toBe(42n);
    g.set(store, 100n);
    instance.getFunc(store, 'inc')!.call(store);
    expect(g.get(store)).toBe(102n);
    const c = instance.getGlobal(store, 'c')!;
    expect(c.get(store)).toBe(1.5);
    expect(() => c.set(store, 2)).toThrow('immutable global cannot be set');
  });

  test('tables hold Func handles and host values', () => {
    const { store, instance } = setup(`(module
      (table (export "t") 2 funcref)
      (table (export "e") 1 externref)
      (func $seven (result i32) (i32.const 7))
      (elem (i32.const 0) $seven)
      (type $r (func (result i32)))
      (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`);
    const t = instance.getTable(store, 't')!;
    const seven = t.get(store, 0) as Func;
    expect(seven).toBeInstanceOf(Func);
    expect(seven.call(store)).toEqual([7]);
    expect(t.get(store, 0)).toBe(seven); // one handle per function
    t.set(store, 1, seven);
    expect(instance.getFunc(store, 'call')!.call(store, 1)).toEqual([7]);
    const e = instance.getTable(store, 'e')!;
    const obj = { any: 'thing' };
    e.set(store, 0, obj);
    expect(e.get(store, 0)).toBe(obj);
    expect(t.ty(store).elemType).toBe(FUNCREF);
    expect(e.ty(store).elemType).toBe(EXTERNREF);
  });

  test('host-made memory, global and table can be imported', () => {
    const { store, instance } = setup(`(module
      (import "env" "mem" (memory 1))
      (import "env" "g" (global i32))
      (import "env" "t" (table 1 funcref))
      (func (export "read") (result i32) (i32.add (i32.load8_u (i32.const 5)) (global.get 0)))
      (func (export "tsize") (result i32) (table.size 0)))`,
    (store) => {
      const mem = Memory.new(store, { min: 1, max: 2 });
      mem.data(store)[5] = 200;
      return [mem, Global.new(store, { type: I32, mutable: false }, 55), Table.new(store, { min: 4 })];
    });
    expect(instance.getFunc(store, 'read')!.call(store)).toEqual([255]);
    expect(instance.getFunc(store, 'tsize')!.call(store)).toEqual([4]);
  });
});
