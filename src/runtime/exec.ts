/**
 * The runtime's one door into the interpreter: instantiation, calls, and fuel bookkeeping between
 * the Store and an interpreter Thread. A call runs on a Thread (reused between calls) with the store's fuel; what
 * the thread did not use goes back to the store. Out of fuel traps a plain call, or pauses a
 * resumable one (`ResumableCall`) until the host adds fuel and resumes it. Keeping every interp
 * import here leaves room for another execution tier without touching the rest of runtime/.
 */
import type { FuncInst } from '../core/func.js';
import type { ExternVal, ModuleInst } from '../core/instance.js';
import type { RawVal } from '../core/values.js';
import { instantiate, RunResult, Thread } from '../interp/index.js';
import { Trap, TrapCode } from '../util/errors.js';
import type { Module } from './module.js';
import type { Store } from './store.js';

/** Instantiates `module` with already-matched imports, under the store's engine configuration. */
export function instantiateCore(store: Store<any>, module: Module, externs: ExternVal[]): ModuleInst {
  const config = store.engine.config;
  const inst = instantiate(module.ast, externs, store.engine.types, {
    fuel: config.consumeFuel,
    eager: config.compilation === 'eager',
    maxCallDepth: config.maxCallDepth,
    runStart: false,
  });
  // The start function is an ordinary call: it spends the store's fuel (running out traps) and
  // obeys the store's stack limits.
  const start = module.ast.start;
  if (start !== null) callFunc(store, inst.funcs[start]!, []);
  return inst;
}

/**
 * Threads running in each store, innermost last. A host function that calls back into wasm starts
 * a nested thread while the outer one waits in the host call; fuel must flow from the outer thread
 * to the inner one and back, so that nested calls spend from the same budget.
 */
const running = new WeakMap<Store<any>, Thread[]>();

/** Runs `body` with `thread` as the store's innermost running thread, passing fuel in and out. */
function enter<T>(store: Store<any>, thread: Thread, body: () => T): T {
  let stack = running.get(store);
  if (stack === undefined) running.set(store, (stack = []));
  const metered = store.engine.config.consumeFuel;
  const outer = stack.length > 0 ? stack[stack.length - 1]! : null;
  if (metered) {
    if (outer !== null) store.fuel = Math.max(0, outer.fuel);
    thread.fuel = store.fuel;
  }
  stack.push(thread);
  try {
    return body();
  } finally {
    stack.pop();
    if (metered) {
      store.fuel = Math.max(0, thread.fuel);
      if (outer !== null) outer.fuel = store.fuel;
    }
  }
}

/**
 * One idle thread per store, reused by the next plain call: building a Thread and its value stack
 * costs far more than a short call (3.6 µs per call of a two-argument `add` before, see
 * docs/RATIONALE.md). A thread that deep recursion grew past KEEP_STACK_WORDS is dropped instead,
 * so an idle store does not hold a large stack.
 */
const idleThreads = new WeakMap<Store<any>, Thread>();
const KEEP_STACK_WORDS = 1 << 14;

function takeThread(store: Store<any>): Thread {
  const t = idleThreads.get(store);
  if (t === undefined) return newThread(store);
  idleThreads.delete(store);
  return t;
}

function releaseThread(store: Store<any>, t: Thread): void {
  if (t.stack.capacity > KEEP_STACK_WORDS) return;
  // References left in the stack would keep host objects alive until the next call overwrote them.
  t.stack.refs.fill(null);
  idleThreads.set(store, t);
}

function newThread(store: Store<any>): Thread {
  const config = store.engine.config;
  const limits = { maxCallDepth: config.maxCallDepth, maxStackWords: Math.floor(config.maxStackBytes / 4), executor: config.executor };
  return new Thread(config.consumeFuel ? { fuel: store.fuel, ...limits } : limits);
}

/** Calls a host function directly (a host function that is the root of a call). */
function callHost(func: Extract<FuncInst, { kind: 'host' }>, args: RawVal[]): RawVal[] {
  const r = func.fn(args);
  const out = r === undefined || r === null ? [] : r;
  if (out.length !== func.type.results.length) {
    throw new TypeError(`host function ${func.name} returned ${out.length} values, expected ${func.type.results.length}`);
  }
  return out;
}

/**
 * Calls `func` with raw arguments and returns raw results. Throws Trap (with a wasm backtrace),
 * including TrapCode.OutOfFuel when the store's fuel runs out, or what a host function threw.
 */
export function callFunc(store: Store<any>, func: FuncInst, args: RawVal[]): RawVal[] {
  if (func.kind === 'host') return callHost(func, args);
  const thread = takeThread(store);
  try {
    return enter(store, thread, () => {
      thread.start(func, args);
      const r = thread.run();
      if (r === RunResult.OutOfFuel) {
        const trap = new Trap(TrapCode.OutOfFuel);
        trap.backtrace = thread.backtrace();
        throw trap;
      }
      return thread.results();
    });
  } finally {
    releaseThread(store, thread);
  }
}

/** A call that finished, with its results as API values. */
export interface FinishedCall {
  readonly done: true;
  readonly results: unknown[];
}

/** A call paused because the store ran out of fuel; add fuel to the store, then `resume`. */
export interface PausedCall {
  readonly done: false;
  /** Continues the call with the store's current fuel; throws like `Func.call` would. */
  resume(store: Store<any>): ResumableCall;
}

/** What `Func.callResumable` returns: finished, or paused for lack of fuel. */
export type ResumableCall = FinishedCall | PausedCall;

/**
 * Starts a call that pauses when fuel runs out. `convert` turns raw results into API values.
 * Without fuel metering this is the same as a plain call.
 */
export function startResumable(
  store: Store<any>, func: FuncInst, args: RawVal[], convert: (raw: RawVal[]) => unknown[],
): ResumableCall {
  if (func.kind === 'host') return { done: true, results: convert(callHost(func, args)) };
  const thread = newThread(store);
  thread.start(func, args);
  return step(store, thread, convert);
}

function step(store: Store<any>, thread: Thread, convert: (raw: RawVal[]) => unknown[]): ResumableCall {
  const r = enter(store, thread, () => thread.run());
  if (r === RunResult.Done) return { done: true, results: convert(thread.results()) };
  let resumed = false;
  return {
    done: false,
    resume(s: Store<any>): ResumableCall {
      if (s !== store) throw new Error('object used with the wrong store');
      if (resumed) throw new Error('this paused call was already resumed');
      resumed = true;
      return step(store, thread, convert);
    },
  };
}
