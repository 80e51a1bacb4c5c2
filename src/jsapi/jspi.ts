/**
 * JS Promise Integration (the JSPI proposal): `new WebAssembly.Suspending(jsFunction)` marks an
 * import whose promise wasm waits for, and `WebAssembly.promising(exportedFunction)` gives a
 * function that runs wasm so that it can wait, and always returns a Promise. While wasm waits, the
 * JS event loop runs on: the wasm stack is the interpreter thread's own arrays, suspended and
 * resumed by the linker's async calls (linker/async.ts, interp/suspend.ts), at any call depth.
 * A Suspending import called outside `promising` throws (there is nothing to suspend).
 */
import type { FuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import { callRawAsync } from '../linker/async.js';
import { HostFuncDef } from '../linker/host-func.js';
import type { Func } from '../runtime/func.js';
import type { FuncType } from '../syntax/types.js';
import { store } from './agent.js';
import { toJsThrow, toWasmThrow } from './exceptions.js';
import { funcInstOf } from './function.js';
import { toJSValue, toWebAssemblyValue } from './values.js';
import { NS, sequence } from './webidl.js';

const suspendingFn = new WeakMap<object, (...args: unknown[]) => unknown>();

/** The JS function a `WebAssembly.Suspending` wraps, or undefined for any other value. */
export function suspendingFunctionOf(v: unknown): ((...args: unknown[]) => unknown) | undefined {
  return typeof v === 'object' && v !== null ? suspendingFn.get(v) : undefined;
}

/** WebAssembly.Suspending: a JS function whose result wasm awaits when imported. */
export class Suspending {
  /** `new WebAssembly.Suspending(jsFunction)`. */
  constructor(jsFunction: (...args: unknown[]) => unknown) {
    if (typeof jsFunction !== 'function') throw new TypeError(`${NS}.Suspending(): the argument must be callable`);
    suspendingFn.set(this, jsFunction);
  }
}

function resultsToWasm(ret: unknown, results: FuncType['results']): RawVal[] {
  if (results.length === 0) return [];
  if (results.length === 1) return [toWebAssemblyValue(ret, results[0]!)];
  const list = sequence(ret, 'the result of a function with several results');
  if (list.length !== results.length) throw new TypeError(`expected ${results.length} results, got ${list.length}`);
  return list.map((v, i) => toWebAssemblyValue(v, results[i]!));
}

/**
 * The host function for a Suspending import of type `type`: it calls the JS function at once,
 * then suspends the calling wasm until the result (a promise or not) settles. A rejection enters
 * wasm as an exception (exceptions.ts), where a handler may catch it.
 */
export function suspendingHostFunction(fn: (...args: unknown[]) => unknown, type: FuncType, index: number): Func {
  const { params, results } = type;
  const def = HostFuncDef.rawAsync({ params, results }, (_store, _caller, args) => {
    let ret: unknown;
    try {
      const jsArgs = args.map((a, i) => toJSValue(a, params[i]!));
      ret = Reflect.apply(fn, undefined, jsArgs);
    } catch (e) {
      return Promise.reject(toWasmThrow(e));
    }
    return Promise.resolve(ret).then((v) => resultsToWasm(v, results)).catch((e: unknown) => {
      throw toWasmThrow(e);
    });
  }, String(index));
  return def.materialise(store);
}

/**
 * `WebAssembly.promising(wasmFunction)`: a function taking the same arguments that runs
 * `wasmFunction` so that its Suspending imports can wait, and returns a Promise of its result.
 */
export function promising(wasmFunction: (...args: unknown[]) => unknown): (...args: unknown[]) => Promise<unknown> {
  if (typeof wasmFunction !== 'function') throw new TypeError(`${NS}.promising(): the argument must be a function`);
  const inst: FuncInst | undefined = funcInstOf(wasmFunction);
  if (inst === undefined) throw new TypeError(`${NS}.promising(): the argument must be an exported WebAssembly function`);
  const { params, results } = inst.type;
  const run = async (...args: unknown[]): Promise<unknown> => {
    const raw = params.map((t, i) => toWebAssemblyValue(args[i], t));
    let out: RawVal[];
    try {
      out = await callRawAsync(store, inst, raw);
    } catch (e) {
      throw toJsThrow(e);
    }
    if (results.length === 0) return undefined;
    if (results.length === 1) return toJSValue(out[0]!, results[0]!);
    return out.map((r, i) => toJSValue(r, results[i]!));
  };
  Object.defineProperty(run, 'length', { value: params.length });
  Object.defineProperty(run, 'name', { value: '' });
  return run;
}
