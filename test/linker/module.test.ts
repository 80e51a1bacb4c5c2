/**
 * `Linker.module` with the WASI conventions: a Command gets a fresh instance for every call of any
 * export (imports resolved once, at `module()` time); a Reactor is instantiated once and its
 * `_initialize` runs once. Classification errors and the Command export rules, verbatim; and
 * `getDefault`.
 */
import { describe, expect, test } from 'vitest';
import { Func, Global, I32, Trap } from '../../src/index.js';
import { mod, setup, thrown } from './helpers.js';

// The seed's example: a counter that a Command never keeps between calls.
const COUNTER_COMMAND = `(module
  (global $counter (mut i32) (i32.const 0))
  (func (export "_start") (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (func (export "read_counter") (result i32) (global.get $counter)))`;

describe('Commands', () => {
  test('three _start calls, then read_counter, returns 0', () => {
    const { engine, store, linker } = setup(undefined);
    linker.module(store, 'commander', mod(engine, COUNTER_COMMAND));
    const start = linker.get(store, 'commander', '_start') as Func;
    const read = linker.get(store, 'commander', 'read_counter') as Func;
    start.call(store);
    start.call(store);
    start.call(store);
    expect(read.call(store)).toEqual([0]);
  });

  test('another module importing a Command export also gets fresh instances', () => {
    const { engine, store, linker } = setup(undefined);
    linker.module(store, 'commander', mod(engine, COUNTER_COMMAND));
    const user = linker.instantiate(store, mod(engine, `(module
      (import "commander" "_start" (func $start))
      (import "commander" "read_counter" (func $read (result i32)))
      (func (export "run") (result i32) (call $start) (call $start) (call $read)))`));
    expect(user.getFunc(store, 'run')!.call(store)).toEqual([0]);
  });

  test('imports are resolved at module() time', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, `(module (import "env" "f" (func $f (result i32)))
      (func (export "_start")) (func (export "g") (result i32) (call $f)))`);
    expect(thrown(() => linker.module(store, 'cmd', m)).message).toBe('unknown import: `env::f` has not been defined');
    let calls = 0;
    linker.funcWrap('env', 'f', { params: [], results: [I32] }, () => ++calls);
    linker.module(store, 'cmd', m);
    const g = linker.get(store, 'cmd', 'g') as Func;
    expect(g.call(store)).toEqual([1]);
    expect(g.call(store)).toEqual([2]);
  });

  test('a non-function export is an error unless allowed', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, `(module (global (export "weird") i32 (i32.const 1)) (func (export "_start")))`);
    expect(thrown(() => linker.module(store, 'cmd', m)).message).toBe("command export 'weird' is not a function");
    expect(linker.get(store, 'cmd', '_start')).toBeUndefined(); // nothing was defined
    linker.allowUnknownExports(true).module(store, 'cmd', m);
    expect(linker.get(store, 'cmd', '_start')).toBeInstanceOf(Func);
    expect(linker.get(store, 'cmd', 'weird')).toBeUndefined();
  });

  test('the exports toolchains emit are allowed', () => {
    const { engine, store, linker } = setup(undefined);
    const m = mod(engine, `(module (memory (export "memory") 1) (table (export "__indirect_function_table") 1 funcref)
      (global (export "__heap_base") i32 (i32.const 0)) (global (export "__data_end") i32 (i32.const 0))
      (func (export "_start")))`);
    expect(() => linker.module(store, 'cmd', m)).not.toThrow();
    // ... but only with their usual kinds.
    const bad = mod(engine, `(module (global (export "memory") i32 (i32.const 0)) (func (export "_start")))`);
    expect(thrown(() => linker.module(store, 'cmd2', bad)).message).toBe("command export 'memory' is not a function");
  });

  test('_start must be a function; both _start and _initialize is an error', () => {
    const { engine, store, linker } = setup(undefined);
    expect(thrown(() => linker.module(store, 'x', mod(engine, '(module (global (export "_start") i32 (i32.const 0)))'))).message)
      .toBe('`_start` must be a function');
    expect(thrown(() => linker.module(store, 'x', mod(engine, '(module (global (export "_initialize") i32 (i32.const 0)))'))).message)
      .toBe('`_initialize` must be a function');
    expect(thrown(() => linker.module(store, 'x', mod(engine, '(module (func (export "_start")) (func (export "_initialize")))'))).message)
      .toBe('Program cannot be both a Command and a Reactor');
  });
});

describe('Reactors', () => {
  const REACTOR = `(module (import "env" "log" (func $log (param i32)))
    (global $g (export "g") (mut i32) (i32.const 0))
    (func (export "_initialize") (call $log (i32.const 1)) (global.set $g (i32.const 100)))
    (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))`;

  test('one instance, _initialize called once, state persists', () => {
    const { engine, store, linker } = setup<number[]>([]);
    linker.funcWrap('env', 'log', { params: [I32], results: [] }, (caller, x: number) => { caller.data.push(x); });
    linker.module(store, 'r', mod(engine, REACTOR));
    expect(store.data).toEqual([1]);
    const inc = linker.get(store, 'r', 'inc') as Func;
    expect(inc.call(store)).toEqual([101]);
    expect(inc.call(store)).toEqual([102]);
    expect((linker.get(store, 'r', 'g') as Global).get(store)).toBe(102);
    expect(linker.get(store, 'r', '_initialize')).toBeInstanceOf(Func);
    expect(store.data).toEqual([1]);
  });

  test('a module with neither export is a Reactor without initialisation', () => {
    const { engine, store, linker } = setup(undefined);
    linker.module(store, 'plain', mod(engine, `(module (global $g (mut i32) (i32.const 5))
      (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))`));
    const inc = linker.get(store, 'plain', 'inc') as Func;
    expect(inc.call(store)).toEqual([6]);
    expect(inc.call(store)).toEqual([7]);
  });

  test('a trap in _initialize names the step and keeps the trap as cause', () => {
    const { engine, store, linker } = setup(undefined);
    const e = thrown(() => linker.module(store, 'r', mod(engine, '(module (func (export "_initialize") unreachable))')));
    expect(e.message).toBe('calling the Reactor initialization function');
    expect(e.cause).toBeInstanceOf(Trap);
    expect((e.cause as Trap).message).toBe('unreachable');
  });
});

describe('getDefault', () => {
  test('"" first, then _start, then a no-op', () => {
    const { engine, store, linker } = setup<string[]>([]);
    linker.funcWrap('env', 'say', { params: [I32], results: [] }, (c, x: number) => { c.data.push(String(x)); });
    linker.module(store, 'a', mod(engine, `(module (import "env" "say" (func $s (param i32)))
      (func (export "") (call $s (i32.const 1))) (func (export "_start") (call $s (i32.const 2))))`));
    linker.module(store, 'b', mod(engine, `(module (import "env" "say" (func $s (param i32)))
      (func (export "_start") (call $s (i32.const 2))))`));
    linker.getDefault(store, 'a').call(store);
    linker.getDefault(store, 'b').call(store);
    linker.getDefault(store, 'nothing').call(store);
    expect(store.data).toEqual(['1', '2']);
    expect(linker.getDefault(store, 'nothing').ty(store)).toEqual({ kind: 'func', params: [], results: [] });
  });

  test('a default export that is not a function is an error', () => {
    const { engine, store, linker } = setup(undefined);
    linker.module(store, 'x', mod(engine, '(module (global (export "") i32 (i32.const 0)))'));
    expect(thrown(() => linker.getDefault(store, 'x')).message).toBe("default export in 'x' is not a function");
  });
});
