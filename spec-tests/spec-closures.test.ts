/**
 * The official test suite again, on the closure executor (Config.executor = 'closures', the one
 * `auto` picks on hosts without a JIT): it must pass exactly as on the switch loop. The suite runs
 * with fuel, so this also covers the executor's fuel accounting and its hand-over to the switch
 * loop at ops it does not compile.
 */
import { describe, expect, test } from 'vitest';
import { listWastFiles, locateTestsuite } from './locate.js';
import { describeFailures, runSuiteFile } from './suite.js';

const root = locateTestsuite();

describe.skipIf(root === null)('spec suite on the closure executor', () => {
  const files = root === null ? [] : listWastFiles(root);
  test.each(files)('%s', (file) => {
    const r = runSuiteFile(root!, file, 'purewasm', 'closures');
    if (r.failed > 0) throw new Error(`${r.failed} failed, ${r.passed} passed, ${r.skipped} skipped\n${describeFailures(r)}`);
    expect(r.failed).toBe(0);
  });
});
