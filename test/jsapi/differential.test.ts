/**
 * purewasm's JS API against V8's, on random valid modules: binaryen's `--translate-to-fuzz`
 * modules (2.0 features, test/differential/generate.ts) run through the same fuzz shell
 * (test/differential/shell.ts) twice — once on the host's WebAssembly, once on purewasm's
 * `WebAssembly` object — and the event lists must agree: logged values, results, traps (by
 * class), thrown errors, globals and memory. Where the runtime-level differential test checks the
 * engine, this one checks what the JS API adds: ToJSValue/ToWebAssemblyValue on every argument
 * and result (i64 as BigInt, f32 rounding, `null` arguments), callbacks from wasm into JS and
 * back, table and global access from JS, and the error classes. `JSAPI_DIFF_MODULES=N` scales it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebAssembly as WA } from '../../src/jsapi/index.js';
import type { FuncType } from '../../src/syntax/types.js';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { compareRuns, type CaseResult } from '../differential/compare.js';
import { exposeMemory } from '../differential/expose.js';
import { loadTtf, type TtfGenerator, type TtfRecipe } from '../differential/generate.js';
import { exportSignatures } from '../differential/purewasm.js';
import { recipeFor } from '../differential/recipe.js';
import { runShell, type EngineBinding } from '../differential/shell.js';
import { ourTrapClass, STACK_EXHAUSTED } from '../differential/traps.js';
import { v8Binding } from '../differential/v8.js';

const MODULES = Number(process.env.JSAPI_DIFF_MODULES ?? 40);
/** A seed range of its own (the runtime-level test uses 100,001 on). */
const FIRST_SEED = 500_001;

/**
 * The fuzz shell's binding to purewasm's WebAssembly object. It is V8's binding itself, run while
 * `globalThis.WebAssembly` is purewasm's (see withOurs), so both sides use the JS API through the
 * very same code; only trap classes are read from purewasm's RuntimeError (its engine error is the
 * `cause`), since V8's binding reads V8's messages.
 */
function jsapiBinding(resultCounts: ReadonlyMap<string, number>): EngineBinding {
  return {
    ...v8Binding(resultCounts),
    name: 'purewasm-jsapi',
    trapClass(e: unknown): string | undefined {
      const cause = e instanceof Error ? e.cause : undefined;
      if (e instanceof WA.RuntimeError && cause instanceof Trap) return ourTrapClass(cause.code, cause.message);
      if (e instanceof RangeError && cause instanceof Trap && cause.code === TrapCode.StackExhausted) return STACK_EXHAUSTED;
      return undefined;
    },
  };
}

/** Modules compiled through purewasm's namespace while it stood in for the global one. */
let compiledByUs = 0;
/** purewasm's namespace, with a Module that counts itself (proof that the swap took effect). */
const OURS: object = (() => {
  const ns = Object.create(Object.getPrototypeOf(WA), Object.getOwnPropertyDescriptors(WA)) as Record<string, unknown>;
  class CountedModule extends WA.Module {
    constructor(bytes: BufferSource) {
      super(bytes);
      compiledByUs++;
    }
  }
  ns.Module = CountedModule;
  return ns;
})();

/** Runs `f` with purewasm's WebAssembly as the global one (the binding's code reads the global). */
function withOurs<T>(f: () => T): T {
  const native = globalThis.WebAssembly;
  Object.defineProperty(globalThis, 'WebAssembly', { value: OURS, writable: true, configurable: true });
  try {
    return f();
  } finally {
    Object.defineProperty(globalThis, 'WebAssembly', { value: native, writable: true, configurable: true });
  }
}

/** Compares the two JS APIs on `bytes`; null when V8 refuses the module (nothing to compare). */
function compareOn(recipe: TtfRecipe, bytes: Uint8Array): CaseResult | null {
  let signatures: Map<string, FuncType>;
  try {
    new globalThis.WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    signatures = exportSignatures(bytes);
  } catch {
    return null; // V8 refuses a module binaryen made past 2.0
  }
  const counts = new Map([...signatures].map(([n, t]) => [n, t.results.length]));
  const oracle = runShell(v8Binding(counts), bytes, signatures);
  const before = compiledByUs;
  const ours = withOurs(() => runShell(jsapiBinding(counts), bytes, signatures));
  if (compiledByUs === before) throw new Error('the shell did not go through purewasm\'s WebAssembly');
  return compareRuns(recipe, bytes, oracle, ours);
}

let gen: TtfGenerator;
beforeAll(async () => {
  gen = await loadTtf();
}, 60_000);
afterAll(() => gen?.dispose());

describe(`purewasm's JS API agrees with V8's on ${MODULES} fuzz modules`, () => {
  it('gives identical logs, results, traps, memory and globals', async () => {
    const results: CaseResult[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + MODULES; seed++) {
      const recipe = recipeFor(seed);
      const made = await gen.generate(recipe);
      const r = compareOn(recipe, exposeMemory(made));
      if (r === null) continue;
      // As in the runtime-level test: where only NaN bits differ (the retry without NaNs agrees),
      // the difference is one the spec permits.
      if (r.status === 'mismatch' && !recipe.denan) {
        const retry = compareOn({ ...recipe, denan: true }, exposeMemory(await gen.denan(made)));
        if (retry !== null && retry.status !== 'mismatch') continue;
      }
      results.push(r);
    }
    const mismatches = results.filter((r) => r.status === 'mismatch').map((r) => ({ seed: r.recipe.seed, ...r.difference }));
    expect(mismatches).toEqual([]);
    const compared = results.reduce((n, r) => n + r.functionsCompared, 0);
    const total = results.reduce((n, r) => n + r.functionsTotal, 0);
    expect(results.length).toBeGreaterThan(MODULES * 0.8);
    expect(compared).toBeGreaterThan(total * 0.9);
  }, 300_000);
});
