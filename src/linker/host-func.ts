/**
 * Host functions defined on a Linker. They belong to no store: a `HostFuncDef` records the type
 * and the JS body, and `materialise(store)` makes the store's `Func` for it (once per store, then
 * reused), so one linker serves any number of stores of its engine. Four body shapes, as wasmtime
 * has them:
 * - `new`: `(caller, params, results) => void` with API values (i64 bigint, floats numbers);
 * - `unchecked`: `(caller, slots) => void` on raw values, arguments in, results out, same array;
 * - `wrap`: `(caller, ...args) => result` (nothing, a value, or an array for several results);
 * - the async forms of `new` and `wrap`, whose body returns a Promise: called from wasm run by an
 *   async entry point, they suspend the calling thread until the promise settles (interp/suspend.ts).
 *
 * What it does not do: check names or types against imports (linker.ts, typecheck.ts).
 */
import type { HostFuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import { canSuspend, suspendHostCall } from '../interp/suspend.js';
import { Func, type Signature } from '../runtime/func.js';
import type { Store } from '../runtime/store.js';
import { fromRaw, toRaw } from '../runtime/values.js';
import type { FuncType } from '../syntax/types.js';
import { Caller } from './caller.js';

/** `funcNew`'s body: reads `params`, writes one API value per result into `results`. */
export type HostFuncNew<T> = (caller: Caller<T>, params: unknown[], results: unknown[]) => void;
/** `funcNewAsync`'s body: like HostFuncNew, but the results count once the promise resolves. */
export type HostFuncNewAsync<T> = (caller: Caller<T>, params: unknown[], results: unknown[]) => Promise<void>;
/**
 * `funcNewUnchecked`'s body: `slots` holds the raw arguments (i32 number, i64 bigint, f32 bits as
 * a number, f64 bits as a bigint, v128 Uint8Array, references); the body writes the raw results
 * into `slots[0 .. results)`. The array has max(params, results) entries. Nothing is checked: a
 * wrong value is a bug in the host.
 */
export type HostFuncUnchecked<T> = (caller: Caller<T>, slots: RawVal[]) => void;
/** `funcWrap`'s body: the arguments as API values; returns nothing, one value, or an array. */
export type HostFuncWrap<T> = (caller: Caller<T>, ...args: any[]) => unknown;
/** `funcWrapAsync`'s body: like HostFuncWrap, returning a Promise of the result. */
export type HostFuncWrapAsync<T> = (caller: Caller<T>, ...args: any[]) => Promise<unknown>;

/** The raw body of a store's host function, given that store. */
type RawBody = (store: Store<any>, self: SelfRef) => (args: RawVal[]) => RawVal[];
/** The store's function instance of a body, filled in once made (a body needs it to know its caller). */
interface SelfRef { inst: HostFuncInst | null }
/** The root form of an async body: what `callAsync` awaits when the host function is called directly. */
type AsyncRoot = (store: Store<any>, args: RawVal[]) => Promise<RawVal[]>;

/** Async host function instances, for `callAsync` of a host function without a wasm caller. */
const asyncRoots = new WeakMap<HostFuncInst, (args: RawVal[]) => Promise<RawVal[]>>();

/** The awaitable body of `inst` when it is an async host function defined by a Linker. */
export function asyncRootOf(inst: HostFuncInst): ((args: RawVal[]) => Promise<RawVal[]>) | undefined {
  return asyncRoots.get(inst);
}

/** A store-independent host function: its type and body; materialised per store. */
export class HostFuncDef {
  private readonly perStore = new WeakMap<Store<any>, Func>();

  private constructor(
    /** The function's signature (value types of the linker's engine). */
    readonly sig: Signature,
    private readonly body: RawBody,
    private readonly asyncBody: AsyncRoot | null,
    /** Name for backtraces. */
    readonly name: string,
  ) {}

  /** The store's Func for this definition (made on first use in that store). */
  materialise(store: Store<any>): Func {
    let f = this.perStore.get(store);
    if (f === undefined) {
      const self: SelfRef = { inst: null };
      f = Func.newRaw(store, this.sig, this.body(store, self), this.name);
      self.inst = f.inst as HostFuncInst;
      const root = this.asyncBody;
      if (root !== null) asyncRoots.set(f.inst as HostFuncInst, (args) => root(store, args));
      this.perStore.set(store, f);
    }
    return f;
  }

  /** `funcNew`. */
  static new<T>(sig: Signature, fn: HostFuncNew<T>, name: string): HostFuncDef {
    return new HostFuncDef(sig, (store, self) => (args) => {
      const results = new Array<unknown>(sig.results.length).fill(undefined);
      fn(Caller.current(store, self.inst), argsFromRaw(store, sig, args), results);
      return resultsToRaw(store, sig, results);
    }, null, name);
  }

  /** `funcNewUnchecked`. */
  static unchecked<T>(sig: Signature, fn: HostFuncUnchecked<T>, name: string): HostFuncDef {
    const nr = sig.results.length;
    const slots = Math.max(sig.params.length, nr);
    return new HostFuncDef(sig, (store, self) => (args) => {
      if (args.length < slots) args.length = slots;
      fn(Caller.current(store, self.inst), args);
      if (args.length !== nr) args.length = nr;
      return args;
    }, null, name);
  }

  /** `funcWrap`. */
  static wrap<T>(sig: Signature, fn: HostFuncWrap<T>, name: string): HostFuncDef {
    return new HostFuncDef(sig, (store, self) => {
      const ps = sig.params;
      const conv = (i: number, args: readonly RawVal[]): unknown => fromRaw(store, ps[i]!, args[i]!);
      // Up to three arguments are passed without building an array (the common case, measured in
      // bench/hostcall.ts); more go through a spread.
      switch (ps.length) {
        case 0: return () => wrapResultToRaw(store, sig, fn(Caller.current(store, self.inst)));
        case 1: return (args) => wrapResultToRaw(store, sig, fn(Caller.current(store, self.inst), conv(0, args)));
        case 2: return (args) => wrapResultToRaw(store, sig, fn(Caller.current(store, self.inst), conv(0, args), conv(1, args)));
        case 3: return (args) => wrapResultToRaw(store, sig, fn(Caller.current(store, self.inst), conv(0, args), conv(1, args), conv(2, args)));
        default: return (args) => wrapResultToRaw(store, sig, fn(Caller.current(store, self.inst), ...argsFromRaw(store, sig, args)));
      }
    }, null, name);
  }

  /** `funcNewAsync`. */
  static newAsync<T>(sig: Signature, fn: HostFuncNewAsync<T>, name: string): HostFuncDef {
    const start = (store: Store<any>, caller: Caller<T>, args: RawVal[]): Promise<RawVal[]> => {
      const results = new Array<unknown>(sig.results.length).fill(undefined);
      return fn(caller, argsFromRaw(store, sig, args), results).then(() => resultsToRaw(store, sig, results));
    };
    return HostFuncDef.suspending(sig, start, name);
  }

  /** `funcWrapAsync`. */
  static wrapAsync<T>(sig: Signature, fn: HostFuncWrapAsync<T>, name: string): HostFuncDef {
    const start = (store: Store<any>, caller: Caller<T>, args: RawVal[]): Promise<RawVal[]> =>
      fn(caller, ...argsFromRaw(store, sig, args)).then((out) => wrapResultToRaw(store, sig, out));
    return HostFuncDef.suspending(sig, start, name);
  }

  /** An async host function with a raw body (for the linker's own async functions, e.g. Commands). */
  static rawAsync<T>(sig: Signature, fn: (store: Store<T>, caller: Caller<T>, args: RawVal[]) => Promise<RawVal[]>, name: string): HostFuncDef {
    return HostFuncDef.suspending(sig, fn as (store: Store<any>, caller: Caller<T>, args: RawVal[]) => Promise<RawVal[]>, name);
  }

  /**
   * An async host function: called from wasm, the body starts at once (with a live Caller) and
   * the calling thread suspends until its promise settles; called directly, `callAsync` awaits it.
   */
  private static suspending<T>(
    sig: Signature, start: (store: Store<any>, caller: Caller<T>, args: RawVal[]) => Promise<RawVal[]>, name: string,
  ): HostFuncDef {
    return new HostFuncDef(sig, (store, self) => (args) => {
      // Refuse before running the body: a synchronous caller could not wait for it.
      if (!canSuspend(self.inst!)) throw new Error(`async host function ${name} was called from a synchronous call; use callAsync, instantiateAsync or moduleAsync`);
      const pending = start(store, Caller.current(store, self.inst) as Caller<T>, args);
      throw suspendHostCall(self.inst!, pending, sig.results);
    }, (store, args) => start(store, new Caller(store, null), args), name);
  }
}

function argsFromRaw(store: Store<any>, sig: Signature, args: readonly RawVal[]): unknown[] {
  const ps = sig.params;
  const out = new Array<unknown>(ps.length);
  for (let i = 0; i < ps.length; i++) out[i] = fromRaw(store, ps[i]!, args[i]!);
  return out;
}

function resultsToRaw(store: Store<any>, sig: Signature, results: readonly unknown[]): RawVal[] {
  const types = store.engine.types;
  return sig.results.map((t, i) => toRaw(store, types, t, results[i]));
}

/** A `wrap` body's return value as raw results: nothing, one value, or an array of them. */
function wrapResultToRaw(store: Store<any>, sig: Signature, out: unknown): RawVal[] {
  const n = sig.results.length;
  if (n === 0) return [];
  if (n === 1) return [toRaw(store, store.engine.types, sig.results[0]!, out)];
  if (!Array.isArray(out) || out.length !== n) {
    throw new TypeError(`host function returned ${Array.isArray(out) ? out.length : 1} results, expected ${n}`);
  }
  return resultsToRaw(store, sig, out);
}

/** The function type of a signature, for messages. */
export function sigToFuncType(sig: Signature): FuncType {
  return { kind: 'func', params: [...sig.params], results: [...sig.results] };
}
