/**
 * The oracle side of the differential test: the shell's EngineBinding over the host's own
 * WebAssembly (V8 in Node). Test-only: src/ never touches the host WebAssembly. Nothing here
 * emulates anything; V8 does what its JS API does (including refusing v128 at the JS boundary).
 */
import { EXTERN_VALUE, type EngineBinding, type FuzzImports, type ShellExport } from './shell.js';
import { STACK_EXHAUSTED, V8_STACK_OVERFLOW, v8TrapClass } from './traps.js';

type WasmFunction = (...args: unknown[]) => unknown;

function asArray(r: unknown, func: WasmFunction, multi: ReadonlySet<WasmFunction>): unknown[] {
  if (r === undefined) return [];
  return multi.has(func) ? (r as unknown[]) : [r];
}

/**
 * A binding to V8. `resultCounts` (export name → number of results) tells single results apart
 * from multi-value arrays: V8 returns an array for two or more results.
 */
export function v8Binding(resultCounts: ReadonlyMap<string, number>): EngineBinding {
  const multi = new Set<WasmFunction>();
  let importedFuncs = 0;
  return {
    name: 'v8',
    instantiate(bytes: Uint8Array, imports: FuzzImports): ShellExport[] {
      const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      const importObject: Record<string, Record<string, unknown>> = {};
      for (const imp of WebAssembly.Module.imports(module)) {
        if (imp.kind === 'function') importedFuncs++;
        const ns = (importObject[imp.module] ??= Object.create(null) as Record<string, unknown>);
        if (imp.module === 'fuzzing-support' && imp.kind === 'function' && imports.has(imp.name)) {
          ns[imp.name] = imports.get(imp.name);
        } else if (imp.module === '__fuzz_import' && imp.kind === 'global') {
          ns[imp.name] = EXTERN_VALUE;
        } else {
          throw new Error(`unsupported import ${imp.module}.${imp.name} (${imp.kind})`);
        }
      }
      const instance = new WebAssembly.Instance(module, importObject as WebAssembly.Imports);
      return WebAssembly.Module.exports(module).map(({ name, kind }) => {
        const handle = instance.exports[name];
        if (kind === 'function' && (resultCounts.get(name) ?? 0) > 1) multi.add(handle as WasmFunction);
        return { name, kind, handle };
      });
    },
    call(func: unknown, args: readonly unknown[]): unknown[] {
      const f = func as WasmFunction;
      return asArray(f(...args), f, multi);
    },
    callWithNulls(func: unknown): unknown[] {
      const f = func as WasmFunction;
      const r = f(...new Array(f.length).fill(null));
      // A function reached through a table or a callback may not be an export: an array is multi-value.
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    },
    trapClass(e: unknown): string | undefined {
      if (e instanceof WebAssembly.RuntimeError) return v8TrapClass(e.message);
      if (e instanceof RangeError && e.message.includes(V8_STACK_OVERFLOW)) return STACK_EXHAUSTED;
      return undefined;
    },
    describe(v: unknown): string {
      if (v === null) return 'null';
      // The JS API names a function reference by its index in the module's function space; V8
      // also wraps imported host functions that way, so indices of imports mean a host function.
      if (typeof v === 'function') {
        return /^\d+$/.test(v.name) && Number(v.name) >= importedFuncs ? `func#${v.name}` : 'func:host';
      }
      return `extern:${JSON.stringify(v)}`;
    },
    tableSize(table: unknown): number {
      return (table as WebAssembly.Table).length;
    },
    tableGet(table: unknown, index: number): unknown {
      return (table as WebAssembly.Table).get(index);
    },
    tableSet(table: unknown, index: number, value: unknown): void {
      (table as WebAssembly.Table).set(index, value);
    },
    memoryBytes(memory: unknown): Uint8Array {
      return new Uint8Array((memory as WebAssembly.Memory).buffer);
    },
    globalValue(global: unknown): unknown {
      try {
        return (global as WebAssembly.Global).value;
      } catch {
        return undefined; // v128: JS cannot read it
      }
    },
  };
}
