/** Control flow and calls: blocks with parameters, branches carrying values, br_table, multi-value, tail calls. */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call, call1, load } from './helpers.js';

const inst = load(`(module
  (type $ii (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $double $swap_sum)
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $swap_sum (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum-loop") (param i32) (result i32) (local i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
    (local.get 1))
  (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "block-params") (param i32) (result i32)
    (local.get 0) (i32.const 10)
    (block (param i32 i32) (result i32) (i32.sub)))
  (func (export "br-value") (param i32) (result i32)
    (i32.const 1)
    (block (result i32)
      (i32.const 100)
      (i32.const 7)
      (br_if 0 (local.get 0))
      (drop) (drop) (i32.const 3))
    (i32.add))
  (func (export "br-table") (param i32) (result i32)
    (block (result i32)
      (block (result i32)
        (block (result i32)
          (i32.const 5) (i32.const 1000)
          (br_table 0 1 2 (local.get 0)))
        (i32.const 1) (i32.add))
      (i32.const 2) (i32.add)))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func $countdown (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 42))
      (else (return_call $countdown (i64.sub (local.get 0) (i64.const 1))))))
  (func (export "countdown") (param i64) (result i64) (call $countdown (local.get 0)))
  (func $runaway (export "runaway") (call $runaway))
  (func (export "select-f64") (param i32) (result f64) (select (f64.const 1) (f64.const 2) (local.get 0)))
)`);

describe('control flow', () => {
  it('recurses and loops', () => {
    expect(call1(inst, 'fac', 20n)).toBe(2432902008176640000n);
    expect(call1(inst, 'sum-loop', 100)).toBe(5050);
  });
  it('returns multiple values and takes block parameters', () => {
    expect(call(inst, 'swap', 1, 2)).toEqual([2, 1]);
    expect(call1(inst, 'block-params', 25)).toBe(15);
  });
  it('moves branch values to the target height', () => {
    expect(call1(inst, 'br-value', 1)).toBe(8);
    expect(call1(inst, 'br-value', 0)).toBe(4);
  });
  it('br_table picks the target and clamps to the default', () => {
    expect(call1(inst, 'br-table', 0)).toBe(1003);
    expect(call1(inst, 'br-table', 1)).toBe(1002);
    expect(call1(inst, 'br-table', 2)).toBe(1000);
    expect(call1(inst, 'br-table', -1)).toBe(1000);
  });
  it('select copies the chosen value', () => {
    expect(call1(inst, 'select-f64', 0)).toBe(0x4000000000000000n);
  });
});

describe('calls', () => {
  const trap = (f: () => unknown): Trap => {
    try { f(); } catch (e) { if (e instanceof Trap) return e; throw e; }
    throw new Error('no trap');
  };
  it('call_indirect checks bounds, null and type', () => {
    expect(call1(inst, 'indirect', 0, 21)).toBe(42);
    expect(trap(() => call(inst, 'indirect', 1, 0)).code).toBe(TrapCode.IndirectCallTypeMismatch);
    const t2 = trap(() => call(inst, 'indirect', 2, 0));
    expect(t2.code).toBe(TrapCode.UninitializedElement);
    expect(t2.message).toBe('uninitialized element 2');
    expect(trap(() => call(inst, 'indirect', 3, 0)).message).toBe('undefined element');
  });
  it('tail calls run in constant frames', () => {
    expect(call1(inst, 'countdown', 100_000n)).toBe(42n); // 5x the default depth limit
  });
  it('deep recursion traps with "call stack exhausted" and the store stays usable', () => {
    const t = trap(() => call(inst, 'runaway'));
    expect(t.code).toBe(TrapCode.StackExhausted);
    expect(t.message).toBe('call stack exhausted');
    expect(t.backtrace.length).toBeGreaterThan(1000);
    expect(t.backtrace[0]!.codeOffset).toBeGreaterThan(0);
    expect(call1(inst, 'fac', 5n)).toBe(120n);
  });
});
