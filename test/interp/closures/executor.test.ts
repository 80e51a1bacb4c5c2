/**
 * The closure executor (src/interp/closures/) must give exactly the switch loop's results, traps,
 * backtraces and fuel accounting. Each function here runs on both executors and is compared; the
 * ops it is meant to exercise are checked to have closures (no hand-over to the switch loop).
 */
import { describe, expect, it } from 'vitest';
import type { WasmFuncInst } from '../../../src/core/func.js';
import type { RawVal } from '../../../src/core/values.js';
import { RunResult, Thread, type ThreadOptions } from '../../../src/interp/thread.js';
import { compiled } from '../../../src/interp/thread.js';
import { disassemble } from '../../../src/interp/code.js';
import { uncompiledPcs } from '../../../src/interp/closures/compile.js';
import { Trap } from '../../../src/util/errors.js';
import { I32 } from '../../../src/syntax/types.js';
import { f64bits, func, host, load } from '../helpers.js';

const WAT = `(module
  (import "h" "twice" (func $twice (param i32) (result i32)))
  (memory 1)
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "arith") (param $a i32) (param $b i32) (result i32)
    (i32.xor
      (i32.xor
        (i32.xor (i32.add (local.get $a) (local.get $b)) (i32.mul (local.get $a) (local.get $b)))
        (i32.xor (i32.sub (local.get $a) (local.get $b)) (i32.shl (local.get $a) (local.get $b))))
      (i32.xor
        (i32.xor (i32.shr_s (local.get $a) (local.get $b)) (i32.shr_u (local.get $a) (local.get $b)))
        (i32.xor (i32.and (local.get $a) (local.get $b)) (i32.or (local.get $a) (local.get $b))))))
  (func (export "arith_imm") (param $a i32) (result i32)
    (i32.xor
      (i32.xor
        (i32.xor (i32.add (local.get $a) (i32.const 0x7fffffff)) (i32.mul (local.get $a) (i32.const -3)))
        (i32.xor (i32.sub (local.get $a) (i32.const -2147483648)) (i32.shl (local.get $a) (i32.const 33))))
      (i32.xor
        (i32.xor (i32.shr_s (local.get $a) (i32.const 31)) (i32.shr_u (local.get $a) (i32.const 35)))
        (i32.xor (i32.and (local.get $a) (i32.const 0xff0)) (i32.or (local.get $a) (i32.const 5))))))
  ;; every comparison, as a value and as a branch, signed and unsigned, register and immediate
  (func (export "cmps") (param $a i32) (param $b i32) (result i32) (local $r i32)
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.eq (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.ne (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.lt_s (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.lt_u (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.gt_s (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.gt_u (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.le_s (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.le_u (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.ge_s (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.ge_u (local.get $a) (local.get $b))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.lt_u (local.get $a) (i32.const -5))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.ge_s (local.get $a) (i32.const -5))))
    (local.set $r (i32.or (i32.shl (local.get $r) (i32.const 1)) (i32.eqz (local.get $a))))
    (block $b0 (br_if $b0 (i32.lt_u (local.get $a) (local.get $b))) (local.set $r (i32.add (local.get $r) (i32.const 0x10000))))
    (block $b1 (br_if $b1 (i32.gt_s (local.get $a) (local.get $b))) (local.set $r (i32.add (local.get $r) (i32.const 0x20000))))
    (block $b2 (br_if $b2 (i32.le_u (local.get $a) (i32.const -7))) (local.set $r (i32.add (local.get $r) (i32.const 0x40000))))
    (block $b3 (br_if $b3 (i32.ge_s (local.get $a) (i32.const -7))) (local.set $r (i32.add (local.get $r) (i32.const 0x80000))))
    (block $b4 (br_if $b4 (i32.eqz (local.get $b))) (local.set $r (i32.add (local.get $r) (i32.const 0x100000))))
    (block $b5 (br_if $b5 (local.get $b)) (local.set $r (i32.add (local.get $r) (i32.const 0x200000))))
    (local.get $r))
  ;; loads/stores whose address is an i32.add of a constant: wraps to 32 bits before the offset
  (func (export "mem") (param $p i32) (param $k i32) (param $d f64) (result i32)
    (i32.store offset=4 (i32.add (local.get $p) (i32.const 8)) (local.get $k))
    (i32.store8 (i32.add (local.get $p) (i32.const 1)) (i32.const 0x1ff))
    (f64.store (i32.add (local.get $p) (i32.const 16)) (local.get $d))
    (f64.store offset=24 (local.get $p) (f64.load (i32.add (local.get $p) (i32.const 16))))
    (i32.add
      (i32.add (i32.load offset=4 (i32.add (local.get $p) (i32.const 8))) (i32.load8_u (i32.add (local.get $p) (i32.const 1))))
      (i32.load offset=28 (local.get $p))))
  (func (export "load_wrap") (param $p i32) (result i32)
    (i32.load (i32.add (local.get $p) (i32.const 16))))
  ;; f64 NaN payloads survive loads, stores and copies (word copies, never through a JS number)
  (func (export "nan_bits") (param $x i64) (result i64) (local $f f64)
    (f64.store (i32.const 64) (f64.reinterpret_i64 (local.get $x)))
    (local.set $f (f64.load (i32.const 64)))
    (i64.reinterpret_f64 (select (local.get $f) (f64.const 1) (i32.const 1))))
  (func (export "f64ops") (param $a f64) (param $b f64) (result f64)
    (f64.add (f64.mul (local.get $a) (local.get $b))
      (f64.div (f64.sub (local.get $a) (local.get $b)) (select (local.get $a) (local.get $b) (f64.lt (local.get $a) (local.get $b))))))
  (func (export "loop") (param $n i32) (result i32) (local $x i32) (local $s i32)
    (local.set $x (local.get $n))
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $x)))
      (local.set $x (select (i32.shr_u (local.get $x) (i32.const 1)) (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1))
                            (i32.eqz (i32.and (local.get $x) (i32.const 1)))))
      (br_if $l (i32.ne (local.get $x) (i32.const 1))))
    (local.get $s))
  (func $deep (export "deep") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (unreachable))
      (else (i32.add (call $deep (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))))
  (func $big (export "big") (param $n i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (call $big (i32.sub (local.get $n) (i32.const 1))) (i32.const 2)))))
  ;; a chain of plain ops that are not idempotent (x := x + 1), then an op with no closure: the
  ;; hand-over must be at that op, not at the chain's start (which would add 1 twice more)
  (func (export "chain_bail") (param $x i32) (result i32)
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (i32.add (local.get $x) (ref.is_null (ref.null func))))
  (func (export "chain_trap") (param $x i32) (param $p i32) (result i32)
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (i32.add (local.get $x) (i32.load (local.get $p))))
  (func (export "via_host") (param $n i32) (result i32)
    (i32.add (call $twice (local.get $n)) (call $fib (i32.const 10))))
)`;

const inst = load(WAT, [host([I32], [I32], (a) => [(a[0] as number) * 2])], { fuel: false });
const fuelInst = load(WAT, [host([I32], [I32], (a) => [(a[0] as number) * 2])], { fuel: true });

type Outcome = { results?: RawVal[]; trap?: string; backtrace?: unknown };

function run(name: string, args: RawVal[], options: ThreadOptions, metered = false): Outcome {
  const t = new Thread(options);
  t.start(func(metered ? fuelInst : inst, name), args);
  try {
    expect(t.run()).toBe(RunResult.Done);
    return { results: t.results() };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.message, backtrace: e.backtrace };
  }
}

function both(name: string, args: RawVal[], options: ThreadOptions = {}): Outcome {
  const a = run(name, args, { ...options, executor: 'switch' });
  const b = run(name, args, { ...options, executor: 'closures' });
  expect(b).toEqual(a);
  return a;
}

const EDGES = [0, 1, -1, 2, 31, 32, 33, 0x7fffffff, -0x80000000, 0x12345678, -7, 1000];

describe('closure executor', () => {
  it('compiles every op of the hot functions (no hand-over to the switch loop)', () => {
    for (const name of ['fib', 'arith', 'arith_imm', 'cmps', 'mem', 'load_wrap', 'loop', 'deep', 'big']) {
      const f = func(inst, name) as WasmFuncInst;
      const bails = uncompiledPcs(f);
      expect(bails, `${name}:\n${disassemble(compiled(f).code)}`).toEqual([]);
    }
  });

  it('agrees with the switch loop on i32 arithmetic, comparisons and branches at edge values', () => {
    for (const a of EDGES) {
      both('arith_imm', [a]);
      for (const b of EDGES) {
        both('arith', [a, b]);
        both('cmps', [a, b]);
      }
    }
    expect(both('arith', [0x7fffffff, 1]).results).toEqual(run('arith', [0x7fffffff, 1], { executor: 'closures' }).results);
  });

  it('runs calls and returns (recursion)', () => {
    expect(both('fib', [20]).results).toEqual([6765]);
    expect(both('loop', [27]).results).toEqual([run('loop', [27], { executor: 'switch' }).results![0]]);
  });

  it('wraps fused addresses to 32 bits and traps out of bounds with the same backtrace', () => {
    expect(both('mem', [100, -5, f64bits(-2)]).results).toEqual([-5 + 0xff - 0x40000000]);
    expect(both('load_wrap', [-16]).results).toEqual([0]);
    expect(both('load_wrap', [-17]).trap).toMatch(/out of bounds/);
    expect(both('load_wrap', [65536 - 19]).trap).toMatch(/out of bounds/);
    expect(both('mem', [65536 - 20, 1, f64bits(1)]).trap).toMatch(/out of bounds/);
  });

  it('keeps f64 NaN payloads through loads, stores, copies and select', () => {
    const nan = 0x7ff4000000000001n;
    expect(both('nan_bits', [nan]).results).toEqual([nan]);
    expect(both('nan_bits', [0xfff0000000000abcn]).results).toEqual([BigInt.asIntN(64, 0xfff0000000000abcn)]);
    expect(both('f64ops', [f64bits(1.5), f64bits(-2.25)]).results).toEqual([f64bits(1.5 * -2.25 + (1.5 + 2.25) / -2.25)]);
    both('f64ops', [f64bits(0), f64bits(-0)]);
  });

  it('traps with the same backtrace, also at the call depth limit', () => {
    const r = both('deep', [50]);
    expect(r.trap).toMatch(/unreachable/);
    expect((r.backtrace as unknown[]).length).toBe(51);
    expect(both('deep', [200], { maxCallDepth: 100 }).trap).toMatch(/call stack exhausted/);
  });

  it('grows the value stack in deep recursion of large frames', () => {
    expect(both('big', [3000]).results).toEqual([6000]);
  });

  it('hands over at the op without a closure, and traps at the faulting op, after a chain of plain ops', () => {
    expect(uncompiledPcs(func(inst, 'chain_bail') as WasmFuncInst).length).toBeGreaterThan(0);
    expect(both('chain_bail', [5]).results).toEqual([(5 + 1) * 3 + 1 + 1]);
    const r = both('chain_trap', [5, 65536]);
    expect(r.trap).toMatch(/out of bounds/);
    expect(both('chain_trap', [5, 0]).results).toEqual([7]);
  });

  it('runs host calls with the same results', () => {
    expect(both('via_host', [21]).results).toEqual(run('via_host', [21], { executor: 'switch' }).results);
  });

  it('charges the same fuel and pauses at the same points', () => {
    for (const [name, args] of [['loop', [27]], ['fib', [12]], ['cmps', [3, -4]], ['via_host', [5]]] as const) {
      const used: number[][] = [];
      for (const executor of ['switch', 'closures'] as const) {
        for (const step of [1e9, 7, 1]) {
          const t = new Thread({ fuel: step, executor });
          t.start(func(fuelInst, name), [...args]);
          let added = step, pauses = 0;
          while (t.run() === RunResult.OutOfFuel) {
            pauses++;
            t.addFuel(step);
            added += step;
          }
          used.push([added - t.fuel, pauses, t.results()[0] as number]);
        }
      }
      expect(used.slice(3), name).toEqual(used.slice(0, 3));
    }
  });
});
