/**
 * The runner's own rules, on small inline scripts run by purewasm: what passes, fails, is soft,
 * and is skipped (including commands on instances that a skipped module may have changed), and a
 * runaway loop failing its command instead of hanging the suite.
 */
import { describe, expect, test } from 'vitest';
import { watToWasm } from '../src/cli/load.js';
import { PurewasmEngine } from '../src/cli/wast/purewasm-engine.js';
import { runScript, type SkipPolicy } from '../src/cli/wast/runner.js';
import { parseWast } from '../src/text/index.js';
import { SPEC_SKIPS } from './skips.js';

function run(text: string, skips?: SkipPolicy, budget: number | null = null) {
  return runScript(parseWast(text), new PurewasmEngine({}, budget), { file: 'inline', quoteToBinary: watToWasm, skips });
}
const lines = (r: { failures: { line: number }[] }) => r.failures.map((f) => f.line);

describe('spec runner', () => {
  test('assertions pass and fail by the spec rules', () => {
    const r = run(`(module $A (func (export "f") (param i32) (result i32) (i32.div_s (i32.const 10) (local.get 0))))
(assert_return (invoke "f" (i32.const 2)) (i32.const 5))
(assert_return (invoke "f" (i32.const 2)) (i32.const 6))
(assert_trap (invoke "f" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "f" (i32.const 0)) "integer overflow")
(assert_trap (invoke $A "f" (i32.const 1)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module quote "(func (i32.const 1 2))") "unexpected token")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")`);
    expect(lines(r)).toEqual([3, 5, 6]);
    expect(r.passed).toBe(6);
  });

  test('register and imports; unlinkable and uninstantiable modules', () => {
    const r = run(`(module $M (memory (export "mem") 1) (func (export "get") (result i32) (i32.load8_u (i32.const 0))))
(register "M" $M)
(assert_unlinkable (module (import "M" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "M" "mem" (memory 2))) "incompatible import type")
(assert_uninstantiable (module (import "M" "mem" (memory 1)) (data (i32.const 0) "\\2a") (func $s unreachable) (start $s)) "unreachable")
(assert_return (invoke $M "get") (i32.const 42))
(assert_unlinkable (module (import "M" "mem" (memory 1))) "unknown import")`);
    // The last one links fine: a wrong kind of outcome is a failure, not a soft mismatch.
    expect(lines(r)).toEqual([7]);
    expect(r.soft).toEqual([]);
  });

  test('a compile error worded differently is a soft mismatch, not a failure', () => {
    const r = run(`(assert_invalid (module (func (result i32))) "some other words")`);
    expect(r.failed).toBe(0);
    expect(r.soft).toHaveLength(1);
    expect(r.soft[0]!.expected).toContain('some other words');
  });

  test('skips follow the skipped module, and the instances it imports from', () => {
    const policy: SkipPolicy = {
      command: SPEC_SKIPS.command,
      features: (f) => (f.has('multi-memory') ? { feature: 'multi-memory', why: 'test' } : null),
    };
    const r = run(`(module $M (memory (export "mem") 1) (func (export "get") (result i32) (i32.load8_u (i32.const 0))))
(register "M" $M)
(module (memory (import "M" "mem") 1) (memory 1) (data (memory 0) (i32.const 0) "\\01") (func (export "x")))
(invoke "x")
(assert_return (invoke $M "get") (i32.const 1))
(module $N (func (export "y") (result i32) (i32.const 7)))
(assert_return (invoke $N "y") (i32.const 7))`, policy);
    expect(r.failed).toBe(0);
    expect(r.skips.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(r.skips.every((s) => s.reason.feature === 'multi-memory')).toBe(true);
    expect(r.passed).toBe(4);
  });

  test('a command that never ends runs out of fuel and fails instead of hanging', () => {
    const r = run(`(module (func (export "spin") (loop $l (br $l))))
(assert_return (invoke "spin"))`, undefined, 100_000);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.message).toContain('all fuel consumed');
  });
});
