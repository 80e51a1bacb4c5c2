/**
 * Host functions through the Linker: the three body shapes (`funcNew`, `funcNewUnchecked`,
 * `funcWrap`) agree on values, including i64 and NaN bits where the raw form keeps them; `Caller`
 * gives the store's data and the calling instance's exports; a host exception unwinds the wasm
 * frames and reaches the outermost caller unchanged.
 */
import { describe, expect, test } from 'vitest';
import { Engine, F32, F64, Func, I32, I64, Memory, Store, Trap, V128 } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { mod, setup, thrown } from './helpers.js';

const SIG = { params: [I32, I64, F32, F64], results: [I64, F64] };
const USER = `(module (import "h" "f" (func $f (param i32 i64 f32 f64) (result i64 f64)))
  (func (export "go") (param i32 i64 f32 f64) (result i64 f64)
    (call $f (local.get 0) (local.get 1) (local.get 2) (local.get 3))))`;

describe('three body shapes, one behaviour', () => {
  const cases: Array<[string, (l: Linker<undefined>) => void]> = [
    ['funcNew', (l) => l.funcNew('h', 'f', SIG, (_c, p, r) => {
      r[0] = BigInt(p[0] as number) + (p[1] as bigint);
      r[1] = (p[2] as number) * (p[3] as number);
    })],
    ['funcWrap', (l) => l.funcWrap('h', 'f', SIG, (_c, a: number, b: bigint, x: number, y: number) => [BigInt(a) + b, x * y])],
    ['funcNewUnchecked', (l) => l.funcNewUnchecked('h', 'f', SIG, (_c, slots) => {
      const a = slots[0] as number, b = slots[1] as bigint;
      const x = new Float32Array(new Int32Array([slots[2] as number]).buffer)[0]!;
      const y = new Float64Array(new BigUint64Array([slots[3] as bigint]).buffer)[0]!;
      slots[0] = BigInt.asIntN(64, BigInt(a) + b);
      slots[1] = new BigUint64Array(new Float64Array([x * y]).buffer)[0]!;
    })],
  ];
  test.each(cases)('%s', (_name, define) => {
    const { engine, store, linker } = setup(undefined);
    define(linker);
    const go = linker.instantiate(store, mod(engine, USER)).getFunc(store, 'go')!;
    expect(go.call(store, -5, 10n ** 15n, 1.5, 4)).toEqual([10n ** 15n - 5n, 6]);
    expect(go.call(store, 1, -1n, -2, 0.25)).toEqual([0n, -0.5]);
  });

  test('funcNewUnchecked passes NaN payloads untouched', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcNewUnchecked('h', 'id', { params: [F32], results: [F32] }, () => { /* slot 0 is both */ });
    const inst = linker.instantiate(store, mod(engine, `(module (import "h" "id" (func $id (param f32) (result f32)))
      (func (export "go") (result i32) (i32.reinterpret_f32 (call $id (f32.reinterpret_i32 (i32.const 0x7fa00001))))))`));
    expect(inst.getFunc(store, 'go')!.call(store)).toEqual([0x7fa00001]);
  });

  test('results of the wrong number or type are refused', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('h', 'two', { params: [], results: [I32, I32] }, () => 1);
    linker.funcWrap('h', 'bad', { params: [], results: [I64] }, () => 'x');
    const inst = linker.instantiate(store, mod(engine, `(module (import "h" "two" (func $t (result i32 i32)))
      (import "h" "bad" (func $b (result i64)))
      (func (export "two") (result i32 i32) (call $t)) (func (export "bad") (result i64) (call $b)))`));
    expect(() => inst.getFunc(store, 'two')!.call(store)).toThrow(TypeError);
    expect(() => inst.getFunc(store, 'bad')!.call(store)).toThrow(TypeError);
  });

  test('v128 values cross as 16-byte arrays', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('h', 'rev', { params: [V128], results: [V128] }, (_c, v: Uint8Array) => v.slice().reverse());
    const inst = linker.instantiate(store, mod(engine, `(module (import "h" "rev" (func $r (param v128) (result v128)))
      (func (export "go") (result i32) (i8x16.extract_lane_u 0 (call $r (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)))))`));
    expect(inst.getFunc(store, 'go')!.call(store)).toEqual([15]);
  });
});

describe('Caller', () => {
  test('reads the calling instance memory and the store data', () => {
    const { engine, store, linker } = setup({ seen: [] as string[] });
    linker.funcWrap('env', 'log', { params: [I32, I32], results: [] }, (caller, ptr: number, len: number) => {
      const mem = caller.getExport('memory') as Memory;
      caller.data.seen.push(new TextDecoder().decode(mem.read(caller.store, ptr, len)));
    });
    const text = `(module (import "env" "log" (func $log (param i32 i32)))
      (memory (export "memory") 1) (data (i32.const 8) "hello") (data (i32.const 16) "world")
      (func (export "run") (param i32) (call $log (local.get 0) (i32.const 5))))`;
    const a = linker.instantiate(store, mod(engine, text));
    a.getFunc(store, 'run')!.call(store, 8);
    a.getFunc(store, 'run')!.call(store, 16);
    expect(store.data.seen).toEqual(['hello', 'world']);
  });

  test('getExport sees the instance that called, not the one that imported', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('env', 'which', { params: [], results: [I32] }, (caller) => (caller.getExport('id') as any).get(caller.store));
    const text = (id: number) => `(module (import "env" "which" (func $w (result i32)))
      (global (export "id") i32 (i32.const ${id})) (func (export "ask") (result i32) (call $w)))`;
    const one = linker.instantiate(store, mod(engine, text(1)));
    const two = linker.instantiate(store, mod(engine, text(2)));
    expect(one.getFunc(store, 'ask')!.call(store)).toEqual([1]);
    expect(two.getFunc(store, 'ask')!.call(store)).toEqual([2]);
    // Called directly by the host there is no calling instance, also from inside another host call.
    expect(() => (linker.get(store, 'env', 'which') as Func).call(store)).toThrow(TypeError);
    let inner: unknown = 'not called';
    linker.funcWrap('env', 'nested', { params: [], results: [] }, (caller) => {
      const which = linker.get(caller.store, 'env', 'which') as Func;
      try { which.call(caller.store); } catch (e) { inner = e; }
    });
    const three = linker.instantiate(store, mod(engine, `(module (import "env" "nested" (func $n))
      (global (export "id") i32 (i32.const 3)) (func (export "go") (call $n)))`));
    three.getFunc(store, 'go')!.call(store);
    expect(inner).toBeInstanceOf(TypeError);
  });

  test('data can be replaced through the caller; fuel reads the running call', () => {
    const engine = new Engine({ consumeFuel: true });
    const store = new Store(engine, 0);
    const linker = new Linker<number>(engine);
    let seenFuel = -1;
    linker.funcWrap('env', 'f', { params: [], results: [] }, (caller) => {
      caller.data = caller.data + 1;
      seenFuel = caller.getFuel();
    });
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "f" (func $f))
      (func (export "go") (call $f) (call $f)))`));
    store.setFuel(1000);
    inst.getFunc(store, 'go')!.call(store);
    expect(store.data).toBe(2);
    expect(seenFuel).toBeGreaterThan(900);
    expect(seenFuel).toBeLessThan(1000);
    expect(store.getFuel()).toBeLessThanOrEqual(seenFuel);
  });
});

describe('errors from host functions', () => {
  test('a JS exception unwinds deep wasm frames and surfaces unchanged', () => {
    const { engine, store, linker } = setup(undefined);
    const boom = new RangeError('boom');
    linker.funcWrap('env', 'boom', { params: [], results: [] }, () => { throw boom; });
    const inst = linker.instantiate(store, mod(engine, `(module (import "env" "boom" (func $boom))
      (func $down (export "down") (param i32)
        (if (i32.eqz (local.get 0)) (then (call $boom)) (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))`));
    expect(thrown(() => inst.getFunc(store, 'down')!.call(store, 500))).toBe(boom);
    // The store stays usable.
    expect(() => inst.getFunc(store, 'down')!.call(store, 0)).toThrow(boom);
  });

  test('a trap raised in nested wasm called by a host function reaches the outer caller', () => {
    const { engine, store, linker } = setup(undefined);
    const inner = linker.instantiate(store, mod(engine, '(module (func (export "crash") unreachable))'));
    linker.funcWrap('env', 'callback', { params: [], results: [] }, (caller) => { inner.getFunc(caller.store, 'crash')!.call(caller.store); });
    const outer = linker.instantiate(store, mod(engine, `(module (import "env" "callback" (func $cb))
      (func (export "go") (call $cb)))`));
    const e = thrown(() => outer.getFunc(store, 'go')!.call(store));
    expect(e).toBeInstanceOf(Trap);
    expect(e.message).toBe('unreachable');
  });
});
