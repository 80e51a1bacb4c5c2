/**
 * Checks the runner itself: a handful of 2.0 files run through V8's native WebAssembly (the
 * host's, test-only) must pass, and a deliberately wrong expectation must fail. If these fail,
 * the runner or the parser is wrong, not our engine.
 */
import { describe, expect, test } from 'vitest';
import { parseWast } from '../src/text/index.js';
import { runScript } from '../src/cli/wast/runner.js';
import { watToWasm } from '../src/cli/load.js';
import { V8Engine } from './engines/v8.js';
import { locateTestsuite } from './locate.js';
import { describeFailures, runSuiteFile } from './suite.js';
import { SPEC_SKIPS } from './skips.js';

const root = locateTestsuite();
const FILES = ['i32.wast', 'i64.wast', 'f32.wast', 'f64_cmp.wast', 'conversions.wast', 'fac.wast', 'block.wast', 'loop.wast', 'call.wast', 'memory.wast', 'address.wast', 'traps.wast', 'exports.wast', 'imports.wast'];

describe.skipIf(root === null)('runner checked against V8', () => {
  test.each(FILES)('%s passes on V8', (file) => {
    const r = runSuiteFile(root!, file, 'v8');
    if (r.failed > 0) throw new Error(describeFailures(r));
    expect(r.passed).toBeGreaterThan(0);
  });

  test('a wrong expectation fails, a right one passes', () => {
    const script = parseWast(`
      (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
      (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
      (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
      (assert_trap (invoke "add" (i32.const 1) (i32.const 2)) "unreachable")
      (assert_invalid (module (func (result i32))) "type mismatch")
      (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
    `);
    const r = runScript(script, new V8Engine(), { file: 'inline', quoteToBinary: watToWasm, skips: SPEC_SKIPS });
    expect(r.failures.map((f) => f.line)).toEqual([4, 5, 7]);
    expect(r.passed).toBe(3);
  });
});
