/**
 * Runs one suite file end to end: read, parse with our WAST parser, execute with an engine under
 * the suite's skip policy. Shared by spec.test.ts, v8.test.ts and report.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watToWasm } from '../src/cli/load.js';
import type { SpecEngine } from '../src/cli/wast/engine.js';
import type { Config, Executor } from '../src/runtime/engine.js';
import { PurewasmEngine } from '../src/cli/wast/purewasm-engine.js';
import { runScript, type FileResult } from '../src/cli/wast/runner.js';
import { parseWast } from '../src/text/index.js';
import { V8Engine } from './engines/v8.js';
import { fileSkip, SPEC_SKIPS } from './skips.js';

export type EngineName = 'purewasm' | 'v8';

/**
 * Fuel for each command: far more than any suite command needs, so that only an engine bug that
 * never terminates runs out (and fails that command instead of hanging the suite).
 */
export const COMMAND_FUEL = 500_000_000;

/**
 * Engine configuration per suite directory: proposals beyond 3.0 are enabled only for their own
 * files, as the reference interpreter's test runner does (elsewhere 3.0 calls them malformed).
 */
export function configFor(file: string, executor?: Executor): Config {
  const c: Config = {};
  if (file.startsWith('proposals/custom-page-sizes/')) c.features = { 'custom-page-sizes': true };
  // PUREWASM_EXECUTOR=closures runs the whole suite on the closure executor (Config.executor).
  const ex = executor ?? process.env.PUREWASM_EXECUTOR;
  if (ex === 'auto' || ex === 'switch' || ex === 'closures') c.executor = ex;
  return c;
}

/** A fresh engine adapter (one per file, so files never share state). */
export function makeEngine(name: EngineName, file = '', executor?: Executor): SpecEngine<any, any, any> {
  return name === 'v8' ? new V8Engine() : new PurewasmEngine(configFor(file, executor), COMMAND_FUEL);
}

/**
 * Runs suite file `file` (relative to `root`) on a fresh `engine` (purewasm on `executor` when
 * given). A script that does not parse is one failure.
 */
export function runSuiteFile(root: string, file: string, engine: EngineName = 'purewasm', executor?: Executor): FileResult {
  const text = readFileSync(join(root, file), 'utf8');
  const skip = fileSkip(file);
  if (skip !== null) {
    // Without parsing, count the script's top-level forms (each starts a line with '(').
    const n = text.split('\n').filter((l) => l.startsWith('(')).length;
    return {
      file, passed: 0, failed: 0, skipped: n, failures: [], soft: [],
      skips: Array.from({ length: n }, () => ({ line: 0, command: 'file', reason: skip })),
    };
  }
  let script;
  try {
    script = parseWast(text);
  } catch (e) {
    return {
      file, passed: 0, failed: 1, skipped: 0, soft: [], skips: [],
      failures: [{ line: 0, command: 'parse', message: `script does not parse: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  return runScript(script, makeEngine(engine, file, executor), { file, quoteToBinary: watToWasm, skips: SPEC_SKIPS });
}

/** The failures of a result as readable lines (for test failure messages and reports). */
export function describeFailures(r: FileResult): string {
  return r.failures.map((f) => `${r.file}:${f.line}: ${f.command}: ${f.message}`).join('\n');
}
