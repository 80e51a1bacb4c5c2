/**
 * Every skip of the spec-suite runner, with its reason, in one place. A command is skipped only
 * when executing it needs a WebAssembly feature our engine does not execute yet (each skip names
 * the feature), when an engine's call boundary cannot carry the values (V8's JS API and NaN
 * payloads / v128), when a proposal file asserts what 3.0 no longer holds, or when its whole file
 * belongs to a proposal beyond 3.0 that we do not implement (FILE_SKIPS).
 * To enable a feature once the interpreter executes it, delete its line from NOT_EXECUTED.
 */
import { constNeedsExactValues, expectedNeedsExactValues } from '../src/cli/wast/expect.js';
import type { Feature } from '../src/runtime/features.js';
import type { SkipPolicy, SkipReason } from '../src/cli/wast/runner.js';
import type { WastCommand } from '../src/text/wast-script.js';
import type { SpecEngine } from './engine.js';

/** Features whose modules are not executed yet, each with why. */
export const NOT_EXECUTED: ReadonlyMap<Feature, string> = new Map<Feature, string>([
  // Empty: every feature the suite uses is executed. Add a line here (feature, why) when a
  // feature is detected in the suite that the interpreter cannot run yet.
]);

/**
 * Whole files not run, by path prefix relative to the suite root: proposals beyond 3.0 whose
 * syntax our text parser does not read yet. Their commands are counted as skipped.
 */
export const FILE_SKIPS: ReadonlyMap<string, SkipReason> = new Map([
  ['proposals/custom-descriptors/', { feature: 'custom-descriptors', why: 'the custom descriptors proposal (exact types, descriptors) is not implemented' }],
]);

/** The skip reason for a whole file, or null. */
export function fileSkip(file: string): SkipReason | null {
  for (const [prefix, reason] of FILE_SKIPS) if (file.startsWith(prefix)) return reason;
  return null;
}

/**
 * Features to execute despite NOT_EXECUTED, from the environment (comma-separated), for checking
 * whether a feature is ready before deleting its line: `SPEC_EXECUTE=tail-call npm run spec`.
 */
const FORCED = new Set((process.env.SPEC_EXECUTE ?? '').split(',').filter((f) => f !== ''));

/** The first not-yet-executed feature among `features`, as a skip reason, or null. */
export function featureSkip(features: ReadonlySet<Feature>): SkipReason | null {
  for (const f of features) {
    if (FORCED.has(f)) continue;
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
  // proposals/threads predates multi-memory: it asserts that a second memory or table is invalid,
  // which WebAssembly 3.0 allows.
  if (cmd.kind === 'assert_invalid' && (cmd.message === 'multiple memories' || cmd.message === 'multiple tables')) {
    return { feature: 'multi-memory', why: 'the threads proposal files predate multi-memory and assert a second memory/table invalid; WebAssembly 3.0 allows it' };
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
