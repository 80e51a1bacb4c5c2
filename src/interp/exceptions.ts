/**
 * Throwing and catching wasm exceptions. `throwOp` builds the exception from the payload on the
 * stack and throws it as a WasmException (a JS throw, like a trap, so the dispatch loop needs no
 * extra checks); `catchException` looks for a handler in the thread's frames, innermost first,
 * and if one matches, makes it the running frame with the caught values in place.
 *
 * A WasmException thrown by a host function (from a nested call into wasm) is caught the same
 * way. Traps are never caught.
 */
import type { WasmFuncInst } from '../core/func.js';
import type { ModuleInst } from '../core/instance.js';
import { ExnInst, WasmException } from '../core/exn.js';
import type { RawVal } from '../core/values.js';
import { Trap, TrapCode } from '../util/errors.js';
import type { Thread } from './thread.js';
import { valWords, type CompiledFunc, type Handler } from './translate.js';
import { readVal, writeVal } from './values.js';

/** Executes Throw (tagidx argw) or ThrowRef (src): always throws. */
export function throwOp(t: Thread, inst: ModuleInst, c: Int32Array, pc: number, fw: number, isRef: boolean): never {
  const s = t.stack;
  if (isRef) {
    const exn = s.refs[fw + c[pc + 1]!] as ExnInst | null;
    if (exn === null) throw new Trap(TrapCode.NullReference, 'null exception reference');
    throw new WasmException(exn);
  }
  const tag = inst.tags[c[pc + 1]!]!;
  const payload: RawVal[] = [];
  let w = fw + c[pc + 2]!;
  for (const p of tag.params) {
    payload.push(readVal(s, w, p));
    w += valWords(p);
  }
  throw new WasmException(new ExnInst(tag, payload));
}

/** Finds a handler for `exn` in the thread's frames; on success the thread resumes at its pad. */
export function catchException(t: Thread, exn: ExnInst): boolean {
  for (let d = t.depth; d >= 0; d--) {
    const f: WasmFuncInst = d === t.depth ? t.func! : t.fFunc[d]!;
    const pc = d === t.depth ? t.pc : t.fPc[d]! - 1;
    const fw = d === t.depth ? t.fw : t.fFw[d]!;
    const cf = f.compiled as CompiledFunc;
    let h: Handler | null | undefined = cf.handlers.find((x) => pc >= x.start && pc < x.end);
    while (h) {
      let next: Handler | null | undefined;
      for (const cl of h.clauses) {
        if (cl.kind === 4) { next = cl.delegateTo; if (next === null) break; continue; }
        if (cl.kind <= 1 && f.instance.tags[cl.tag] !== exn.tag) continue;
        let w = fw + cl.dst;
        if (cl.kind <= 1) {
          const params = exn.tag.params;
          for (let i = 0; i < params.length; i++) {
            writeVal(t.stack, w, params[i]!, exn.payload[i]!);
            w += valWords(params[i]!);
          }
        }
        if (cl.kind === 1 || cl.kind === 3) t.stack.refs[w] = exn;
        if (cl.exnSlot >= 0) t.stack.refs[fw + cl.exnSlot] = exn;
        t.depth = d;
        t.func = f;
        t.pc = cl.pad;
        t.fw = fw;
        return true;
      }
      // No clause matched: a delegate moves on to its target handler, else the next outer one.
      h = next !== undefined ? next : cf.handlers.find((x) => x !== h && x.start <= h!.start && x.end >= h!.end && pc >= x.start && pc < x.end);
      if (next === null) h = null;
    }
  }
  return false;
}

/** True for a thrown value that wasm handlers may catch. */
export function isWasmException(e: unknown): e is WasmException {
  return e instanceof WasmException;
}
