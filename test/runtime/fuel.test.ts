/**
 * Fuel: a metered store pays for every executed instruction; running out traps a plain call and
 * pauses a resumable one, which continues where it stopped once fuel is added. The same program
 * with the same inputs consumes the same fuel, however the run is split.
 */
import { describe, expect, test } from 'vitest';
import { Engine, Instance, Module, Store, Trap, TrapCode, type ResumableCall } from '../../src/index.js';
import { wat } from './helpers.js';

const SUM = wat(`(module
  (global $calls (export "calls") (mut i32) (i32.const 0))
  (func (export "sum") (param $n i32) (result i64) (local $acc i64)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc)))`);

function setup() {
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, undefined);
  const instance = Instance.new(store, Module.new(engine, SUM), []);
  return { store, sum: instance.getFunc(store, 'sum')!, calls: instance.getGlobal(store, 'calls')! };
}

describe('fuel', () => {
  test('without fuel configured, fuel calls say so', () => {
    const store = new Store(new Engine(), undefined);
    expect(() => store.getFuel()).toThrow('fuel is not configured in this store');
    expect(() => store.setFuel(5)).toThrow('fuel is not configured in this store');
  });

  test('a store starts with no fuel: the first call traps', () => {
    const { store, sum } = setup();
    let trap: unknown;
    try {
      sum.call(store, 3);
    } catch (e) {
      trap = e;
    }
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).code).toBe(TrapCode.OutOfFuel);
  });

  test('consumption is deterministic and grows with the work done', () => {
    const { store, sum } = setup();
    const cost = (n: number): number => {
      store.setFuel(1_000_000);
      expect(sum.call(store, n)).toEqual([BigInt(n * (n + 1) / 2)]);
      return 1_000_000 - store.getFuel();
    };
    const c10 = cost(10);
    expect(cost(10)).toBe(c10);
    const c20 = cost(20);
    expect(c20).toBeGreaterThan(c10);
    // Each loop iteration costs the same, so the cost is linear in n.
    expect(cost(30) - c20).toBe(c20 - c10);
  });

  test('running out pauses a resumable call; adding fuel resumes it to the same result', () => {
    const { store, sum, calls } = setup();
    store.setFuel(1_000_000);
    sum.call(store, 100);
    const full = 1_000_000 - store.getFuel();

    store.setFuel(7);
    let call: ResumableCall = sum.callResumable(store, 100);
    let pauses = 0;
    let given = 7;
    while (!call.done) {
      pauses++;
      expect(store.getFuel()).toBeLessThan(full);
      store.setFuel(store.getFuel() + 50);
      given += 50;
      call = call.resume(store);
    }
    expect(call.results).toEqual([5050n]);
    expect(pauses).toBeGreaterThan(3);
    // The function body ran once: pausing is not re-running.
    expect(calls.get(store)).toBe(2);
    expect(given - store.getFuel()).toBe(full);
  });

  test('calls charge their callee\'s entry: pausing there and resuming costs the same, at any step', () => {
    const engine = new Engine({ consumeFuel: true });
    const store = new Store(engine, undefined);
    const inst = Instance.new(store, Module.new(engine, wat(`(module
      (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
      (func (export "f") (param i32) (result i32) (local i32)
        (loop $l
          (local.set 1 (i32.add (local.get 1) (call $leaf (local.get 0))))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 1)))`)), []);
    const f = inst.getFunc(store, 'f')!;
    store.setFuel(1_000_000);
    expect(f.call(store, 10)).toEqual([165]);
    const full = 1_000_000 - store.getFuel();
    for (const step of [1, 2, 3, 4, 7]) {
      store.setFuel(step);
      let given = step;
      let call: ResumableCall = f.callResumable(store, 10);
      while (!call.done) {
        store.setFuel(store.getFuel() + step);
        given += step;
        call = call.resume(store);
      }
      expect(call.results).toEqual([165]);
      expect(given - store.getFuel()).toBe(full);
    }
  });

  test('a paused call resumes only once, and only with its own store', () => {
    const { store, sum } = setup();
    store.setFuel(3);
    const call = sum.callResumable(store, 50);
    expect(call.done).toBe(false);
    if (call.done) return;
    const other = new Store(new Engine({ consumeFuel: true }), undefined);
    expect(() => call.resume(other)).toThrow('object used with the wrong store');
    store.setFuel(100_000);
    const next = call.resume(store);
    expect(next.done).toBe(true);
    expect(() => call.resume(store)).toThrow('already resumed');
  });
});

describe('fuel and the start function', () => {
  const START = wat(`(module
    (global $g (export "g") (mut i32) (i32.const 0))
    (func $init (local $i i32)
      (loop $l
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
      (global.set $g (local.get $i)))
    (start $init))`);

  test('the start function spends the store fuel', () => {
    const engine = new Engine({ consumeFuel: true });
    const store = new Store(engine, undefined);
    store.setFuel(100_000);
    const inst = Instance.new(store, Module.new(engine, START), []);
    expect(inst.getGlobal(store, 'g')!.get(store)).toBe(100);
    expect(store.getFuel()).toBeLessThan(100_000 - 100);
  });

  test('running out of fuel in the start function traps the instantiation', () => {
    const engine = new Engine({ consumeFuel: true });
    const store = new Store(engine, undefined);
    store.setFuel(50);
    expect(() => Instance.new(store, Module.new(engine, START), [])).toThrow(Trap);
    expect(store.getFuel()).toBeLessThanOrEqual(50);
  });
});

describe('the documented cost: one unit per executed instruction, none for structure (as wasmtime)', () => {
  const engine = new Engine({ consumeFuel: true });
  const store = new Store(engine, undefined);
  const inst = Instance.new(store, Module.new(engine, wat(`(module
    (func (export "straight") (result i32) i32.const 1 i32.const 2 i32.add i32.const 3 i32.add)
    (func (export "block") (result i32) (block (result i32) i32.const 1))
    (func (export "branch") (param i32) (result i32)
      (if (result i32) (local.get 0) (then i32.const 1) (else i32.const 2 i32.const 3 i32.add)))
    (func $one (result i32) i32.const 1)
    (func (export "call") (result i32) call $one)
    (func (export "free") (result i32) nop (drop (i32.const 5)) (loop) (block) i32.const 7 return)
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`)), []);
  test.each([
    ['straight', [], 5], // 5 instructions; the end is free
    ['block', [], 1], // i32.const; block and end are free
    ['branch', [1], 3], // local.get, if, i32.const
    ['branch', [0], 5], // local.get, if, i32.const ×2, i32.add (else and end are free)
    ['call', [], 2], // call and the callee's i32.const
    ['free', [], 2], // the two i32.const: nop, drop, loop, block, end and return are free
    // fib(n) runs fib(n-1)+fib(n-2)+1 bodies: 5 units as a leaf (local.get, i32.const, lt_u, if,
    // local.get), 13 otherwise (the first 4, then local.get, i32.const, sub, call twice, then add).
    ['fib', [0], 5],
    ['fib', [2], 13 + 5 + 5],
  ] as const)('%s %j costs %i', (name, args, want) => {
    store.setFuel(1000);
    inst.getFunc(store, name)!.call(store, ...args);
    expect(1000 - store.getFuel()).toBe(want);
  });
});
