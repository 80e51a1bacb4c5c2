/**
 * `purewasm run`: instantiates a module with the CLI's host functions and calls one export,
 * printing its results one per line. Host imports offered: `env.putchar (i32)` writes a byte to
 * stdout, `env.print_i32/print_i64/print_f32/print_f64` print a number and a newline, and the
 * spectest module's `print*` functions. Any other import is unknown. Without `--invoke`, it calls
 * `_start` or `main` when exported (after the start function has run during instantiation).
 * With `--fuel N` the run is metered and the fuel consumed is printed to stderr.
 */
import { Engine } from '../runtime/engine.js';
import type { Feature } from '../runtime/features.js';
import type { Extern } from '../runtime/extern.js';
import { Func } from '../runtime/func.js';
import { Instance } from '../runtime/instance.js';
import { Module } from '../runtime/module.js';
import { Store } from '../runtime/store.js';
import { F32, F64, I32, I64, V128, valTypeToString, type ValType } from '../syntax/types.js';
import { LinkError } from '../util/errors.js';

/** Where the CLI writes; tests pass buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface RunOptions {
  invoke: string | null;
  args: string[];
  /** Fuel for the run (metering enabled when set). */
  fuel: number | null;
  /** Proposals to enable beyond the defaults (`--enable`). */
  features?: Partial<Record<Feature, boolean>>;
}

/** The host functions the CLI offers, by "module.name", and a flush for buffered `putchar` output. */
function hostImports(store: Store<unknown>, io: Io): { externs: Map<string, Extern>; flush: () => void } {
  const m = new Map<string, Extern>();
  const printer = (x: unknown): void => {
    flushChars();
    io.out(`${String(x)}\n`);
  };
  let pending: number[] = [];
  const putchar = (c: number): void => {
    pending.push(c & 0xff);
    if (c === 10 || pending.length >= 4096) flushChars();
  };
  const flushChars = (): void => {
    if (pending.length > 0) io.out(Buffer.from(pending).toString('utf8'));
    pending = [];
  };
  m.set('env.putchar', Func.new(store, { params: [I32], results: [] }, putchar, 'putchar'));
  for (const [suffix, t] of [['i32', I32], ['i64', I64], ['f32', F32], ['f64', F64]] as const) {
    m.set(`env.print_${suffix}`, Func.new(store, { params: [t], results: [] }, printer, `print_${suffix}`));
    m.set(`spectest.print_${suffix}`, Func.new(store, { params: [t], results: [] }, printer, `print_${suffix}`));
  }
  m.set('spectest.print', Func.new(store, { params: [], results: [] }, () => {}, 'print'));
  return { externs: m, flush: flushChars };
}

/** Parses a command-line argument as a value of type `t`. */
export function parseArg(text: string, t: ValType): unknown {
  switch (t) {
    case I32: {
      const v = Number(text);
      if (!Number.isInteger(v)) throw new TypeError(`not an i32: ${text}`);
      return v | 0;
    }
    case I64: return BigInt.asIntN(64, BigInt(text));
    case F32: case F64: {
      const v = Number(text);
      if (Number.isNaN(v) && !/^[+-]?nan$/i.test(text)) throw new TypeError(`not a number: ${text}`);
      return v;
    }
    default: throw new TypeError(`cannot pass a ${valTypeToString(t)} argument from the command line`);
  }
}

/** Formats a result for printing. */
export function formatResult(v: unknown, t: ValType): string {
  if (t === V128 && v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(' ');
  if (v === null) return 'null';
  if (v instanceof Func) return '<funcref>';
  return String(v);
}

/**
 * Instantiates `bytes` and runs the requested export. Returns the exit code; throws CompileError,
 * LinkError, Trap or a host exception for the caller to report.
 */
export function runModule(bytes: Uint8Array, options: RunOptions, io: Io): number {
  const engine = new Engine({ consumeFuel: options.fuel !== null, features: options.features ?? {} });
  const store = new Store(engine, undefined);
  if (options.fuel !== null) store.setFuel(options.fuel);
  const module = Module.new(engine, bytes);
  const { externs: host, flush } = hostImports(store as Store<unknown>, io);
  const imports = module.imports().map((im) => {
    const e = host.get(`${im.module}.${im.name}`);
    if (e === undefined) throw new LinkError(`unknown import: \`${im.module}::${im.name}\` has not been defined`);
    return e;
  });
  try {
    const instance = Instance.new(store, module, imports);
    let name = options.invoke;
    if (name === null) {
      name = ['_start', 'main'].find((n) => instance.getFunc(store, n) !== undefined) ?? null;
      if (name === null) return 0; // instantiation (and the start function) was the whole run
    }
    const f = instance.getFunc(store, name);
    if (f === undefined) {
      io.err(`error: no exported function \`${name}\`\n`);
      return 1;
    }
    const params = f.ty(store).params;
    if (options.args.length !== params.length) {
      io.err(`error: \`${name}\` expects ${params.length} arguments, got ${options.args.length}\n`);
      return 1;
    }
    const results = f.call(store, ...options.args.map((a, i) => parseArg(a, params[i]!)));
    flush();
    const types = f.ty(store).results;
    for (let i = 0; i < results.length; i++) io.out(`${formatResult(results[i], types[i]!)}\n`);
    return 0;
  } finally {
    flush();
    // Deterministic-replay users compare this number between runs and machines.
    if (options.fuel !== null) io.err(`fuel consumed: ${options.fuel - store.getFuel()}\n`);
  }
}
