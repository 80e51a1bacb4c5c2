/**
 * Names: definitions keyed by (module, name) as data, shadowing keyed on the name only, one-level
 * names, lookups (`get`, `getByImport`, `iter`), aliases, and each naming error verbatim.
 */
import { describe, expect, test } from 'vitest';
import { Func, Global, I32, I64, LinkError, Memory, Table } from '../../src/index.js';
import { Linker, UnknownImportError } from '../../src/linker/index.js';
import { mod, setup, thrown } from './helpers.js';

describe('define and get', () => {
  test('names are data: __proto__, constructor, "" and any UTF-8 name', () => {
    const { store, linker } = setup(undefined);
    const names = ['__proto__', 'constructor', '', 'hasOwnProperty', 'ünï©ødé 🦀', 'toString'];
    names.forEach((n, i) => linker.define(store, n, n, Global.new(store, { type: I32, mutable: false }, i)));
    names.forEach((n, i) => expect((linker.get(store, n, n) as Global).get(store)).toBe(i));
    expect(linker.get(store, '__proto__', 'constructor')).toBeUndefined();
    expect(({} as Record<string, unknown>).__proto__).toBe(Object.prototype);
  });

  test('imports with awkward names resolve', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('__proto__', '', { params: [], results: [I32] }, () => 7);
    const m = mod(engine, `(module (import "__proto__" "" (func $f (result i32)))
      (func (export "run") (result i32) (call $f)))`);
    expect(linker.instantiate(store, m).getFunc(store, 'run')!.call(store)).toEqual([7]);
  });

  test('defining a name twice is an error, whatever the types', () => {
    const { store, linker } = setup(undefined);
    linker.define(store, 'm', 'n', Global.new(store, { type: I32, mutable: false }, 1));
    expect(thrown(() => linker.define(store, 'm', 'n', Memory.new(store, { min: 1 }))).message)
      .toBe('import of `m::n` defined twice');
    expect(thrown(() => linker.funcWrap('m', 'n', { params: [], results: [] }, () => {})).message)
      .toBe('import of `m::n` defined twice');
    // Another name in the same module, or the same name in another module, is fine.
    linker.define(store, 'm', 'o', Memory.new(store, { min: 1 }));
    linker.define(store, 'x', 'n', Memory.new(store, { min: 1 }));
  });

  test('with shadowing allowed the newer definition wins', () => {
    const { store, linker } = setup(undefined);
    const a = Global.new(store, { type: I32, mutable: false }, 1);
    const b = Global.new(store, { type: I64, mutable: false }, 2n);
    expect(linker.allowShadowing(true).define(store, 'm', 'n', a).define(store, 'm', 'n', b)).toBe(linker);
    expect(linker.get(store, 'm', 'n')).toBe(b);
  });

  test('one-level names live apart from two-level ones', () => {
    const { store, linker } = setup(undefined);
    const g = Global.new(store, { type: I32, mutable: false }, 5);
    linker.defineName(store, 'single', g);
    expect(linker.get(store, 'single')).toBe(g);
    expect(linker.get(store, 'single', '')).toBeUndefined();
    expect(thrown(() => linker.defineName(store, 'single', g)).message).toBe('import of `single` defined twice');
  });

  test('get materialises host functions in the store; getByImport looks up by name', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('env', 'f', { params: [I32], results: [I32] }, (_c, x: number) => x + 1);
    const f = linker.get(store, 'env', 'f') as Func;
    expect(f).toBeInstanceOf(Func);
    expect(f.call(store, 41)).toEqual([42]);
    expect(linker.get(store, 'env', 'f')).toBe(f); // one Func per store
    const m = mod(engine, `(module (import "env" "f" (func (param i32) (result i32))) (import "env" "g" (func)))`);
    const [fi, gi] = m.imports();
    expect(linker.getByImport(store, fi!)).toBe(f);
    expect(linker.getByImport(store, gi!)).toBeUndefined();
  });

  test('iter lists every definition in definition order', () => {
    const { store, linker } = setup(undefined);
    const mem = Memory.new(store, { min: 1 });
    const tab = Table.new(store, { min: 2 });
    linker.define(store, 'a', 'mem', mem).define(store, 'b', 'tab', tab)
      .funcWrap('a', 'f', { params: [], results: [] }, () => {});
    const all = [...linker.iter(store)];
    expect(all.map(([m, n]) => `${m}::${n}`)).toEqual(['a::mem', 'a::f', 'b::tab']);
    expect(all[0]![2]).toBe(mem);
    expect(all[1]![2]).toBeInstanceOf(Func);
  });
});

describe('aliases', () => {
  test('alias copies one definition; a missing one is an error', () => {
    const { store, linker } = setup(undefined);
    const g = Global.new(store, { type: I32, mutable: false }, 3);
    linker.define(store, 'm', 'n', g).alias('m', 'n', 'm2', 'n2');
    expect(linker.get(store, 'm2', 'n2')).toBe(g);
    expect(thrown(() => linker.alias('m', 'nope', 'x', 'y')).message).toBe('no item named `m::nope` defined');
    expect(thrown(() => linker.alias('m', 'n', 'm2', 'n2')).message).toBe('import of `m2::n2` defined twice');
  });

  test('aliasModule copies a whole module, host functions included', () => {
    const { store, linker } = setup(undefined);
    linker.funcWrap('wasi_unstable', 'f', { params: [], results: [I32] }, () => 9)
      .define(store, 'wasi_unstable', 'g', Global.new(store, { type: I32, mutable: false }, 1))
      .aliasModule('wasi_unstable', 'wasi_snapshot_preview1');
    expect((linker.get(store, 'wasi_snapshot_preview1', 'f') as Func).call(store)).toEqual([9]);
    expect(linker.get(store, 'wasi_snapshot_preview1', 'g')).toBe(linker.get(store, 'wasi_unstable', 'g'));
    linker.aliasModule('nothing-here', 'x');
    expect([...linker.iter(store)].filter(([m]) => m === 'x')).toEqual([]);
  });
});

describe('unknown imports', () => {
  test('instantiate names the first missing import', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('env', 'a', { params: [], results: [] }, () => {});
    const m = mod(engine, `(module (import "env" "a" (func)) (import "env" "b" (global i32)))`);
    const e = thrown(() => linker.instantiate(store, m));
    expect(e).toBeInstanceOf(UnknownImportError);
    expect(e).toBeInstanceOf(LinkError);
    expect(e.message).toBe('unknown import: `env::b` has not been defined');
    expect((e as UnknownImportError).module).toBe('env');
    expect((e as UnknownImportError).field).toBe('b');
    expect((e as UnknownImportError).type.kind).toBe('global');
  });

  test('defineUnknownImportsAsTraps: linking succeeds, calling throws UnknownImportError through wasm', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, `(module (import "env" "missing" (func $m (param i32)))
      (import "env" "mem" (memory 1))
      (func (export "run") (call $m (i32.const 1))))`);
    linker.defineUnknownImportsAsTraps(m);
    // Only functions are stubbed: the memory import still fails.
    expect(thrown(() => linker.instantiate(store, m)).message).toBe('unknown import: `env::mem` has not been defined');
    linker.define(store, 'env', 'mem', Memory.new(store, { min: 1 }));
    const run = linker.instantiate(store, m).getFunc(store, 'run')!;
    const e = thrown(() => run.call(store));
    expect(e).toBeInstanceOf(UnknownImportError);
    expect(e.message).toBe('unknown import: `env::missing` has not been defined');
  });

  test('defineUnknownImportsAsDefaultValues returns zeros and nulls', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, `(module
      (import "env" "i" (func $i (result i32 i64 f32 f64)))
      (import "env" "r" (func $r (param i32) (result externref)))
      (func (export "run") (result i32 i64 f32 f64) (call $i))
      (func (export "ref") (result externref) (call $r (i32.const 5))))`);
    const inst = linker.defineUnknownImportsAsDefaultValues(store, m).instantiate(store, m);
    expect(inst.getFunc(store, 'run')!.call(store)).toEqual([0, 0n, 0, 0]);
    expect(inst.getFunc(store, 'ref')!.call(store)).toEqual([null]);
  });
});

describe('chaining and the engine', () => {
  test('methods that return the linker in wasmtime return it here', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, '(module (import "u" "f" (func)) (import "u" "g" (func (result i32))))');
    const inst = new Linker(engine).instantiate(store, mod(engine, '(module (func (export "e")))'));
    const sig = { params: [], results: [] };
    const same = [
      linker.allowShadowing(false),
      linker.allowUnknownExports(false),
      linker.define(store, 'a', 'g', Global.new(store, { type: I32, mutable: false }, 0)),
      linker.defineName(store, 'one', Global.new(store, { type: I32, mutable: false }, 0)),
      linker.funcNew('a', 'n', sig, () => {}),
      linker.funcNewUnchecked('a', 'u', sig, () => {}),
      linker.funcWrap('a', 'w', sig, () => {}),
      linker.funcNewAsync('a', 'na', sig, async () => {}),
      linker.funcWrapAsync('a', 'wa', sig, async () => {}),
      linker.instance(store, 'i', inst),
      linker.module(store, 'mod', mod(engine, '(module)')),
      linker.alias('a', 'g', 'b', 'g'),
      linker.aliasModule('a', 'c'),
      linker.defineUnknownImportsAsTraps(m),
      linker.defineUnknownImportsAsDefaultValues(store, m),
    ];
    for (const r of same) expect(r).toBe(linker);
    expect(linker.engine).toBe(engine);
  });

  test('a result type without a default value is refused', async () => {
    const { encodeModule } = await import('../../src/encoder/encode.js');
    const { parseWat } = await import('../../src/text/index.js');
    const { Module } = await import('../../src/index.js');
    const { engine, store, linker } = setup(undefined);
    const m = Module.new(engine, encodeModule(parseWat('(module (import "env" "f" (func (result (ref func)))))')));
    expect(thrown(() => linker.defineUnknownImportsAsDefaultValues(store, m)).message).toBe('no default value exists for `(ref func)`');
  });

  test('define refuses what is not an extern', () => {
    const { store, linker } = setup(undefined);
    expect(() => linker.define(store, 'a', 'b', {} as never)).toThrow(TypeError);
    expect(() => linker.define(store, 'a', 'b', null as never)).toThrow(TypeError);
  });
});
