/**
 * Suspending a thread inside a host call, for async host functions: the host function throws a
 * `HostSuspension` carrying a Promise of its results; `runSuspendable` catches it at the dispatch
 * loop's boundary, awaits the promise, writes the results where the call expects them and resumes
 * the loop. A rejection with a wasm exception is thrown into the calling frame, where a try_table
 * may catch it; any other rejection ends the call. Nothing of the wasm stack lives on the JS stack (the frames are the thread's own
 * arrays), so a suspension costs the same at any wasm call depth.
 *
 * A suspension can only be caught by the driver that runs the thread: `canSuspend()` tells a host
 * function whether its caller is such a thread, so that an async host function reached through a
 * synchronous call fails with a clear error instead of losing the call.
 *
 * What it does not do: suspend a host function that is itself the root of a call (the caller
 * awaits it directly), or a start function run by `instantiate` (run it through this driver).
 */
import type { HostFuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import type { ValType } from '../syntax/types.js';
import { Trap, TrapCode } from '../util/errors.js';
import { Iop, operandCount } from './code.js';
import { catchException, isWasmException } from './exceptions.js';
import { execute } from './exec.js';
import { hostCallArgWord, hostCallee, hostCaller } from './host-context.js';
import { returnFrom, RunResult, type Thread } from './thread.js';
import { typesWords, valWords, type CompiledFunc } from './translate.js';
import { writeVal } from './values.js';

/** Thrown by a host function to suspend its calling thread until `results` settles. */
export class HostSuspension {
  constructor(
    /** The host function's raw results, once available; a rejection is thrown into the caller. */
    readonly results: Promise<RawVal[]>,
    /** The thread that called the host function. */
    readonly thread: Thread,
    /** Absolute stack word of the call's arguments, where its results go. */
    readonly argWord: number,
    /** The host function's result types (the promise must deliver one raw value per type). */
    readonly resultTypes: readonly ValType[],
  ) {}
}

/** Threads being run by `runSuspendable` (the only ones a suspension can pause). */
const suspendable = new WeakSet<Thread>();

/**
 * Whether host function `self`, now running, was called by wasm on a thread that can be
 * suspended (and not, say, directly by another host function while that thread waits).
 */
export function canSuspend(self: HostFuncInst): boolean {
  const t = hostCaller();
  return t !== null && hostCallee() === self && suspendable.has(t);
}

/**
 * Suspends the running host call of `self` until `results` settles. Call it from inside the host
 * function and throw what it returns; requires `canSuspend(self)`.
 */
export function suspendHostCall(self: HostFuncInst, results: Promise<RawVal[]>, resultTypes: readonly ValType[]): HostSuspension {
  const t = hostCaller();
  if (t === null || !canSuspend(self)) {
    throw new Error('an async host function was called from a synchronous call; call it through an async entry point');
  }
  return new HostSuspension(results, t, hostCallArgWord(), resultTypes);
}

/**
 * Runs `thread` (already `start`ed with a wasm function) to completion, suspending at each async
 * host call. Resolves with the raw results; rejects with a Trap (with backtrace), a host error, or
 * an out-of-fuel Trap when `fuel` runs out.
 */
export async function runSuspendable(thread: Thread): Promise<RawVal[]> {
  suspendable.add(thread);
  try {
    for (;;) {
      let r: RunResult;
      try {
        r = execute(thread);
      } catch (e) {
        if (!(e instanceof HostSuspension) || e.thread !== thread) {
          if (e instanceof Trap && e.backtrace.length === 0) e.backtrace = thread.backtrace();
          throw e;
        }
        let results: RawVal[];
        try {
          results = await e.results;
        } catch (err) {
          // A rejection with a wasm exception is thrown into the caller, where a try_table may
          // catch it, exactly as if the host function had thrown it without suspending.
          if (isWasmException(err) && catchException(thread, err.exn)) continue;
          if (err instanceof Trap && err.backtrace.length === 0) err.backtrace = thread.backtrace();
          throw err;
        }
        if (resumeAfterHostCall(thread, e, results)) return thread.results();
        continue;
      }
      if (r === RunResult.Done) return thread.results();
      const trap = new Trap(TrapCode.OutOfFuel);
      trap.backtrace = thread.backtrace();
      throw trap;
    }
  } finally {
    suspendable.delete(thread);
  }
}

/**
 * Completes the host call the thread is stopped at: writes `results` at `argw` and moves past the
 * call (or, for a tail call, returns from the frame). Returns true when the thread has finished.
 */
function resumeAfterHostCall(t: Thread, susp: HostSuspension, results: readonly RawVal[]): boolean {
  const fn = t.func!;
  const code = (fn.compiled as CompiledFunc).code;
  const op = code[t.pc]!;
  const s = t.stack;
  const rs = susp.resultTypes, argw = susp.argWord;
  if (results.length !== rs.length) {
    throw new TypeError(`async host function returned ${results.length} values, expected ${rs.length}`);
  }
  if (!s.ensure(argw + typesWords(rs))) throw new Trap(TrapCode.StackExhausted);
  let w = argw;
  for (let i = 0; i < rs.length; i++) {
    writeVal(s, w, rs[i]!, results[i]!);
    w += valWords(rs[i]!);
  }
  if (op === Iop.ReturnCall || op === Iop.ReturnCallIndirect || op === Iop.ReturnCallRef) {
    return returnFrom(t, 0, typesWords(rs));
  }
  t.pc += 1 + operandCount(op, code, t.pc);
  return false;
}
