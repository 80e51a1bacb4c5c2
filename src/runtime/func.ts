/**
 * Func: a handle to a function instance of a store (a wasm function from an instance, or a host
 * function made from a JS function with an explicit signature). Calls convert API values to raw
 * values and back (values.ts); `callRaw` skips the conversion for bit-exact work, and
 * `callResumable` returns a call that can pause when fuel runs out and be resumed later.
 */
import { HostFuncInst, type FuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import type { FuncType, ValType } from '../syntax/types.js';
import { callFunc, startResumable, type ResumableCall } from './exec.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';
import { fromRaw, toRaw } from './values.js';

/** A function signature as hosts write it: value types from `syntax/types` (I32, F64, FUNCREF…). */
export interface Signature {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/**
 * A host function body. It gets the arguments as API values (i64 as bigint, floats as numbers)
 * and returns nothing, one value, or an array of values for several results. Whatever it throws
 * unwinds the wasm frames and reaches the wasm caller's caller unchanged.
 */
export type HostFunction = (...args: any[]) => unknown;

/** A host function body on raw values (core/values.ts); for bit-exact hosts such as test harnesses. */
export type RawHostFunction = (args: RawVal[]) => RawVal[] | undefined | void;

/** A function of a store. */
export class Func implements Stored {
  private constructor(
    /** The store this function belongs to. */
    readonly store: Store<any>,
    /** @internal The core function instance. */
    readonly inst: FuncInst,
  ) {}

  /** @internal The handle for a core function instance (one handle per instance and store). */
  static fromInst(store: Store<any>, inst: FuncInst): Func {
    return handleFor(store, inst, () => new Func(store, inst));
  }

  /**
   * A host function of type `sig` in `store`, implemented by `fn` (see HostFunction). Concrete
   * reference types in `sig` must already be canonical type ids of the store's engine.
   */
  static new(store: Store<any>, sig: Signature, fn: HostFunction, name = 'host'): Func {
    const raw: RawHostFunction = (args) => {
      const params = args.map((a, i) => fromRaw(store, sig.params[i]!, a));
      const out = fn(...params);
      return resultsToRaw(store, sig, out);
    };
    return Func.newRaw(store, sig, raw, name);
  }

  /** A host function working on raw values (floats as bit patterns; see core/values.ts). */
  static newRaw(store: Store<any>, sig: Signature, fn: RawHostFunction, name = 'host'): Func {
    const types = store.engine.types;
    const typeId = types.internFuncType(sig.params, sig.results);
    const type: FuncType = { kind: 'func', params: [...sig.params], results: [...sig.results] };
    return Func.fromInst(store, new HostFuncInst(typeId, type, fn, name));
  }

  /** The function's type (concrete heap types are canonical ids). */
  ty(store: Store<any>): FuncType {
    assertSameStore(this, store);
    return this.inst.type;
  }

  /**
   * Calls the function with API values; returns its results as an array of API values. Throws
   * Trap (with a wasm backtrace), TypeError for arguments of the wrong type or number, or what a
   * host function threw.
   */
  call(store: Store<any>, ...args: unknown[]): unknown[] {
    assertSameStore(this, store);
    const type = this.inst.type;
    const raw = argsToRaw(store, type, args);
    const results = callFunc(store, this.inst, raw);
    return results.map((r, i) => fromRaw(store, type.results[i]!, r));
  }

  /** Calls with raw arguments (core/values.ts) and returns raw results; checks only the count. */
  callRaw(store: Store<any>, args: readonly RawVal[]): RawVal[] {
    assertSameStore(this, store);
    checkCount(this.inst.type.params.length, args.length);
    return callFunc(store, this.inst, [...args]);
  }

  /**
   * Starts a call that pauses instead of trapping when the store runs out of fuel: the result says
   * whether it finished; a paused call is resumed with `resume()` after `store.setFuel(…)`.
   */
  callResumable(store: Store<any>, ...args: unknown[]): ResumableCall {
    assertSameStore(this, store);
    const type = this.inst.type;
    return startResumable(store, this.inst, argsToRaw(store, type, args), (raw) => raw.map((r, i) => fromRaw(store, type.results[i]!, r)));
  }
}

function checkCount(expected: number, got: number): void {
  if (expected !== got) throw new TypeError(`expected ${expected} arguments, got ${got}`);
}

function argsToRaw(store: Store<any>, type: FuncType, args: readonly unknown[]): RawVal[] {
  checkCount(type.params.length, args.length);
  const types = store.engine.types;
  return args.map((a, i) => toRaw(store, types, type.params[i]!, a));
}

function resultsToRaw(store: Store<any>, sig: Signature, out: unknown): RawVal[] {
  const n = sig.results.length;
  const types = store.engine.types;
  if (n === 0) return [];
  if (n === 1) return [toRaw(store, types, sig.results[0]!, out)];
  if (!Array.isArray(out) || out.length !== n) {
    throw new TypeError(`host function returned ${Array.isArray(out) ? out.length : 1} results, expected ${n}`);
  }
  return out.map((v, i) => toRaw(store, types, sig.results[i]!, v));
}
