/**
 * `purewasm wast`: runs a WAST script with purewasm and reports passed/failed commands and
 * soft mismatches (compile and link errors worded differently from the script). Nothing is
 * skipped here: a command our engine cannot execute yet is reported as failed.
 */
import { readFileSync } from 'node:fs';
import type { Feature } from '../runtime/features.js';
import { parseWast } from '../text/index.js';
import { watToWasm } from './load.js';
import type { Io } from './run.js';
import { PurewasmEngine } from './wast/purewasm-engine.js';
import { runScript, type FileResult } from './wast/runner.js';

/** Runs the script at `path`; returns the result (also printed to `io`). */
export function runWastFile(path: string, io: Io, verbose = false, features: Partial<Record<Feature, boolean>> = {}): FileResult {
  const script = parseWast(readFileSync(path, 'utf8'));
  // A fuel budget per command turns a runaway loop into a failed command instead of a hang.
  const result = runScript(script, new PurewasmEngine({ features }, 500_000_000), { file: path, quoteToBinary: watToWasm });
  for (const f of result.failures) io.out(`${path}:${f.line}: FAIL ${f.command}: ${f.message}\n`);
  if (verbose) {
    for (const s of result.soft) io.out(`${path}:${s.line}: soft mismatch: expected ${s.expected}, got ${s.actual}\n`);
  }
  io.out(`${path}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${result.soft.length} soft mismatches\n`);
  return result;
}
