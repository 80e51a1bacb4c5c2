/** Host functions and fuel: raw values across the boundary, exceptions crossing wasm frames, pause/resume. */
import { describe, expect, it } from 'vitest';
import { RunResult, Thread } from '../../src/interp/index.js';
import { I32, I64 } from '../../src/syntax/types.js';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call1, func, host, load } from './helpers.js';

describe('host functions', () => {
  it('receive and return raw values', () => {
    const seen: unknown[] = [];
    const inst = load(`(module
      (import "h" "f" (func $f (param i32 i64) (result i64)))
      (func (export "go") (result i64) (call $f (i32.const -1) (i64.const 5))))`,
    [host([I32, I64], [I64], (args) => { seen.push(...args); return [(args[1] as bigint) * 2n]; })]);
    expect(call1(inst, 'go')).toBe(10n);
    expect(seen).toEqual([-1, 5n]);
  });

  it('a thrown JS value crosses wasm frames unchanged and the store stays usable', () => {
    const boom = { reason: 'boom' };
    let fail = true;
    const inst = load(`(module
      (import "h" "f" (func $f (result i32)))
      (func $inner (result i32) (i32.add (call $f) (i32.const 1)))
      (func (export "outer") (result i32) (i32.mul (call $inner) (i32.const 2))))`,
    [host([], [I32], () => { if (fail) throw boom; return [20]; })]);
    let caught: unknown;
    try { call1(inst, 'outer'); } catch (e) { caught = e; }
    expect(caught).toBe(boom);
    fail = false;
    expect(call1(inst, 'outer')).toBe(42);
  });
});

describe('fuel', () => {
  const src = `(module
    (func (export "count") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
      (local.get 1)))`;

  it('pauses when fuel runs out and resumes after more is added', () => {
    const inst = load(src, [], { fuel: true });
    const t = new Thread({ fuel: 50 });
    t.start(func(inst, 'count'), [1000]);
    let pauses = 0;
    let r = t.run();
    while (r === RunResult.OutOfFuel) {
      pauses++;
      t.addFuel(50);
      r = t.run();
    }
    expect(pauses).toBeGreaterThan(10);
    expect(t.results()).toEqual([1000]);
  });

  it('consumes the same fuel for the same program and input', () => {
    const inst = load(src, [], { fuel: true });
    const used = (n: number): number => {
      const t = new Thread({ fuel: 1e9 });
      t.start(func(inst, 'count'), [n]);
      expect(t.run()).toBe(RunResult.Done);
      return 1e9 - t.fuel;
    };
    expect(used(100)).toBe(used(100));
    // Each loop iteration is the same straight-line segment: cost grows linearly.
    expect(used(200) - used(100)).toBe(used(300) - used(200));
    expect(used(200)).toBeGreaterThan(used(100));
  });

  it('invoke traps with OutOfFuel when the budget is too small', async () => {
    const { invoke } = await import('../../src/interp/index.js');
    const inst = load(src, [], { fuel: true });
    let err: unknown;
    try { invoke(func(inst, 'count'), [1000], { fuel: 10 }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).code).toBe(TrapCode.OutOfFuel);
  });
});

describe('invoke', () => {
  it('calls a host function directly with its arguments', async () => {
    const { invoke } = await import('../../src/interp/index.js');
    const imp = host([I32, I32], [I32], (args) => [(args[0] as number) - (args[1] as number)]);
    if (imp.kind !== 'func') throw new Error('expected a function import');
    expect(invoke(imp.value, [10, 3])).toEqual([7]);
  });
});

describe('re-entry', () => {
  it('wasm → host → wasm recursion traps with "call stack exhausted", not a RangeError', async () => {
    const { invoke } = await import('../../src/interp/index.js');
    let target: import('../../src/core/func.js').FuncInst | null = null;
    const inst = load(`(module
      (import "h" "again" (func $again))
      (func (export "go") (call $again)))`,
    [host([], [], () => { invoke(target!, []); })]);
    target = func(inst, 'go');
    let err: unknown;
    try { invoke(target, []); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).code).toBe(TrapCode.StackExhausted);
    expect(call1(load('(module (func (export "one") (result i32) (i32.const 1)))'), 'one')).toBe(1);
  });
});
