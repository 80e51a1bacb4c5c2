/**
 * Differential test against V8, CI-sized: a batch of binaryen fuzz modules (2.0 features) run
 * through the fuzz shell on both engines must produce identical events. The full run of ≥ 1,000
 * modules is a command (run.ts); `DIFF_MODULES=N` scales this batch. Also checks that the
 * comparison itself can fail (a doctored run is caught) and that limits cut comparison short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, runCase, type CaseResult } from './compare.js';
import { loadTtf, type TtfGenerator } from './generate.js';
import { recipeFor, setupFor } from './recipe.js';
import type { ShellRun } from './shell.js';

const MODULES = Number(process.env.DIFF_MODULES ?? 100);
/** A seed range of its own, so CI and the full command together cover more modules. */
const FIRST_SEED = 100_001;

let gen: TtfGenerator;
beforeAll(async () => {
  gen = await loadTtf();
}, 60_000);
afterAll(() => gen?.dispose());

const run = (events: string[]): ShellRun => ({
  events,
  callStarts: events.flatMap((e, i) => (e.startsWith('call ') ? [i] : [])),
});

describe('comparison', () => {
  const recipe = { seed: 0, denan: false, size: 0 };
  const bytes = new Uint8Array();
  it('agrees on equal runs and counts the calls', () => {
    const r = compareRuns(recipe, bytes, run(['call a', 'log-i32 1', 'return', 'call b', 'return 2']),
      run(['call a', 'log-i32 1', 'return', 'call b', 'return 2']));
    expect(r.status).toBe('agree');
    expect(r.functionsCompared).toBe(2);
  });
  it('reports the first differing event', () => {
    const r = compareRuns(recipe, bytes, run(['call a', 'log-i32 1', 'return', 'call b', 'trap unreachable']),
      run(['call a', 'log-i32 1', 'return', 'call b', 'return']));
    expect(r.status).toBe('mismatch');
    expect(r.difference!.index).toBe(4);
    expect(r.functionsCompared).toBe(1);
  });
  it('reports a run that stops early', () => {
    const r = compareRuns(recipe, bytes, run(['call a', 'return', 'global g 1']), run(['call a', 'return']));
    expect(r.status).toBe('mismatch');
  });
  it('stops at the call where either engine hit a limit', () => {
    const v8 = run(['call a', 'return', 'call b', 'log-i32 1', 'trap call stack exhausted', 'call c', 'return 1']);
    const ours = run(['call a', 'return', 'call b', 'log-i32 1', 'log-i32 1', 'trap call stack exhausted', 'call c', 'return 2']);
    const r = compareRuns(recipe, bytes, v8, ours);
    expect(r.status).toBe('limited');
    expect(r.functionsCompared).toBe(1);
  });
});

describe('generator', () => {
  it('makes the same module from the same seed, whatever ran before', async () => {
    const a = await gen.generate(recipeFor(7));
    const other = await gen.generate(recipeFor(8));
    const b = await gen.generate(recipeFor(7));
    expect(a.length).toBeGreaterThan(8);
    expect(b).toEqual(a);
    expect(other).not.toEqual(a);
  });
});

describe('denan pass', () => {
  it('rewrites a module with NaN constants into one V8 still compiles', async () => {
    const made = await gen.generate({ seed: 11408, denan: false, size: 2000 });
    const cleaned = await gen.denan(made);
    expect(cleaned).not.toEqual(made);
    expect(WebAssembly.validate(cleaned as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});

describe(`purewasm agrees with V8 on ${MODULES} fuzz modules`, () => {
  it('gives identical logs, results, traps, memory and globals', async () => {
    const results: CaseResult[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + MODULES; seed++) results.push(await runCase(gen, recipeFor(seed), setupFor(seed)));
    const mismatches = results.filter((r) => r.status === 'mismatch')
      .map((r) => ({ seed: r.recipe.seed, denan: r.recipe.denan, ...r.difference }));
    expect(mismatches).toEqual([]);
    const compared = results.reduce((n, r) => n + r.functionsCompared, 0);
    const total = results.reduce((n, r) => n + r.functionsTotal, 0);
    // The batch must really compare something: most calls, and not only trivial modules.
    expect(total).toBeGreaterThan(MODULES * 3);
    expect(compared).toBeGreaterThan(total * 0.9);
  }, 300_000);
});
