/**
 * The interpreter's public face for the runtime: instantiation, calls (plain and resumable through
 * a Thread), the constant-expression evaluator, and the debugging disassembler.
 *
 * - `instantiate(module, imports, registry, options)` — see instantiate.ts.
 * - `invoke(func, args, options)` — one call to completion; throws Trap (with a backtrace) or
 *   whatever a host function threw; running out of fuel traps with TrapCode.OutOfFuel.
 * - `Thread` — `start(func, args)`, `run(): RunResult.Done | RunResult.OutOfFuel`, `addFuel(n)`,
 *   `results()`: the resumable form (fuel pauses, later async host calls and breakpoints).
 */
import type { FuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import { Trap, TrapCode } from '../util/errors.js';
import { RunResult, Thread, type ThreadOptions } from './thread.js';

export { instantiate, type InstantiateOptions } from './instantiate.js';
export { evalConstExpr, offsetValue, type ConstContext } from './const-expr.js';
export { Thread, RunResult, DEFAULT_MAX_CALL_DEPTH, compiled, type ThreadOptions } from './thread.js';
export { disassemble, Iop } from './code.js';
export { translate, type CompiledFunc } from './translate.js';

/** Calls `func` with raw arguments to completion and returns its raw results. */
export function invoke(func: FuncInst, args: RawVal[], options: ThreadOptions = {}): RawVal[] {
  const t = new Thread(options);
  t.start(func, args);
  if (t.run() === RunResult.OutOfFuel) {
    const trap = new Trap(TrapCode.OutOfFuel);
    trap.backtrace = t.backtrace();
    throw trap;
  }
  return t.results();
}
