/**
 * The closure executor's loop: calls the current function's closures (compile.ts) one after the
 * other over the thread's explicit frames, the same frames the switch loop uses. It stops at the
 * first op it has no closure for and leaves the thread there (`BAILED`), so the switch loop can run
 * on from that op; the hand-over is one way, for the rest of this run.
 */
import { RunResult, type Thread } from '../thread.js';
import { closuresOf, faultPc, frame } from './compile.js';
import { bindThread, T } from './state.js';
import { BAIL, DONE, FRAME, OUT_OF_FUEL, RELOAD, type Op } from './ops.js';

/** `runClosures` stopped at an op it does not compile; the thread is left at that op. */
export const BAILED = -1;

/**
 * Runs `t` from its current frame and pc until done, out of fuel, or an op without a closure
 * (`BAILED`). Traps are thrown with the thread left at the faulting op (for backtraces).
 */
export function runClosures(t: Thread): RunResult | typeof BAILED {
  const outer = T;
  bindThread(t);
  let ops: Op[] = closuresOf(t.func!);
  let pc = t.pc;
  let fw = t.fw;
  let I32 = t.stack.i32;
  try {
    for (;;) {
      const r = ops[pc]!(I32, fw);
      if (r >= 0) {
        pc = r;
        continue;
      }
      if (r === FRAME) {
        ops = frame.ops;
        pc = frame.pc;
        fw = frame.fw;
        continue;
      }
      if (r === RELOAD) {
        ops = frame.ops;
        pc = frame.pc;
        fw = frame.fw;
        I32 = t.stack.i32;
        bindThread(t);
        continue;
      }
      t.pc = faultPc(ops, pc);
      t.fw = fw;
      if (r === DONE) return RunResult.Done;
      if (r === OUT_OF_FUEL) return RunResult.OutOfFuel;
      if (r === BAIL) return BAILED;
      throw new Error(`closure executor: bad signal ${r}`);
    }
  } catch (e) {
    t.pc = faultPc(ops, pc);
    t.fw = fw;
    throw e;
  } finally {
    if (outer !== null) bindThread(outer);
  }
}
