/**
 * Ownership and InstancePre: host functions of a linker work in any store of its engine (one Func
 * per store); `define`d externs tie what uses them to their store; other stores and other engines
 * are refused with errors that say so. An InstancePre instantiates many times, in other stores
 * when it holds only host functions.
 */
import { describe, expect, test } from 'vitest';
import { Engine, Func, Global, I32, Memory, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { mod, setup, thrown } from './helpers.js';

const COUNTER = `(module (import "host" "tick" (func $tick (result i32)))
  (global $g (mut i32) (i32.const 0))
  (func (export "bump") (result i32)
    (global.set $g (i32.add (global.get $g) (call $tick))) (global.get $g)))`;

describe('host functions belong to no store', () => {
  test('one linker instantiates in several stores, each with its own data', () => {
    const engine = new Engine();
    const linker = new Linker<{ step: number }>(engine);
    linker.funcWrap('host', 'tick', { params: [], results: [I32] }, (caller) => caller.data.step);
    const m = mod(engine, COUNTER);
    const s1 = new Store(engine, { step: 1 });
    const s2 = new Store(engine, { step: 10 });
    const b1 = linker.instantiate(s1, m).getFunc(s1, 'bump')!;
    const b2 = linker.instantiate(s2, m).getFunc(s2, 'bump')!;
    expect(b1.call(s1)).toEqual([1]);
    expect(b2.call(s2)).toEqual([10]);
    expect(b1.call(s1)).toEqual([2]);
    const f1 = linker.get(s1, 'host', 'tick') as Func;
    const f2 = linker.get(s2, 'host', 'tick') as Func;
    expect(f1).not.toBe(f2);
    expect(f1.store).toBe(s1);
    expect(() => f1.call(s2)).toThrow('object used with the wrong store');
  });
});

describe('store-bound definitions', () => {
  test('define refuses an extern of another store', () => {
    const { engine, store, linker } = setup(undefined);
    const other = new Store(engine, undefined);
    const g = Global.new(other, { type: I32, mutable: false }, 1);
    expect(thrown(() => linker.define(store, 'm', 'g', g)).message).toBe('object used with the wrong store');
    expect(thrown(() => linker.defineName(store, 'g', g)).message).toBe('object used with the wrong store');
  });

  test('a defined extern ties instantiation to its store', () => {
    const { engine, store, linker } = setup(undefined);
    linker.define(store, 'env', 'mem', Memory.new(store, { min: 1 }));
    const m = mod(engine, '(module (import "env" "mem" (memory 1)))');
    const other = new Store(engine, undefined);
    expect(thrown(() => linker.instantiate(other, m)).message).toBe('cross-`Store` instantiation is not currently supported');
    expect(thrown(() => linker.get(other, 'env', 'mem')).message).toBe('object used with the wrong store');
    expect(() => [...linker.iter(other)]).toThrow('object used with the wrong store');
    expect(() => linker.instantiate(store, m)).not.toThrow();
    // A module that does not use the store's extern still instantiates anywhere.
    expect(() => linker.instantiate(other, mod(engine, '(module)'))).not.toThrow();
  });

  test('instance refuses an instance of another store', () => {
    const { engine, store, linker } = setup(undefined);
    const other = new Store(engine, undefined);
    const inst = new Linker(engine).instantiate(other, mod(engine, '(module (func (export "f")))'));
    expect(thrown(() => linker.instance(store, 'x', inst)).message).toBe('object used with the wrong store');
  });
});

describe('engines', () => {
  test('a store of another engine is refused by every method that takes one', () => {
    const { engine, linker } = setup(undefined);
    const foreign = new Store(new Engine(), undefined);
    const msg = 'different engines for this linker and the store provided';
    const m = mod(engine, '(module)');
    expect(thrown(() => linker.instantiate(foreign, m)).message).toBe(msg);
    expect(thrown(() => linker.module(foreign, 'x', m)).message).toBe(msg);
    expect(thrown(() => linker.define(foreign, 'a', 'b', Memory.new(foreign, { min: 0 }))).message).toBe(msg);
    expect(thrown(() => linker.get(foreign, 'a', 'b')).message).toBe(msg);
  });

  test('a module of another engine is refused', () => {
    const { store, linker } = setup(undefined);
    const m = mod(new Engine(), '(module)');
    const msg = 'cross-`Engine` instantiation is not currently supported';
    expect(thrown(() => linker.instantiate(store, m)).message).toBe(msg);
    expect(thrown(() => linker.instantiatePre(m)).message).toBe(msg);
    expect(thrown(() => linker.module(store, 'x', m)).message).toBe(msg);
  });

  test('an InstancePre refuses a store of another engine', () => {
    const { engine, linker } = setup(undefined);
    const pre = linker.instantiatePre(mod(engine, '(module)'));
    expect(thrown(() => pre.instantiate(new Store(new Engine(), undefined))).message)
      .toBe('cross-`Engine` instantiation is not currently supported');
  });
});

describe('InstancePre', () => {
  test('resolves once, instantiates many times and in new stores', () => {
    const engine = new Engine();
    const linker = new Linker<number>(engine);
    let resolved = 0;
    linker.funcWrap('host', 'tick', { params: [], results: [I32] }, (caller) => caller.data);
    const m = mod(engine, COUNTER);
    const pre = linker.instantiatePre(m);
    expect(pre.module).toBe(m);
    expect(pre.storeIndependent).toBe(true);
    // Later changes to the linker do not affect the InstancePre.
    linker.allowShadowing(true).funcWrap('host', 'tick', { params: [], results: [I32] }, () => ++resolved * 1000);
    for (const step of [2, 3]) {
      const store = new Store(engine, step);
      const a = pre.instantiate(store);
      const b = pre.instantiate(store);
      expect(a).not.toBe(b);
      expect(a.getFunc(store, 'bump')!.call(store)).toEqual([step]);
      expect(a.getFunc(store, 'bump')!.call(store)).toEqual([2 * step]);
      expect(b.getFunc(store, 'bump')!.call(store)).toEqual([step]); // its own global
    }
    expect(resolved).toBe(0);
  });

  test('with a store extern it is bound to that store', () => {
    const { engine, store, linker } = setup(undefined);
    linker.define(store, 'env', 'g', Global.new(store, { type: I32, mutable: false }, 4));
    const pre = linker.instantiatePre(mod(engine, `(module (import "env" "g" (global $g i32))
      (func (export "get") (result i32) (global.get $g)))`));
    expect(pre.storeIndependent).toBe(false);
    expect(pre.instantiate(store).getFunc(store, 'get')!.call(store)).toEqual([4]);
    expect(thrown(() => pre.instantiate(new Store(engine, undefined))).message)
      .toBe('cross-`Store` instantiation is not currently supported');
  });

  test('type errors surface when the InstancePre is made', () => {
    const { engine, linker } = setup(undefined);
    linker.funcWrap('host', 'tick', { params: [I32], results: [] }, () => {});
    expect(thrown(() => linker.instantiatePre(mod(engine, COUNTER))).message).toBe('incompatible import type for `host::tick`');
  });
});
