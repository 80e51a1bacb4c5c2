/**
 * The engine under test: the shell's EngineBinding over purewasm's public API (src/index.ts).
 * purewasm's API is more permissive than the JS API at the boundary (it accepts v128 values and
 * lets host functions take and return them), so this binding reproduces the JS API's rules that
 * the fuzz shell's behaviour depends on: a signature with v128 cannot be called from JS or call
 * into JS (TypeError), and `null` converts to 0 for numbers and is refused for i64. Execution may
 * be bounded by fuel: a call that runs out traps with OutOfFuel, which the comparison treats as a
 * limit, not as behaviour. Unmetered runs rely on binaryen's hang limits (every fuzz loop and
 * call counts down a global and traps at zero).
 */
import {
  Engine, EXTERNREF, Func, Global, Instance, Memory, Module, Store, Table, Trap,
  type Extern, type FuncType,
} from '../../src/index.js';
import { I64, isRef, V128 } from '../../src/syntax/types.js';
import { EXTERN_VALUE, type EngineBinding, type FuzzImports, type ShellExport } from './shell.js';
import { ourTrapClass } from './traps.js';

/** Fuel per top-level call: far more than any fuzz function needs with binaryen's hang limits. */
export const DEFAULT_FUEL = 50_000_000;

const hasV128 = (t: FuncType): boolean => t.params.includes(V128) || t.results.includes(V128);

function jsBoundaryError(): TypeError {
  return new TypeError('type incompatibility when transforming from/to JS');
}

/**
 * The type of each exported function, by export name, read from the module (no instantiation).
 * Throws CompileError when purewasm refuses the module.
 */
export function exportSignatures(bytes: Uint8Array): Map<string, FuncType> {
  const module = Module.new(new Engine(), bytes);
  const ast = module.ast;
  const imported = ast.imports.flatMap((i) => (i.desc.kind === 'func' ? [i.desc.typeIdx] : []));
  const typeIdxOf = (f: number): number => (f < imported.length ? imported[f]! : ast.funcs[f - imported.length]!);
  const out = new Map<string, FuncType>();
  for (const e of module.exports()) {
    if (e.kind === 'func') out.set(e.name, module.funcType(typeIdxOf(e.index)));
  }
  return out;
}

/** How purewasm is configured for a run: both settings change the interpreter's code paths. */
export interface PurewasmSetup {
  /** Fuel per top-level call, or null for no metering (the default configuration users run). */
  readonly fuel: number | null;
  readonly compilation: 'lazy' | 'eager';
}

/** The default setup: metered with DEFAULT_FUEL, lazy translation. */
export const DEFAULT_SETUP: PurewasmSetup = { fuel: DEFAULT_FUEL, compilation: 'lazy' };

/** The binding: one engine and one store, for one module. */
export function purewasmBinding(setup: PurewasmSetup = DEFAULT_SETUP): EngineBinding {
  const { fuel, compilation } = setup;
  const engine = new Engine({ consumeFuel: fuel !== null, compilation });
  const store = new Store(engine, undefined);
  const call = (func: unknown, args: readonly unknown[]): unknown[] => {
    const f = func as Func;
    if (hasV128(f.ty(store))) throw jsBoundaryError();
    return f.call(store, ...args);
  };
  return {
    name: 'purewasm',
    instantiate(bytes: Uint8Array, imports: FuzzImports): ShellExport[] {
      const module = Module.new(engine, bytes);
      const externs: Extern[] = module.imports().map((imp) => {
        if (imp.module === 'fuzzing-support' && imp.type.kind === 'func' && imports.has(imp.name)) {
          const type = module.funcType(imp.type.typeIdx);
          const fn = imports.get(imp.name)!;
          const body = hasV128(type) ? () => { throw jsBoundaryError(); } : fn;
          return Func.new(store, { params: type.params, results: type.results }, body, imp.name);
        }
        if (imp.module === '__fuzz_import' && imp.type.kind === 'global' && imp.type.type.type === EXTERNREF) {
          return Global.new(store, { type: EXTERNREF, mutable: false }, EXTERN_VALUE);
        }
        throw new Error(`unsupported import ${imp.module}.${imp.name} (${imp.type.kind})`);
      });
      if (fuel !== null) store.setFuel(fuel);
      const instance = Instance.new(store, module, externs);
      return instance.exports(store).map(([name, ext]) => {
        if (ext instanceof Func) return { name, kind: 'function', handle: ext };
        return { name, kind: ext instanceof Table ? 'table' : ext instanceof Global ? 'global' : ext instanceof Memory ? 'memory' : 'other', handle: ext };
      });
    },
    call(func: unknown, args: readonly unknown[]): unknown[] {
      if (fuel !== null) store.setFuel(fuel);
      return call(func, args);
    },
    callWithNulls(func: unknown): unknown[] {
      const f = func as Func;
      const type = f.ty(store);
      if (hasV128(type)) throw jsBoundaryError();
      const args = type.params.map((t) => {
        if (t === I64) throw new TypeError('Cannot convert null to a BigInt');
        return isRef(t) ? null : 0;
      });
      return call(f, args);
    },
    trapClass(e: unknown): string | undefined {
      return e instanceof Trap ? ourTrapClass(e.code, e.message) : undefined;
    },
    describe(v: unknown): string {
      if (v === null) return 'null';
      if (v instanceof Func) return v.inst.kind === 'wasm' ? `func#${v.inst.index}` : 'func:host';
      return `extern:${JSON.stringify(v)}`;
    },
    tableSize(table: unknown): number {
      return (table as Table).size(store);
    },
    tableGet(table: unknown, index: number): unknown {
      return (table as Table).get(store, index);
    },
    tableSet(table: unknown, index: number, value: unknown): void {
      (table as Table).set(store, index, value);
    },
    memoryBytes(memory: unknown): Uint8Array {
      return (memory as Memory).data(store);
    },
    globalValue(global: unknown): unknown {
      const v = (global as Global).get(store);
      return v instanceof Uint8Array ? undefined : v; // v128: JS cannot read it
    },
  };
}
