/**
 * Async host functions: a host function returning a Promise suspends the calling wasm thread on
 * its own stack — at any depth — and resumes it when the promise settles, through `callAsync`,
 * `instantiateAsync` (start functions) and `moduleAsync` (Reactors and Commands). Other JS runs
 * while wasm is suspended; a rejection surfaces as the call's rejection; synchronous calls refuse
 * async host functions with a clear error.
 */
import { describe, expect, test } from 'vitest';
import { Func, I32, I64, Trap } from '../../src/index.js';
import { callAsync } from '../../src/linker/index.js';
import { mod, setup, thrown } from './helpers.js';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

const DEEP = `(module (import "env" "fetch" (func $fetch (param i32) (result i32)))
  (func $down (export "down") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $fetch (i32.const 7)))
      (else (i32.add (local.get $n) (call $down (i32.sub (local.get $n) (i32.const 1))))))))`;

describe('suspending wasm', () => {
  test('a deep wasm stack suspends at the host call and resumes with the result', async () => {
    const { engine, store, linker } = setup<string[]>([]);
    linker.funcWrapAsync('env', 'fetch', { params: [I32], results: [I32] }, async (caller, x: number) => {
      caller.data.push('host start');
      await tick();
      caller.data.push('host end');
      return x * 100;
    });
    const down = linker.instantiate(store, mod(engine, DEEP)).getFunc(store, 'down')!;
    const p = callAsync(store, down, 2000);
    store.data.push('after call');
    const [r] = await p;
    // 2000 + 1999 + … + 1 + 700
    expect(r).toBe((2000 * 2001) / 2 + 700);
    expect(store.data).toEqual(['host start', 'after call', 'host end']);
  });

  test('two calls suspended at once resume independently, in the order their promises settle', async () => {
    const { engine, store, linker } = setup<string[]>([]);
    const gates = new Map<number, () => void>();
    linker.funcWrapAsync('env', 'wait', { params: [I32], results: [I32] }, async (caller, id: number) => {
      await new Promise<void>((r) => gates.set(id, r));
      caller.data.push(`resumed ${id}`);
      return id * 1000;
    });
    const down = linker.instantiate(store, mod(engine, `(module (import "env" "wait" (func $wait (param i32) (result i32)))
      (func $down (export "down") (param $id i32) (param $n i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (call $wait (local.get $id)))
          (else (i32.add (i32.const 1) (call $down (local.get $id) (i32.sub (local.get $n) (i32.const 1))))))))`)).getFunc(store, 'down')!;
    const a = callAsync(store, down, 1, 300);
    const b = callAsync(store, down, 2, 50);
    await tick();
    expect([...gates.keys()].sort()).toEqual([1, 2]); // both suspended, each on its own stack
    gates.get(2)!();
    expect(await b).toEqual([2050]);
    gates.get(1)!();
    expect(await a).toEqual([1300]);
    expect(store.data).toEqual(['resumed 2', 'resumed 1']);
  });

  test('many suspensions in one call, each with its own result', async () => {
    const { engine, store, linker } = setup(undefined);
    let n = 0;
    linker.funcNewAsync('env', 'next', { params: [], results: [I64] }, async (_c, _p, r) => {
      await tick();
      r[0] = BigInt(++n);
    });
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "next" (func $next (result i64)))
      (func (export "sum") (param $k i32) (result i64) (local $acc i64)
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $k)))
          (local.set $acc (i64.add (local.get $acc) (call $next)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $l)))
        (local.get $acc)))`));
    expect(await callAsync(store, inst.getFunc(store, 'sum')!, 10)).toEqual([55n]);
  });

  test('a suspended tail call resumes by returning from the frame', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'f', { params: [I32], results: [I32] }, async (_c, x: number) => { await tick(); return x + 1; });
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "f" (func $f (param i32) (result i32)))
      (func $tail (param i32) (result i32) (return_call $f (local.get 0)))
      (func (export "go") (result i32) (i32.mul (call $tail (i32.const 4)) (i32.const 10))))`));
    expect(await callAsync(store, inst.getFunc(store, 'go')!)).toEqual([50]);
  });

  test('wasm → async host → wasm → async host (sandwich)', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'leaf', { params: [I32], results: [I32] }, async (_c, x: number) => { await tick(); return x * 2; });
    const inner = linker.instantiate(store, mod(engine, `(module (import "env" "leaf" (func $leaf (param i32) (result i32)))
      (func (export "inner") (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (i32.const 1))))`));
    linker.funcWrapAsync('env', 'mid', { params: [I32], results: [I32] }, async (caller, x: number) => {
      const [r] = await callAsync(caller.store, inner.getFunc(caller.store, 'inner')!, x);
      return (r as number) * 10;
    });
    const outer = linker.instantiate(store, mod(engine, `(module (import "env" "mid" (func $mid (param i32) (result i32)))
      (func (export "outer") (param i32) (result i32) (call $mid (local.get 0))))`));
    expect(await callAsync(store, outer.getFunc(store, 'outer')!, 3)).toEqual([70]);
  });

  test('a rejection rejects the call; the store stays usable', async () => {
    const { engine, store, linker } = setup(undefined);
    const err = new Error('network down');
    let fail = true;
    linker.funcWrapAsync('env', 'fetch', { params: [I32], results: [I32] }, async (_c, x: number) => {
      await tick();
      if (fail) throw err;
      return x;
    });
    const down = linker.instantiate(store, mod(engine, DEEP)).getFunc(store, 'down')!;
    await expect(callAsync(store, down, 50)).rejects.toBe(err);
    fail = false;
    expect(await callAsync(store, down, 1)).toEqual([8]);
  });

  test('traps after resuming carry a backtrace', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'zero', { params: [], results: [I32] }, async () => 0);
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "zero" (func $z (result i32)))
      (func (export "div") (result i32) (i32.div_s (i32.const 1) (call $z))))`));
    const e = await callAsync(store, inst.getFunc(store, 'div')!).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Trap);
    expect((e as Trap).message).toBe('integer divide by zero');
    expect((e as Trap).backtrace.length).toBe(1);
  });

  test('a synchronous call of an async host function is refused', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'fetch', { params: [I32], results: [I32] }, async (_c, x: number) => x);
    const down = linker.instantiate(store, mod(engine, DEEP)).getFunc(store, 'down')!;
    expect(thrown(() => down.call(store, 3)).message)
      .toBe('async host function env::fetch was called from a synchronous call; use callAsync, instantiateAsync or moduleAsync');
  });

  test('an async host function called directly by a sync host function is refused, even inside an async call', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'slow', { params: [], results: [I32] }, async () => 1);
    linker.funcWrap('env', 'sync', { params: [], results: [I32] }, (caller) =>
      (linker.get(caller.store, 'env', 'slow') as Func).call(caller.store)[0]);
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "sync" (func $s (result i32)))
      (func (export "go") (result i32) (call $s)))`));
    await expect(callAsync(store, inst.getFunc(store, 'go')!)).rejects.toThrow('was called from a synchronous call');
  });

  test('callAsync of the host function itself awaits it', async () => {
    const { store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'f', { params: [I32], results: [I32] }, async (_c, x: number) => { await tick(); return -x; });
    expect(await callAsync(store, linker.get(store, 'env', 'f') as Func, 5)).toEqual([-5]);
    // A synchronous host function works too.
    linker.funcWrap('env', 'g', { params: [], results: [I32] }, () => 3);
    expect(await callAsync(store, linker.get(store, 'env', 'g') as Func)).toEqual([3]);
  });
});

describe('async instantiation', () => {
  test('instantiateAsync runs a start function that suspends', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'seed', { params: [], results: [I32] }, async () => { await tick(); return 42; });
    const m = mod(engine, `(module (import "env" "seed" (func $seed (result i32)))
      (global $g (export "g") (mut i32) (i32.const 0))
      (func $init (global.set $g (call $seed))) (start $init))`);
    expect(() => linker.instantiate(store, m)).toThrow('synchronous call');
    const inst = await linker.instantiateAsync(store, m);
    expect(inst.getGlobal(store, 'g')!.get(store)).toBe(42);
    // The InstancePre form as well.
    const again = await linker.instantiatePre(m).instantiateAsync(store);
    expect(again.getGlobal(store, 'g')!.get(store)).toBe(42);
    expect(again).not.toBe(inst);
  });

  test('moduleAsync: a Reactor whose _initialize suspends', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'seed', { params: [], results: [I32] }, async () => { await tick(); return 9; });
    await linker.moduleAsync(store, 'r', mod(engine, `(module (import "env" "seed" (func $seed (result i32)))
      (global $g (mut i32) (i32.const 0))
      (func (export "_initialize") (global.set $g (call $seed)))
      (func (export "get") (result i32) (global.get $g)))`));
    expect((linker.get(store, 'r', 'get') as Func).call(store)).toEqual([9]);
  });

  test('moduleAsync: a Command still gets a fresh instance per call', async () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrapAsync('env', 'one', { params: [], results: [I32] }, async () => { await tick(); return 1; });
    await linker.moduleAsync(store, 'c', mod(engine, `(module (import "env" "one" (func $one (result i32)))
      (global $counter (mut i32) (i32.const 0))
      (func (export "_start") (global.set $counter (i32.add (global.get $counter) (call $one))))
      (func (export "read_counter") (result i32) (global.get $counter)))`));
    const start = linker.get(store, 'c', '_start') as Func;
    await callAsync(store, start);
    await callAsync(store, start);
    expect(await callAsync(store, linker.get(store, 'c', 'read_counter') as Func)).toEqual([0]);
  });
});

describe('exceptions across a suspension', () => {
  test('a rejection with a wasm exception is caught by try_table in the suspended caller', async () => {
    const { encodeModule } = await import('../../src/encoder/encode.js');
    const { parseWat } = await import('../../src/text/index.js');
    const { ExnInst, WasmException } = await import('../../src/core/exn.js');
    const { Module, Tag } = await import('../../src/index.js');
    const { engine, store, linker } = setup(undefined);
    const tag = Tag.new(store, { params: [I32], results: [] });
    linker.define(store, 'env', 'oops', tag);
    linker.funcWrapAsync('env', 'fail', { params: [I32], results: [I32] }, async (_c, x: number) => {
      await tick();
      if (x < 0) throw new Error('plain');
      throw new WasmException(new ExnInst(tag.inst, [x * 2]));
    });
    const m = Module.new(engine, encodeModule(parseWat(`(module
      (import "env" "oops" (tag $oops (param i32)))
      (import "env" "fail" (func $fail (param i32) (result i32)))
      (func (export "go") (param i32) (result i32)
        (block $h (result i32)
          (try_table (result i32) (catch $oops $h) (call $fail (local.get 0)))
          (return))
        (i32.add (i32.const 1000))))`)));
    const go = linker.instantiate(store, m).getFunc(store, 'go')!;
    expect(await callAsync(store, go, 21)).toEqual([1042]);
    await expect(callAsync(store, go, -1)).rejects.toThrow('plain');
  });
});
