/**
 * Finds the official WebAssembly test suite on disk and lists its `.wast` files. The suite is
 * looked up in the order users meet it: the `WASM_TESTSUITE` environment variable, the
 * `spec-tests/testsuite` git submodule, then `../shared/wasm-testsuite` beside the repository.
 * It never downloads anything and never copies the suite into the repository.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (spec-tests/ sits directly below it). */
export const repoRoot = resolve(here, '..');

/** The suite's root directory, or null when none of the candidates exists. */
export function locateTestsuite(): string | null {
  const candidates = [
    process.env.WASM_TESTSUITE,
    join(repoRoot, 'spec-tests', 'testsuite'),
    resolve(repoRoot, '..', 'shared', 'wasm-testsuite'),
  ];
  for (const c of candidates) {
    // A submodule that was never checked out is an empty directory: skip it.
    if (c && existsSync(c) && statSync(c).isDirectory() && readdirSync(c).some((f) => f.endsWith('.wast'))) return c;
  }
  return null;
}

/**
 * Every `.wast` file under `root` (root level, legacy/, custom/, proposals/…), as paths relative
 * to `root` with `/` separators, sorted so reports are stable.
 */
export function listWastFiles(root: string): string[] {
  const out: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') pending.push(p);
      } else if (entry.name.endsWith('.wast')) {
        out.push(relative(root, p).split('\\').join('/'));
      }
    }
  }
  return out.sort();
}
