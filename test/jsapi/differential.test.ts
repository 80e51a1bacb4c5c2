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
import { loadTtf, type TtfGenerator } from '../differential/generate.js';
import { exportSignatures } from '../differential/purewasm.js';
import { recipeFor } from '../differential/recipe.js';
import { EXTERN_VALUE, runShell, type EngineBinding, type FuzzImports, type ShellExport } from '../differential/shell.js';
import { ourTrapClass, STACK_EXHAUSTED } from '../differential/traps.js';
import { v8Binding } from '../differential/v8.js';

const MODULES = Number(process.env.JSAPI_DIFF_MODULES ?? 40);
/** A seed range of its own (the runtime-level test uses 100,001 on). */
const FIRST_SEED = 500_001;

type WasmFunction = (...args: unknown[]) => unknown;

/** The fuzz shell's binding to purewasm's WebAssembly object: the same code as for V8's. */
function jsapiBinding(resultCounts: ReadonlyMap<string, number>): EngineBinding {
  const multi = new Set<WasmFunction>();
  const asArray = (r: unknown, f: WasmFunction): unknown[] => (r === undefined ? [] : multi.has(f) ? (r as unknown[]) : [r]);
  return {
    name: 'purewasm-jsapi',
    instantiate(bytes: Uint8Array, imports: FuzzImports): ShellExport[] {
      const module = new WA.Module(bytes as Uint8Array<ArrayBuffer>);
      const importObject: Record<string, Record<string, unknown>> = {};
      for (const imp of WA.Module.imports(module)) {
        const ns = (importObject[imp.module] ??= Object.create(null) as Record<string, unknown>);
        if (imp.module === 'fuzzing-support' && imp.kind === 'function' && imports.has(imp.name)) ns[imp.name] = imports.get(imp.name);
        else if (imp.module === '__fuzz_import' && imp.kind === 'global') ns[imp.name] = EXTERN_VALUE;
        else throw new Error(`unsupported import ${imp.module}.${imp.name} (${imp.kind})`);
      }
      const instance = new WA.Instance(module, importObject);
      return WA.Module.exports(module).map(({ name, kind }) => {
        const handle = instance.exports[name];
        if (kind === 'function' && (resultCounts.get(name) ?? 0) > 1) multi.add(handle as WasmFunction);
        return { name, kind, handle };
      });
    },
    call: (func, args) => asArray((func as WasmFunction)(...args), func as WasmFunction),
    callWithNulls(func: unknown): unknown[] {
      const f = func as WasmFunction;
      const r = f(...new Array(f.length).fill(null));
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    },
    trapClass(e: unknown): string | undefined {
      const cause = e instanceof Error ? e.cause : undefined;
      if (e instanceof WA.RuntimeError && cause instanceof Trap) return ourTrapClass(cause.code, cause.message);
      if (e instanceof RangeError && cause instanceof Trap && cause.code === TrapCode.StackExhausted) return STACK_EXHAUSTED;
      return undefined;
    },
    isTrap: (e) => e instanceof WA.RuntimeError,
    describe: (v) => (v === null ? 'null' : typeof v === 'function' ? 'func' : `extern:${JSON.stringify(v)}`),
    tableSize: (t) => (t as InstanceType<typeof WA.Table>).length as number,
    tableGet: (t, i) => (t as InstanceType<typeof WA.Table>).get(i),
    tableSet: (t, i, v) => (t as InstanceType<typeof WA.Table>).set(i, v),
    memoryBytes: (m) => new Uint8Array((m as InstanceType<typeof WA.Memory>).buffer),
    globalValue(g: unknown): unknown {
      try {
        return (g as InstanceType<typeof WA.Global>).value;
      } catch {
        return undefined; // v128: JS cannot read it
      }
    },
  };
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
      const bytes = exposeMemory(await gen.generate(recipe));
      let signatures: Map<string, FuncType>;
      try {
        new globalThis.WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
        signatures = exportSignatures(bytes);
      } catch {
        continue; // V8 refuses a module binaryen made past 2.0: nothing to compare against
      }
      const counts = new Map([...signatures].map(([n, t]) => [n, t.results.length]));
      results.push(compareRuns(recipe, bytes, runShell(v8Binding(counts), bytes, signatures), runShell(jsapiBinding(counts), bytes, signatures)));
    }
    const mismatches = results.filter((r) => r.status === 'mismatch').map((r) => ({ seed: r.recipe.seed, ...r.difference }));
    expect(mismatches).toEqual([]);
    const compared = results.reduce((n, r) => n + r.functionsCompared, 0);
    const total = results.reduce((n, r) => n + r.functionsTotal, 0);
    expect(results.length).toBeGreaterThan(MODULES * 0.8);
    expect(compared).toBeGreaterThan(total * 0.9);
  }, 300_000);
});
