/** Exception handling: try_table catches across frames, payloads, exnref rethrow, legacy try/delegate, traps not caught. */
import { describe, expect, it } from 'vitest';
import { WasmException } from '../../src/core/exn.js';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call, call1, func, load } from './helpers.js';

const inst = load(`(module
  (tag $e (param i32 i64))
  (tag $other)
  (func $thrower (param i32) (throw $e (local.get 0) (i64.const 7)))
  (func (export "catch") (param i32) (result i32 i64)
    (block $h (result i32 i64)
      (try_table (catch $e $h) (call $thrower (local.get 0)))
      (i32.const -1) (i64.const -1)))
  (func (export "catch-all-ref-rethrow") (param i32) (result i32 i64)
    (block $outer (result i32 i64)
      (try_table (catch $e $outer)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
          (unreachable))
        (throw_ref))
      (unreachable)))
  (func (export "uncaught") (throw $other))
  (func (export "trap-not-caught") (result i32)
    (block $h (try_table (catch_all $h) (unreachable))) (i32.const 1))
  (func (export "legacy") (param i32) (result i32)
    (try (result i32)
      (do (try (result i32) (do (call $thrower (local.get 0)) (i32.const 0)) (delegate 0)))
      (catch $e (drop) (i32.const 100) (i32.add))))
)`);

describe('exceptions', () => {
  it('catches a payload thrown two frames down', () => {
    expect(call(inst, 'catch', 5)).toEqual([5, 7n]);
  });
  it('rethrows a caught exnref to an outer handler', () => {
    expect(call(inst, 'catch-all-ref-rethrow', 9)).toEqual([9, 7n]);
  });
  it('surfaces an uncaught exception as a WasmException trap', () => {
    let err: unknown;
    try { call(inst, 'uncaught'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(WasmException);
    expect((err as Trap).code).toBe(TrapCode.UncaughtException);
  });
  it('does not catch traps', () => {
    let err: unknown;
    try { call(inst, 'trap-not-caught'); } catch (e) { err = e; }
    expect((err as Trap).code).toBe(TrapCode.Unreachable);
  });
  it('legacy try/catch with delegate', () => {
    expect(call1(inst, 'legacy', 4)).toBe(104);
  });
  it('legacy catch_all catches a foreign exception in a module that declares no tags', () => {
    const thrower = load(`(module (tag $e) (func (export "throw") (throw $e)))`);
    const catcher = load(`(module
      (import "m" "throw" (func $throw))
      (func (export "f") (result i32)
        (try (result i32) (do (call $throw) (i32.const 0)) (catch_all (i32.const 42)))))`,
    [{ kind: 'func', value: func(thrower, 'throw') }]);
    expect(call1(catcher, 'f')).toBe(42);
  });
});
