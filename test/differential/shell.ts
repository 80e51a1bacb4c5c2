/**
 * The fuzz shell: what binaryen's fuzz modules expect from their host, written once and run against
 * any engine through an `EngineBinding`. It instantiates a module with the `fuzzing-support`
 * imports (logging, calls back into exports and function references, table access, `sleep`), calls
 * every exported function in export order with fixed arguments, and records everything observable
 * as a list of events: each log, each call's results, trap (by class) or thrown error, and the final
 * values of exported globals and tables, and a fingerprint of memory after instantiation and after each call
 * (when the module's memory is exported as expose.ts's MEMORY_EXPORT). Two engines agree on a module when their event lists are equal.
 *
 * The host behaviour follows binaryen's `scripts/fuzz_shell.js` (facts, not its code): callbacks
 * pass `null` for every parameter (the JS API turns it into 0 for numbers, refuses it for i64 and
 * v128), `*-catch` variants return 1 when a non-trap exception was thrown, traps are never caught.
 * Top-level calls pass typed values instead, so that functions with i64 parameters run too.
 * This file knows nothing about a particular engine and does no comparing (see compare.ts).
 */
import { F32, F64, I32, I64, V128, type FuncType, type ValType } from '../../src/syntax/types.js';
import { fingerprint, MEMORY_EXPORT } from './expose.js';

/** An export as the shell sees it: its kind and the engine's handle for it. */
export interface ShellExport {
  readonly name: string;
  readonly kind: string;
  readonly handle: unknown;
}

/** The `fuzzing-support` functions, in the JS API's value forms (i64 as bigint, refs as handles). */
export type FuzzImports = ReadonlyMap<string, (...args: any[]) => unknown>;

/** The value an imported `__fuzz_import` externref global holds, the same in every engine. */
export const EXTERN_VALUE = 'purewasm-fuzz-extern';

/** What the shell needs from an engine. Handles are whatever the engine uses at its JS API. */
export interface EngineBinding {
  readonly name: string;
  /** Compiles and instantiates; `imports` supplies `fuzzing-support`. Returns the exports in module order. */
  instantiate(bytes: Uint8Array, imports: FuzzImports): ShellExport[];
  /** Calls function `func` with JS API values; results as an array (none, one or several). */
  call(func: unknown, args: readonly unknown[]): unknown[];
  /** Calls `func` as JS would with `null` for every parameter. */
  callWithNulls(func: unknown): unknown[];
  /**
   * The trap class of `e` (traps.ts) if `e` is a wasm trap or an engine limit, else undefined.
   * Traps and limits are never caught by the `*-catch` callbacks.
   */
  trapClass(e: unknown): string | undefined;
  /**
   * How a reference value shows in the event log: 'null', `func#INDEX` for a wasm function (the
   * index in its module's function space), 'func:host' for a host function, or an extern's value.
   */
  describe(v: unknown): string;
  tableSize(table: unknown): number;
  tableGet(table: unknown, index: number): unknown;
  tableSet(table: unknown, index: number, value: unknown): void;
  /** The value of exported global `global`, or undefined when JS cannot see it (v128). */
  globalValue(global: unknown): unknown;
  /** The current bytes of exported memory `memory`. */
  memoryBytes(memory: unknown): Uint8Array;
}

/** Limits on one module's run. */
export interface ShellOptions {
  /** Nested `call-export`/`call-ref` depth beyond which the shell throws instead of calling. */
  readonly maxHostDepth?: number;
}

/** What one engine did with one module. */
export interface ShellRun {
  /** Everything observable, in order. */
  readonly events: string[];
  /** Index into `events` of each top-level call's `call` event. */
  readonly callStarts: number[];
}

/** Entries of an exported table shown in the final event (fuzz tables are small). */
const MAX_TABLE_SHOWN = 1000;

/** Fixed top-level arguments by type and position: varied enough to reach both sides of branches. */
const I32_ARGS = [1, -1, 0x7fffffff, 0, 42, -0x80000000];
const I64_ARGS = [1n, -1n, 0x7fffffffffffffffn, 0n, 42n, -0x8000000000000000n];
const F32_ARGS = [1.5, -0, 3.4028234663852886e38, 0, -7.25, 1e-40];
const F64_ARGS = [1.5, -0, 1.7976931348623157e308, 0, -7.25, 5e-324];

/** The fixed argument for a parameter of type `t` at position `i`. */
export function fixedArg(t: ValType, i: number): unknown {
  switch (t) {
    case I32: return I32_ARGS[i % I32_ARGS.length];
    case I64: return I64_ARGS[i % I64_ARGS.length];
    case F32: return F32_ARGS[i % F32_ARGS.length];
    case F64: return F64_ARGS[i % F64_ARGS.length];
    case V128: return null; // JS cannot make a v128: the JS API refuses the call, as it should
    default: return null; // references: null
  }
}

/** A value in the event log: NaN as a class, -0 distinct from 0, bigints marked. */
export function formatValue(v: unknown, describe: (v: unknown) => string): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return describe(v);
}

/** The error's event: a trap by class, anything else by constructor name. */
function errorEvent(binding: EngineBinding, e: unknown): string {
  const cls = binding.trapClass(e);
  if (cls !== undefined) return `trap ${cls}`;
  return `throw ${e instanceof Error ? e.constructor.name : typeof e}`;
}

/**
 * Runs `bytes` through `binding`: instantiate, call each exported function in order with typed fixed
 * arguments (`signatures` by export name, the same for every engine), then read exported globals.
 */
export function runShell(
  binding: EngineBinding, bytes: Uint8Array, signatures: ReadonlyMap<string, FuncType>, options: ShellOptions = {},
): ShellRun {
  const maxHostDepth = options.maxHostDepth ?? 20;
  const events: string[] = [];
  const callStarts: number[] = [];
  const fmt = (v: unknown) => formatValue(v, (r) => binding.describe(r));
  let exportList: ShellExport[] = [];
  let depth = 0;

  const nested = (what: string, f: () => unknown[]): void => {
    if (depth >= maxHostDepth) throw new RangeError('fuzz shell: host call depth limit');
    depth++;
    events.push(what);
    try {
      f();
    } finally {
      depth--;
    }
  };
  /** fuzz_shell's tryCall: 1 if a non-trap exception was thrown (traps and limits propagate). */
  const tryCall = (f: () => void, rethrow: boolean): number => {
    try {
      f();
      return 0;
    } catch (e) {
      if (binding.trapClass(e) !== undefined || rethrow) throw e;
      events.push(`caught ${errorEvent(binding, e).slice('throw '.length)}`);
      return 1;
    }
  };
  const exportFunc = (index: number): unknown => {
    const entry = exportList[index >>> 0];
    if (entry === undefined) throw new TypeError(`no export #${index >>> 0}`);
    if (entry.kind !== 'function') throw new TypeError(`export ${entry.name} is not a function`);
    return entry.handle;
  };
  const callRef = (ref: unknown): unknown[] => {
    if (ref === null) throw new TypeError('call-ref of null');
    return binding.callWithNulls(ref);
  };
  const table = (): unknown => {
    const t = exportList.find((e) => e.name === 'table' && e.kind === 'table');
    if (t === undefined) throw new TypeError('no exported table');
    return t.handle;
  };
  const tableIndex = (t: unknown, index: number): number => {
    const i = index >>> 0;
    if (i >= binding.tableSize(t)) throw new RangeError('table index out of bounds');
    return i;
  };
  const log = (kind: string) => (x: unknown) => {
    events.push(`log-${kind} ${fmt(x)}`);
  };

  const imports: FuzzImports = new Map<string, (...args: any[]) => unknown>([
    ['log-i32', log('i32')],
    ['log-i64', log('i64')],
    ['log-f32', log('f32')],
    ['log-f64', log('f64')],
    ['log-v128', log('v128')],
    ['call-export', (index: number, flags: number) => {
      nested(`call-export ${index >>> 0}`, () => (flags & 1 ? [tryCall(() => binding.callWithNulls(exportFunc(index)), true)] : binding.callWithNulls(exportFunc(index))));
    }],
    ['call-export-catch', (index: number) => {
      let r = 0;
      nested(`call-export-catch ${index >>> 0}`, () => [(r = tryCall(() => binding.callWithNulls(exportFunc(index)), false))]);
      return r;
    }],
    ['call-ref', (ref: unknown, flags: number) => {
      nested('call-ref', () => (flags & 1 ? [tryCall(() => callRef(ref), true)] : callRef(ref)));
    }],
    ['call-ref-catch', (ref: unknown) => {
      let r = 0;
      nested('call-ref-catch', () => [(r = tryCall(() => callRef(ref), false))]);
      return r;
    }],
    ['sleep', (_ms: number, id: number) => id],
    ['table-get', (index: number) => {
      const t = table();
      return binding.tableGet(t, tableIndex(t, index));
    }],
    ['table-set', (index: number, value: unknown) => {
      const t = table();
      binding.tableSet(t, tableIndex(t, index), value);
    }],
  ]);

  let memory: ShellExport | undefined;
  try {
    exportList = binding.instantiate(bytes, imports);
    // The memory export added by expose.ts is the harness's window, not part of the module's interface.
    memory = exportList.find((e) => e.name === MEMORY_EXPORT);
    exportList = exportList.filter((e) => e !== memory);
  } catch (e) {
    events.push(`instantiate ${errorEvent(binding, e)}`);
    return { events, callStarts };
  }
  const observeMemory = (): void => {
    if (memory === undefined) return;
    const data = binding.memoryBytes(memory.handle);
    events.push(`memory ${data.length} ${fingerprint(data)}`);
  };
  observeMemory();
  for (const entry of exportList) {
    if (entry.kind !== 'function') continue;
    const sig = signatures.get(entry.name);
    callStarts.push(events.length);
    events.push(`call ${entry.name}`);
    try {
      const args = sig === undefined ? [] : sig.params.map((t, i) => fixedArg(t, i));
      const results = binding.call(entry.handle, args);
      events.push(`return ${results.map(fmt).join(' ')}`.trimEnd());
    } catch (e) {
      events.push(errorEvent(binding, e));
    }
    observeMemory();
  }
  for (const entry of exportList) {
    if (entry.kind === 'global') {
      const v = binding.globalValue(entry.handle);
      if (v !== undefined) events.push(`global ${entry.name} ${fmt(v)}`);
    } else if (entry.kind === 'table') {
      const n = binding.tableSize(entry.handle);
      const shown: string[] = [];
      for (let i = 0; i < Math.min(n, MAX_TABLE_SHOWN); i++) shown.push(fmt(binding.tableGet(entry.handle, i)));
      events.push(`table ${entry.name} ${n}: ${shown.join(' ')}`);
    }
  }
  return { events, callStarts };
}
