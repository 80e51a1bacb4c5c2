/**
 * Every skip of the spec-suite runner, with its reason, in one place. A command is skipped only
 * when executing it needs a WebAssembly feature our engine does not execute yet (each skip names
 * the feature), or when an engine's call boundary cannot carry the values (V8's JS API and NaN
 * payloads / v128). Validation (assert_invalid, assert_malformed) is never skipped.
 * To enable a feature once the interpreter executes it, delete its line from NOT_EXECUTED.
 */
import { constNeedsExactValues, expectedNeedsExactValues } from '../src/cli/wast/expect.js';
import type { Feature } from '../src/cli/wast/features.js';
import type { SkipPolicy, SkipReason } from '../src/cli/wast/runner.js';
import type { WastCommand } from '../src/text/wast-script.js';
import type { SpecEngine } from './engine.js';

/** Features whose modules are not executed yet, each with why. */
export const NOT_EXECUTED: ReadonlyMap<Feature, string> = new Map<Feature, string>([
  ['gc', 'struct/array/i31 objects and casts are not executed yet'],
  ['exceptions', 'tags, throw and try_table are not executed yet'],
  ['tail-call', 'return_call* is not executed yet'],
  ['function-references', 'call_ref, br_on_null and non-nullable references are not executed yet'],
  ['threads', 'shared memories and atomics are not executed yet'],
  ['memory64', 'i64-addressed memories and tables are not executed yet'],
  ['multi-memory', 'more than one memory is not executed yet'],
  ['wide-arithmetic', 'i64.add128 and friends are not executed yet'],
  ['custom-page-sizes', 'page sizes other than 64 KiB are not executed yet'],
]);

/** The first not-yet-executed feature among `features`, as a skip reason, or null. */
export function featureSkip(features: ReadonlySet<Feature>): SkipReason | null {
  for (const f of features) {
    const why = NOT_EXECUTED.get(f);
    if (why !== undefined) return { feature: f, why };
  }
  return null;
}

/** Skips that depend only on the command and the engine (not on modules): threads, exact values. */
export function commandSkip(cmd: WastCommand, engine: SpecEngine<any, any, any>): SkipReason | null {
  if (cmd.kind === 'thread' || cmd.kind === 'wait') {
    return { feature: 'threads', why: 'the runner does not run script threads yet' };
  }
  if (!engine.exactValues) {
    const why = `${engine.name}'s JS API cannot pass v128 values or NaN payload bits`;
    const action = cmd.kind === 'action' || cmd.kind === 'assert_return' || cmd.kind === 'assert_trap' ||
      cmd.kind === 'assert_exhaustion' || cmd.kind === 'assert_exception' ? cmd.action : null;
    if (action && action.kind === 'invoke' && action.args.some(constNeedsExactValues)) return { feature: 'exact-values', why };
    if (cmd.kind === 'assert_return' && cmd.expected.some(expectedNeedsExactValues)) return { feature: 'exact-values', why };
  }
  return null;
}

/** The suite's skip policy, as the runner takes it. */
export const SPEC_SKIPS: SkipPolicy = { command: commandSkip, features: featureSkip };
