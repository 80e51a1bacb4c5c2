/**
 * `npm run spec`: runs the suite and prints a per-file table (passed / failed / skipped / soft
 * mismatches), totals, skips grouped by feature, and with `-v` every failure and soft mismatch.
 *
 *   npm run spec [-- [-v] [--engine v8] [--json FILE] [FILTER...]]   FILTER: substrings of file paths
 *
 * `--json FILE` also writes every file's result (counts, failures, soft mismatches, skips) as
 * JSON, for CI artifacts and for comparing runs.
 */
import { writeFileSync } from 'node:fs';
import { listWastFiles, locateTestsuite } from './locate.js';
import { describeFailures, runSuiteFile, type EngineName } from './suite.js';
import type { FileResult } from '../src/cli/wast/runner.js';

function main(argv: string[]): number {
  const verbose = argv.includes('-v');
  const e = argv.indexOf('--engine');
  const engine: EngineName = e >= 0 && argv[e + 1] === 'v8' ? 'v8' : 'purewasm';
  const j = argv.indexOf('--json');
  const jsonFile = j >= 0 ? argv[j + 1] : undefined;
  const optionAt = (i: number): boolean => (e >= 0 && (i === e || i === e + 1)) || (j >= 0 && (i === j || i === j + 1));
  const filters = argv.filter((a, i) => a !== '-v' && !optionAt(i));
  const root = locateTestsuite();
  if (root === null) {
    console.error('test suite not found: set WASM_TESTSUITE, or check out spec-tests/testsuite');
    return 1;
  }
  const files = listWastFiles(root).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const results: FileResult[] = [];
  const width = Math.max(30, ...files.map((f) => f.length));
  console.log(`${'file'.padEnd(width)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'skipped'.padStart(8)} ${'soft'.padStart(5)}   ms`);
  for (const file of files) {
    const t0 = performance.now();
    const r = runSuiteFile(root, file, engine);
    const ms = Math.round(performance.now() - t0);
    results.push(r);
    console.log(`${file.padEnd(width)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(8)} ${String(r.soft.length).padStart(5)} ${String(ms).padStart(5)}`);
  }
  const sum = (k: 'passed' | 'failed' | 'skipped'): number => results.reduce((n, r) => n + r[k], 0);
  const soft = results.reduce((n, r) => n + r.soft.length, 0);
  const clean = results.filter((r) => r.failed === 0).length;
  console.log(`${'TOTAL'.padEnd(width)} ${String(sum('passed')).padStart(7)} ${String(sum('failed')).padStart(7)} ${String(sum('skipped')).padStart(8)} ${String(soft).padStart(5)}`);
  console.log(`files without failures: ${clean}/${results.length}; engine: ${engine}`);

  const byFeature = new Map<string, number>();
  for (const r of results) for (const s of r.skips) byFeature.set(s.reason.feature, (byFeature.get(s.reason.feature) ?? 0) + 1);
  if (byFeature.size > 0) {
    console.log('\nskipped commands by feature (see spec-tests/skips.ts):');
    for (const [f, n] of [...byFeature].sort((a, b) => b[1] - a[1])) console.log(`  ${f.padEnd(24)} ${n}`);
  }
  if (verbose) {
    console.log('\nfailures:');
    for (const r of results) if (r.failed > 0) console.log(describeFailures(r));
    console.log('\nsoft mismatches (right kind of error, different wording):');
    for (const r of results) for (const s of r.soft) console.log(`${r.file}:${s.line}: expected ${s.expected} | got ${s.actual}`);
  }
  if (jsonFile !== undefined) {
    const totals = { passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped'), soft };
    writeFileSync(jsonFile, JSON.stringify({ engine, totals, files: results }, null, 1));
    console.log(`\nwrote ${jsonFile}`);
  }
  return sum('failed') === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
