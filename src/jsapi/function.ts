/**
 * Functions across the boundary. An Exported Function is the JS function that stands for a wasm
 * (or host) function instance: one per instance (identity is kept when it goes through wasm and
 * back), `name` the function's index, `length` its parameter count, not a constructor. A JS
 * callable imported as a function becomes a host function instance that converts its arguments
 * and results with ToJSValue / ToWebAssemblyValue. Traps leave as RuntimeError; JS exceptions
 * cross wasm frames as JSTag exceptions and reach the JS caller unchanged (exceptions.ts).
 */
import type { FuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import { Func } from '../runtime/func.js';
import { V128, type FuncType } from '../syntax/types.js';
import { store } from './agent.js';
import { toJsThrow, toWasmThrow } from './exceptions.js';
import { toJSValue, toWebAssemblyValue } from './values.js';
import { sequence } from './webidl.js';

/** The Exported Function of each function instance. */
const exported = new WeakMap<FuncInst, (...args: unknown[]) => unknown>();
/** The function instance of each Exported Function. */
const instOf = new WeakMap<object, FuncInst>();
/** Names of host functions: the function index they were first imported at. */
const hostIndex = new WeakMap<FuncInst, number>();

function hasV128(type: FuncType): boolean {
  return type.params.includes(V128) || type.results.includes(V128);
}

/** The function instance behind an Exported Function, or undefined for any other value. */
export function funcInstOf(v: unknown): FuncInst | undefined {
  return typeof v === 'function' ? instOf.get(v) : undefined;
}

/** The Exported Function for `inst`, made once and then reused. */
export function exportedFunction(inst: FuncInst): (...args: unknown[]) => unknown {
  let fn = exported.get(inst);
  if (fn !== undefined) return fn;
  const { params, results } = inst.type;
  const handle = Func.fromInst(store, inst);
  const v128 = hasV128(inst.type);
  // An arrow function: callable, not constructible, no `prototype`, like a built-in function.
  fn = (...args: unknown[]): unknown => {
    if (v128) throw new TypeError('a function with v128 parameters or results cannot be called from JavaScript');
    const raw: RawVal[] = new Array(params.length);
    for (let i = 0; i < params.length; i++) raw[i] = toWebAssemblyValue(args[i], params[i]!);
    let out: RawVal[];
    try {
      out = handle.callRaw(store, raw);
    } catch (e) {
      throw toJsThrow(e);
    }
    if (results.length === 0) return undefined;
    if (results.length === 1) return toJSValue(out[0]!, results[0]!);
    return out.map((r, i) => toJSValue(r, results[i]!));
  };
  const index = inst.kind === 'wasm' ? inst.index : (hostIndex.get(inst) ?? 0);
  Object.defineProperty(fn, 'length', { value: params.length });
  Object.defineProperty(fn, 'name', { value: String(index) });
  exported.set(inst, fn);
  instOf.set(fn, inst);
  return fn;
}

/**
 * A host function of type `type` (canonical) that calls the JS callable `fn` with `this`
 * undefined. `index` is the function index it is imported at (its Exported Function's name).
 */
export function hostFunction(fn: (...args: unknown[]) => unknown, type: FuncType, index: number): Func {
  const { params, results } = type;
  const v128 = hasV128(type);
  const func = Func.newRaw(store, { params, results }, (args) => {
    try {
      if (v128) throw new TypeError('a function with v128 parameters or results cannot be called from WebAssembly through JavaScript');
      const jsArgs = new Array<unknown>(args.length);
      for (let i = 0; i < args.length; i++) jsArgs[i] = toJSValue(args[i]!, params[i]!);
      const ret = Reflect.apply(fn, undefined, jsArgs);
      if (results.length === 0) return [];
      if (results.length === 1) return [toWebAssemblyValue(ret, results[0]!)];
      const list = sequence(ret, 'the result of a function with several results');
      if (list.length !== results.length) throw new TypeError(`expected ${results.length} results, got ${list.length}`);
      return list.map((v, i) => toWebAssemblyValue(v, results[i]!));
    } catch (e) {
      throw toWasmThrow(e);
    }
  }, String(index));
  hostIndex.set(func.inst, index);
  return func;
}
