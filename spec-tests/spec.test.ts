/**
 * The official test suite, one vitest test per .wast file, run on purewasm. A file passes when no
 * command fails; skipped commands (spec-tests/skips.ts) and soft mismatches (wording of compile
 * and link errors; see `npm run spec -- -v`) do not fail it.
 */
import { describe, expect, test } from 'vitest';
import { listWastFiles, locateTestsuite } from './locate.js';
import { describeFailures, runSuiteFile } from './suite.js';

const root = locateTestsuite();

describe.skipIf(root === null)('spec suite', () => {
  const files = root === null ? [] : listWastFiles(root);
  test('the suite has files', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  test.each(files)('%s', (file) => {
    const r = runSuiteFile(root!, file);
    if (r.failed > 0) throw new Error(`${r.failed} failed, ${r.passed} passed, ${r.skipped} skipped\n${describeFailures(r)}`);
    expect(r.failed).toBe(0);
  });
});
