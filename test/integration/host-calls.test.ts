/**
 * Several instances and host functions working together: re-entrant calls (wasm → host → wasm),
 * fuel spent by nested calls from the same budget, traps crossing a host frame, and instances
 * linked through exported memories, tables and functions.
 */
import { describe, expect, test } from 'vitest';
import { Engine, Func, I32, Instance, Module, Store, Trap, type Extern } from '../../src/index.js';
import { wat } from '../runtime/helpers.js';

const OUTER = wat(`(module
  (import "env" "callback" (func $cb (param i32) (result i32)))
  (func (export "outer") (param i32) (result i32)
    (i32.add (call $cb (local.get 0)) (i32.const 1000))))`);
const INNER = wat(`(module
  (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "boom") (param i32) (result i32) (unreachable)))`);

function setup(consumeFuel: boolean, callback: (store: Store<undefined>, inner: Instance, x: number) => number) {
  const engine = new Engine({ consumeFuel });
  const store = new Store(engine, undefined);
  const inner = Instance.new(store, Module.new(engine, INNER), []);
  const cb = Func.new(store, { params: [I32], results: [I32] }, (x: number) => callback(store, inner, x));
  const outer = Instance.new(store, Module.new(engine, OUTER), [cb]);
  return { store, inner, outer: outer.getFunc(store, 'outer')! };
}

describe('re-entrant calls', () => {
  test('a host function can call back into wasm', () => {
    const { store, outer } = setup(false, (s, inner, x) => inner.getFunc(s, 'square')!.call(s, x)[0] as number);
    expect(outer.call(store, 12)).toEqual([1144]);
  });

  test('a trap in the nested call crosses the host frame; the store still works', () => {
    let fail = true;
    const { store, outer } = setup(false, (s, inner, x) => inner.getFunc(s, fail ? 'boom' : 'square')!.call(s, x)[0] as number);
    expect(() => outer.call(store, 3)).toThrow(Trap);
    fail = false;
    expect(outer.call(store, 3)).toEqual([1009]);
  });

  test('nested calls spend fuel from the same budget', () => {
    const cost = (f: () => void, store: Store<undefined>): number => {
      store.setFuel(10_000);
      f();
      return 10_000 - store.getFuel();
    };
    const plain = setup(true, () => 0);
    const outerAlone = cost(() => plain.outer.call(plain.store, 5), plain.store);
    const innerAlone = cost(() => plain.inner.getFunc(plain.store, 'square')!.call(plain.store, 5), plain.store);
    const nested = setup(true, (s, inner, x) => inner.getFunc(s, 'square')!.call(s, x)[0] as number);
    const both = cost(() => nested.outer.call(nested.store, 5), nested.store);
    expect(innerAlone).toBeGreaterThan(0);
    expect(both).toBe(outerAlone + innerAlone);
  });
});

describe('linked instances', () => {
  test('memory, table and functions exported by one instance are used by another', () => {
    const engine = new Engine();
    const store = new Store(engine, undefined);
    const provider = Instance.new(store, Module.new(engine, wat(`(module
      (memory (export "mem") 1)
      (table (export "tab") 2 funcref)
      (func $get (export "get") (param i32) (result i32) (i32.load (local.get 0)))
      (func $nine (result i32) (i32.const 9))
      (elem (i32.const 0) $nine))`)), []);
    const user = Module.new(engine, wat(`(module
      (import "p" "mem" (memory 1))
      (import "p" "tab" (table 2 funcref))
      (import "p" "get" (func $get (param i32) (result i32)))
      (type $r (func (result i32)))
      (func $ten (result i32) (i32.const 10))
      (elem (i32.const 1) $ten)
      (func (export "run") (result i32)
        (i32.store (i32.const 16) (i32.add (call_indirect (type $r) (i32.const 0)) (call_indirect (type $r) (i32.const 1))))
        (call $get (i32.const 16))))`));
    const imports = user.imports().map((im) => provider.getExport(store, im.name) as Extern);
    const inst = Instance.new(store, user, imports);
    expect(inst.getFunc(store, 'run')!.call(store)).toEqual([19]);
    // The user's element segment wrote into the provider's table; its store wrote into the provider's memory.
    expect((provider.getTable(store, 'tab')!.get(store, 1) as Func).call(store)).toEqual([10]);
    expect(provider.getFunc(store, 'get')!.call(store, 16)).toEqual([19]);
  });
});
