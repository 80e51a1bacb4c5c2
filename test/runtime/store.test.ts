/**
 * Store ownership and import matching: handles used with another store are refused with a message
 * that says so; imports that do not match the module's import types are LinkErrors worded as the
 * spec interpreter does ("incompatible import type"), checked against current sizes.
 */
import { describe, expect, test } from 'vitest';
import {
  Engine, Func, Global, I32, I64, Instance, LinkError, Memory, Module, Store, Table, EXTERNREF, limitsMatch,
} from '../../src/index.js';
import { wat } from './helpers.js';

const engine = new Engine();

describe('cross-store misuse', () => {
  const a = new Store(engine, 'a');
  const b = new Store(engine, 'b');
  const module = Module.new(engine, wat('(module (func (export "f") (result i32) (i32.const 1)) (memory (export "m") 1))'));
  const inst = Instance.new(a, module, []);

  test('calling a function with another store', () => {
    const f = inst.getFunc(a, 'f')!;
    expect(f.call(a)).toEqual([1]);
    expect(() => f.call(b)).toThrow('object used with the wrong store');
    expect(() => inst.getFunc(b, 'f')).toThrow('object used with the wrong store');
    expect(() => inst.getMemory(a, 'm')!.size(b)).toThrow('object used with the wrong store');
  });

  test('importing another store\'s function', () => {
    const m = Module.new(engine, wat('(module (import "env" "f" (func (param i32))))'));
    const foreign = Func.new(b, { params: [I32], results: [] }, () => {});
    expect(() => Instance.new(a, m, [foreign])).toThrow('cross-`Store`');
  });

  test('passing another store\'s function as a funcref argument', () => {
    const t = Table.new(a, { min: 1 });
    const foreign = Func.new(b, { params: [], results: [] }, () => {});
    expect(() => t.set(a, 0, foreign)).toThrow('object used with the wrong store');
  });

  test('a module of another engine', () => {
    const other = new Store(new Engine(), undefined);
    expect(() => Instance.new(other, module, [])).toThrow('cross-`Engine`');
  });
});

describe('import matching', () => {
  const store = new Store(engine, undefined);
  const expectLink = (text: string, ext: unknown, message = 'incompatible import type'): void => {
    const m = Module.new(engine, wat(text));
    let err: unknown;
    try {
      Instance.new(store, m, [ext as Func]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LinkError);
    expect((err as Error).message.startsWith(message)).toBe(true);
  };

  test('function types must match', () => {
    const f = Func.new(store, { params: [I32], results: [] }, () => {});
    expectLink('(module (import "m" "f" (func (param i64))))', f);
    expectLink('(module (import "m" "f" (func (param i32) (result i32))))', f);
    expect(() => Instance.new(store, Module.new(engine, wat('(module (import "m" "f" (func (param i32))))')), [f])).not.toThrow();
  });

  test('kinds must match', () => {
    const g = Global.new(store, { type: I32, mutable: false }, 1);
    expectLink('(module (import "m" "f" (func)))', g);
  });

  test('globals: mutability and type', () => {
    const g = Global.new(store, { type: I32, mutable: false }, 1);
    const mg = Global.new(store, { type: I32, mutable: true }, 1);
    expectLink('(module (import "m" "g" (global (mut i32))))', g);
    expectLink('(module (import "m" "g" (global i32)))', mg);
    expectLink('(module (import "m" "g" (global i64)))', g);
    expectLink('(module (import "m" "g" (global f32)))', Global.new(store, { type: I64, mutable: false }, 1n));
  });

  test('memories: current size against the minimum, maximum required', () => {
    const mem = Memory.new(store, { min: 1 });
    expectLink('(module (import "m" "mem" (memory 2)))', mem);
    expectLink('(module (import "m" "mem" (memory 1 5)))', mem); // no maximum where one is required
    mem.grow(store, 1);
    const ok = Module.new(engine, wat('(module (import "m" "mem" (memory 2)))'));
    expect(() => Instance.new(store, ok, [mem])).not.toThrow();
  });

  test('tables: element type and limits', () => {
    const t = Table.new(store, { min: 2, max: 4 });
    expectLink('(module (import "m" "t" (table 3 funcref)))', t);
    expectLink('(module (import "m" "t" (table 2 3 funcref)))', t);
    expectLink('(module (import "m" "t" (table 1 externref)))', t);
    const e = Table.new(store, { min: 1, elemType: EXTERNREF });
    expect(() => Instance.new(store, Module.new(engine, wat('(module (import "m" "t" (table 1 externref)))')), [e])).not.toThrow();
  });

  test('something that is not an extern is a TypeError', () => {
    const m = Module.new(engine, wat('(module (import "m" "f" (func)))'));
    expect(() => Instance.new(store, m, [(() => {}) as never])).toThrow('not an extern');
  });

  test('the number of imports must match', () => {
    const m = Module.new(engine, wat('(module (import "m" "f" (func)))'));
    expect(() => Instance.new(store, m, [])).toThrow(LinkError);
  });

  test('limits', () => {
    expect(limitsMatch({ min: 2, max: 3 }, { min: 1, max: 3 })).toBe(true);
    expect(limitsMatch({ min: 2, max: null }, { min: 1, max: null })).toBe(true);
    expect(limitsMatch({ min: 2, max: null }, { min: 1, max: 8 })).toBe(false);
    expect(limitsMatch({ min: 2, max: 9 }, { min: 1, max: 8 })).toBe(false);
    expect(limitsMatch({ min: 0, max: 1 }, { min: 1, max: 8 })).toBe(false);
  });
});
