/**
 * The full differential run against V8, as a command:
 *
 *   npx tsx test/differential/run.ts [--count 1000] [--seed 1] [--fuel 50000000] [--out DIR]
 *                                    [--max-input BYTES] [--extra-features --enable-tail-call,…]
 *
 * A module made with NaNs whose runs differ is run again after binaryen's `--denan` pass; if that
 * agrees, the difference is in NaN bits, which the spec leaves open, and it is counted apart.
 * Seeds `seed … seed+count-1` (recipe.ts says what each seed means: `--denan`, fuel metering,
 * eager translation, input size; `--max-input` overrides the size for large-module runs, and
 * `--extra-features` adds wasm-opt feature flags beyond 2.0 for exploratory runs). Prints one line per
 * mismatch (seed, mode, first differing events) and the totals: modules generated, modules that
 * agree, are limited (stack or fuel) or mismatch, top-level functions compared. With `--out`, each
 * mismatching module is written there as `seed-<n>.wasm` for reduction. Exit status 1 on any
 * mismatch. A single seed is reproduced with `--seed N --count 1`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, type CaseResult } from './compare.js';
import { loadTtf } from './generate.js';
import { recipeFor, setupFor } from './recipe.js';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const count = Number(option(args, '--count', '1000'));
  const first = Number(option(args, '--seed', '1'));
  const fuel = Number(option(args, '--fuel', '50000000'));
  const out = option(args, '--out', '');
  const maxInput = option(args, '--max-input', '');
  const extra = option(args, '--extra-features', '');
  if (out !== '') mkdirSync(out, { recursive: true });
  const gen = await loadTtf();
  const totals = { agree: 0, limited: 0, mismatch: 0, refused: 0, nan: 0, functions: 0, calls: 0 };
  const refusals = new Map<string, number>();
  const started = Date.now();
  try {
    for (let seed = first; seed < first + count; seed++) {
      let r: CaseResult;
      try {
        const recipe = recipeFor(seed, maxInput === '' ? undefined : Number(maxInput));
        r = await runCase(gen, extra === '' ? recipe : { ...recipe, extraFeatures: extra.split(',') }, setupFor(seed, fuel));
      } catch (e) {
        console.log(`seed ${seed}: harness error ${(e as Error).stack}`);
        totals.mismatch++;
        continue;
      }
      totals[r.status]++;
      totals.functions += r.functionsCompared;
      totals.calls += r.functionsTotal;
      if (r.status === 'refused') {
        const why = r.reason!.replace(/^.*failed: /, '').replace(/ @\+\d+$/, '');
        refusals.set(why, (refusals.get(why) ?? 0) + 1);
      }
      if (r.status === 'mismatch' || r.status === 'nan') {
        const d = r.difference!;
        const what = r.status === 'nan' ? 'NaN bits differ (allowed; agrees after --denan)' : 'mismatch';
        console.log(`seed ${seed}${r.recipe.denan ? ' (denan)' : ''}: ${what} at event ${d.index}`);
        console.log(`  v8:       ${d.v8.join(' | ')}`);
        console.log(`  purewasm: ${d.purewasm.join(' | ')}`);
        if (out !== '') writeFileSync(join(out, `seed-${seed}.wasm`), r.bytes);
      }
      if ((seed - first + 1) % 100 === 0) {
        console.error(`… ${seed - first + 1}/${count} modules, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  } finally {
    gen.dispose();
  }
  for (const [why, n] of refusals) console.log(`refused by V8 (not 2.0): ${n} × ${why}`);
  console.log(
    `modules generated: ${count}; compared: ${count - totals.refused}; agree: ${totals.agree}; ` +
      `differ only in NaN bits: ${totals.nan}; limited (stack/fuel): ${totals.limited}; refused by V8: ${totals.refused}; ` +
      `mismatch: ${totals.mismatch}; top-level functions compared: ${totals.functions} of ${totals.calls}; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (totals.mismatch > 0) process.exitCode = 1;
}

await main();
