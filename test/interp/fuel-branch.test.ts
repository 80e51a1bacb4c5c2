/**
 * With fuel on, a branch whose target starts a fuel segment charges that segment itself (its
 * `_fuel` form) instead of dispatching the target's `Fuel` op. The cost must stay what fuel-cost.ts
 * says (1 per executed instruction, 0 for block/loop/end/…), and a short budget must still pause
 * before the segment, resumably.
 */
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../src/interp/code.js';
import { RunResult, Thread } from '../../src/interp/index.js';
import { translate } from '../../src/interp/translate.js';
import { func, load, runFueled, type FueledRun } from './helpers.js';

const inst = load(`(module
  ;; 8 per pass (loop and end cost nothing) + 1 (local.get)
  (func (export "cmp") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  ;; the loop body is one 12-instruction segment, paid on entry even by the pass that leaves at
  ;; the br_if: 12 per pass (n + 1 passes) + 1 (local.get); block, loop and end cost nothing
  (func (export "br") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  ;; an add feeding a compare-immediate back edge (one fused op): 7 per pass + 1 (local.get)
  (func (export "add_ne") (param $i i32) (result i32)
    (loop $l (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20))))
    (local.get $i))
  (func (export "addw_ne") (param $i i32) (param $s i32) (result i32)
    (loop $l (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (local.get $s))) (i32.const 20))))
    (local.get $i))
  (func (export "add_lt_s") (param $i i32) (result i32)
    (loop $l (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20))))
    (local.get $i))
  (func (export "addw_lt_s") (param $i i32) (param $s i32) (result i32)
    (loop $l (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (local.get $s))) (i32.const 20))))
    (local.get $i))
  (func (export "add_lt_u") (param $i i32) (result i32)
    (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20))))
    (local.get $i))
  (func (export "addw_lt_u") (param $i i32) (param $s i32) (result i32)
    (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (local.get $s))) (i32.const 20))))
    (local.get $i))
  (func (export "add_gt_s") (param $i i32) (result i32)
    (loop $l (br_if $l (i32.gt_s (local.tee $i (i32.add (local.get $i) (i32.const -1))) (i32.const -20))))
    (local.get $i))
  (func (export "addw_gt_s") (param $i i32) (param $s i32) (result i32)
    (loop $l (br_if $l (i32.gt_s (local.tee $i (i32.add (local.get $i) (local.get $s))) (i32.const -20))))
    (local.get $i))
  (func (export "add_gt_u") (param $i i32) (result i32)
    (loop $l (br_if $l (i32.gt_u (local.tee $i (i32.add (local.get $i) (i32.const -1))) (i32.const 0xfffffff0))))
    (local.get $i))
  (func (export "addw_gt_u") (param $i i32) (param $s i32) (result i32)
    (loop $l (br_if $l (i32.gt_u (local.tee $i (i32.add (local.get $i) (local.get $s))) (i32.const 0xfffffff0))))
    (local.get $i))
)`, [], { fuel: true });

/** Runs `name(n)` adding `step` fuel at each pause (see runFueled). */
function run(name: string, n: number, step: number, fuelChunk?: number): FueledRun {
  return runFueled(inst, name, [n], step, fuelChunk === undefined ? {} : { fuelChunk });
}

describe('fuel-charging branches', () => {
  it('replace the Fuel op dispatch on loop back edges', () => {
    for (const name of ['cmp', 'br']) {
      const f = func(inst, name);
      if (f.kind !== 'wasm') throw new Error('not a wasm function');
      const listing = disassemble(translate(f.instance, f.index, { fuel: true }).code);
      expect(listing, listing).toMatch(/br\S*_fuel/);
    }
  });

  it('include the fused add-and-branch ops, at the same cost and pause points', () => {
    for (const [cmp, start, stepArg, last] of [['ne', 0, 1, 20], ['lt_s', -5, 1, 20], ['lt_u', 0, 1, 20], ['gt_s', 10, -1, -20], ['gt_u', -1, -1, -16]] as const) {
      for (const name of [`add_${cmp}`, `addw_${cmp}`]) {
        const f = func(inst, name);
        if (f.kind !== 'wasm') throw new Error('not a wasm function');
        const listing = disassemble(translate(f.instance, f.index, { fuel: true }).code);
        expect(listing, listing).toMatch(/i32\.add\S*_br_if_\S*_fuel/);
        const args = name.startsWith('addw') ? [start, stepArg] : [start];
        const passes = Math.abs(last - start);
        const full = runFueled(inst, name, args, 1e6);
        expect(full).toMatchObject({ result: last, used: 7 * passes + 1 });
        for (const step of [1, 4, 6, 7]) {
          expect(runFueled(inst, name, args, step)).toMatchObject({ result: last, used: full.used });
          expect(runFueled(inst, name, args, step, { executor: 'closures' })).toMatchObject({ result: last, used: full.used });
        }
      }
    }
  });

  it('charge the documented cost per executed instruction', () => {
    for (const n of [1, 2, 10, 100]) {
      expect(run('cmp', n, 1e6)).toMatchObject({ result: n, used: 8 * n + 1 });
      expect(run('br', n, 1e6)).toMatchObject({ result: (n * (n + 1)) / 2, used: 12 * (n + 1) + 1 });
    }
  });

  it('pause before a segment they cannot pay for and resume to the same total', () => {
    const full = run('cmp', 20, 1e6).used;
    for (const step of [1, 2, 3, 7, 8, 9]) {
      const r = run('cmp', 20, step);
      expect(r.result).toBe(20);
      // Fuel added in whole steps: the run used `full`, whatever the pauses.
      expect(r.used).toBe(full);
      expect(r.pauses).toBeGreaterThanOrEqual(Math.ceil(full / step) - 1);
    }
    const br = run('br', 20, 1e6).used;
    for (const step of [1, 5, 11, 12]) {
      const r = run('br', 20, step);
      expect(r).toMatchObject({ result: 210, used: br });
    }
  });

  it('refill the loop fuel from the reserve without changing the cost or the pauses', () => {
    // A chunk of 7 makes the loop refill its local every few segments (2^30 by default).
    for (const [name, n] of [['cmp', 20], ['br', 20]] as const) {
      const full = run(name, n, 1e6);
      expect(run(name, n, 1e6, 7)).toEqual(full);
      expect(run(name, n, 1e6, 13)).toEqual(full);
      for (const step of [1, 5, 12, 30]) {
        const plain = run(name, n, step);
        expect(run(name, n, step, 7)).toEqual(plain);
        expect(plain.used).toBe(full.used);
      }
    }
    // Huge budgets (above the chunk) come back exactly.
    const t = new Thread({ fuel: 2 ** 52 + 3 });
    t.start(func(inst, 'cmp'), [10]);
    expect(t.run()).toBe(RunResult.Done);
    expect(t.fuel).toBe(2 ** 52 + 3 - (8 * 10 + 1));
  });

  it('leave no fuel charged when the budget is one short', () => {
    const full = run('cmp', 5, 1e6).used;
    const t = new Thread({ fuel: full - 1 });
    t.start(func(inst, 'cmp'), [5]);
    expect(t.run()).toBe(RunResult.OutOfFuel);
    expect(t.fuel).toBeLessThan(full - 1); // paid for the segments before the last
    t.addFuel(1);
    expect(t.run()).toBe(RunResult.Done);
    expect(t.fuel).toBe(0);
  });
});
