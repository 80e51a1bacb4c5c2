/**
 * Async entry points: calls and instantiations whose wasm may call async host functions
 * (`funcNewAsync`, `funcWrapAsync`). The wasm thread runs on its own explicit stack; at an async
 * host call it suspends (interp/suspend.ts), the promise is awaited, and the thread resumes where
 * it stopped, at any call depth. Synchronous host functions work here too.
 *
 * Fuel follows the runtime's rules (runtime/exec.ts): the call runs on the store's fuel and gives
 * back what it did not use; running out traps. What it does not do: pause for fuel (use
 * `Func.callResumable` for that), or run two async calls of one store at once safely when both
 * meter fuel (each takes the store's fuel when it starts).
 */
import type { FuncInst, HostFuncInst } from '../core/func.js';
import type { ExternVal, ModuleInst } from '../core/instance.js';
import type { RawVal } from '../core/values.js';
import { instantiate } from '../interp/instantiate.js';
import { runSuspendable } from '../interp/suspend.js';
import { Thread } from '../interp/thread.js';
import { externToCore, type Extern } from '../runtime/extern.js';
import { Func } from '../runtime/func.js';
import { Instance } from '../runtime/instance.js';
import type { Module } from '../runtime/module.js';
import { assertSameStore, handleFor, type Store } from '../runtime/store.js';
import { fromRaw, toRaw } from '../runtime/values.js';
import { matchImport } from '../runtime/matching.js';
import { LinkError } from '../util/errors.js';
import { asyncRootOf } from './host-func.js';

/** Calls `func` with raw arguments, suspending at async host calls; resolves with raw results. */
export async function callRawAsync(store: Store<any>, func: FuncInst, args: RawVal[]): Promise<RawVal[]> {
  if (func.kind === 'host') {
    const root = asyncRootOf(func as HostFuncInst);
    if (root !== undefined) return root(args);
    const r = func.fn(args);
    return r === undefined || r === null ? [] : r;
  }
  const config = store.engine.config;
  const metered = config.consumeFuel;
  // The same limits as the runtime's synchronous calls (runtime/exec.ts).
  const limits = { maxCallDepth: config.maxCallDepth, maxStackWords: Math.floor(config.maxStackBytes / 4), executor: config.executor };
  const thread = new Thread(metered ? { fuel: store.fuel, ...limits } : limits);
  try {
    thread.start(func, args);
    return await runSuspendable(thread);
  } finally {
    if (metered) store.fuel = Math.max(0, Math.min(store.fuel, thread.fuel));
  }
}

/**
 * Calls `func` with API values (as `Func.call` does) and resolves with its results. Wasm code
 * reached from here may call async host functions; each suspends the call until it settles.
 */
export async function callAsync(store: Store<any>, func: Func, ...args: unknown[]): Promise<unknown[]> {
  assertSameStore(func, store);
  const type = func.inst.type;
  if (args.length !== type.params.length) throw new TypeError(`expected ${type.params.length} arguments, got ${args.length}`);
  const types = store.engine.types;
  const raw = args.map((a, i) => toRaw(store, types, type.params[i]!, a));
  const results = await callRawAsync(store, func.inst, raw);
  return results.map((r, i) => fromRaw(store, type.results[i]!, r));
}

/**
 * Instantiates `module` with matched `imports` (in import order), running the start function as
 * an async call so that it may call async host functions. Segments are applied first, as the spec
 * orders it; a trap rejects the promise and keeps the effects that happened before it.
 */
export async function instantiateAsync(store: Store<any>, module: Module, imports: readonly Extern[]): Promise<Instance> {
  const start = module.ast.start;
  if (start === null) return Instance.new(store, module, imports);
  if (module.engine !== store.engine) throw new Error('cross-`Engine` instantiation is not currently supported');
  const wanted = module.ast.imports;
  if (imports.length !== wanted.length) throw new LinkError(`expected ${wanted.length} imports, found ${imports.length}`);
  const externs: ExternVal[] = imports.map((e, i) => {
    const ev = externToCore(store, e);
    matchImport(store.engine.types, wanted[i]!, module.typeIds, ev);
    return ev;
  });
  const config = store.engine.config;
  // Instantiate without running the start function, then run it here where it can suspend.
  const inst: ModuleInst = instantiate(module.ast, externs, store.engine.types, {
    fuel: config.consumeFuel, eager: config.compilation === 'eager', maxCallDepth: config.maxCallDepth, runStart: false,
  });
  const handle = instanceHandle(store, module, inst);
  await callRawAsync(store, inst.funcs[start]!, []);
  return handle;
}

/**
 * The Instance handle of a module instance made here. Instance's constructor is private to the
 * runtime (which makes handles in `Instance.new`); the linker needs the same handle for an
 * instance it instantiated itself, registered the same way, so it calls the constructor by
 * reflection rather than duplicating the class.
 */
function instanceHandle(store: Store<any>, module: Module, inst: ModuleInst): Instance {
  const ctor = Instance as unknown as new (s: Store<any>, m: Module, i: ModuleInst) => Instance;
  return handleFor(store, inst, () => new ctor(store, module, inst));
}
