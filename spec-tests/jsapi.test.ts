/**
 * The official test suite through purewasm's WebAssembly JS API (spec-tests/engines/jsapi.ts),
 * one vitest test per .wast file. The JS API must change no outcome of the engine beneath it: a
 * file passes when every command that runs passes, or, where the engine itself still fails some
 * commands, when the JS API fails exactly the commands that the runtime API (PurewasmEngine)
 * fails too. Commands that need NaN payload bits or v128 values at the call boundary are skipped,
 * as for any JS API (spec-tests/skips.ts), and so is an assert_trap on a function whose signature
 * has a v128 (the JS API throws a TypeError before calling it, as the spec says).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { watToWasm } from '../src/cli/load.js';
import { runScript, type FileResult } from '../src/cli/wast/runner.js';
import { parseWast } from '../src/text/index.js';
import { JsApiEngine } from './engines/jsapi.js';
import { listWastFiles, locateTestsuite } from './locate.js';
import { fileSkip, SPEC_SKIPS } from './skips.js';
import { configFor, describeFailures, runSuiteFile } from './suite.js';

const root = locateTestsuite();
const V128_SIGNATURE = /TypeError: a function with v128 parameters or results cannot be called from JavaScript/;

function runThroughJsApi(file: string): FileResult | null {
  if (fileSkip(file) !== null) return null;
  const text = readFileSync(join(root!, file), 'utf8');
  let script;
  try {
    script = parseWast(text);
  } catch {
    return null; // a script our parser cannot read fails in spec.test.ts already
  }
  return runScript(script, new JsApiEngine(), { file, quoteToBinary: watToWasm, skips: SPEC_SKIPS });
}

describe.skipIf(root === null)('spec suite through the JS API', () => {
  const files = root === null ? [] : listWastFiles(root);
  test.for(files)('%s', (file, ctx) => {
    // Files of proposals beyond 3.0 run with that proposal enabled in the runtime's Engine
    // (suite.ts configFor); the JS API's one engine has the default features, as a browser has,
    // and no way to ask for more.
    if (Object.keys(configFor(file)).length > 0) return ctx.skip('needs an engine configuration the JS API cannot ask for');
    const r = runThroughJsApi(file);
    if (r === null) return;
    // The JS API refuses to call a function with v128 in its signature (a TypeError, by the
    // spec), so an assert_trap on such a function cannot be run through it.
    const failures = r.failures.filter((f) => !V128_SIGNATURE.test(f.message));
    if (failures.length === 0) return;
    // Other failures are acceptable only where the runtime API fails the same commands.
    const native = runSuiteFile(root!, file);
    const nativeLines = new Set(native.failures.map((f) => f.line));
    const extra = failures.filter((f) => !nativeLines.has(f.line));
    if (extra.length > 0) throw new Error(`fails only through the JS API:\n${describeFailures({ ...r, failures: extra })}`);
    expect(extra).toEqual([]);
  });
});
