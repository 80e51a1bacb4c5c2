/**
 * The call instructions, out of the dispatch loop: call, call_indirect, call_ref and their tail
 * forms. They update the thread's running frame (func, pc, fw); the loop reloads its locals after.
 *
 * `call_indirect` compares canonical type ids: equal ids match at once; otherwise the registry's
 * declared subtyping decides (GC), and without a registry the types differ.
 */
import type { FuncInst } from '../core/func.js';
import { Trap, TrapCode } from '../util/errors.js';
import { Iop } from './code.js';
import { instanceOptions } from './options.js';
import { callHostAt, enterWasm, tailCall, type Thread } from './thread.js';

/** The function a call_indirect selects, after the spec's checks. */
function indirectTarget(t: Thread, typeIdx: number, tableIdx: number, idxWord: number): FuncInst {
  const inst = t.func!.instance;
  const table = inst.tables[tableIdx]!;
  const i = t.stack.i32[idxWord]! >>> 0;
  if (i >= table.elements.length) throw new Trap(TrapCode.TableOutOfBounds, 'undefined element');
  const f = table.elements[i] as FuncInst | null;
  if (f === null || f === undefined) throw new Trap(TrapCode.UninitializedElement, `uninitialized element ${i}`);
  const want = inst.typeIds[typeIdx]!;
  if (f.typeId !== want) {
    const reg = instanceOptions(inst).registry;
    if (reg === undefined || !reg.isSubtype(f.typeId, want)) throw new Trap(TrapCode.IndirectCallTypeMismatch);
  }
  return f;
}

function refTarget(t: Thread, refWord: number): FuncInst {
  const f = t.stack.refs[refWord] as FuncInst | null;
  if (f === null) throw new Trap(TrapCode.NullFunctionReference);
  return f;
}

/**
 * Executes the call op at `pc` of `c` for the running frame of `t`. Returns true when the thread
 * has finished (a tail call that returned from the outermost frame).
 */
export function callOp(t: Thread, c: Int32Array, pc: number): boolean {
  const fw = t.fw;
  let f: FuncInst;
  let argw: number;
  let next: number;
  let tail = false;
  switch (c[pc]) {
    case Iop.Call: case Iop.ReturnCall:
      f = t.func!.instance.funcs[c[pc + 1]!]!;
      argw = fw + c[pc + 2]!;
      next = pc + 3;
      tail = c[pc] === Iop.ReturnCall;
      break;
    case Iop.CallIndirect: case Iop.ReturnCallIndirect:
      f = indirectTarget(t, c[pc + 1]!, c[pc + 2]!, fw + c[pc + 4]!);
      argw = fw + c[pc + 3]!;
      next = pc + 5;
      tail = c[pc] === Iop.ReturnCallIndirect;
      break;
    case Iop.CallRef: case Iop.ReturnCallRef:
      f = refTarget(t, fw + c[pc + 3]!);
      argw = fw + c[pc + 2]!;
      next = pc + 4;
      tail = c[pc] === Iop.ReturnCallRef;
      break;
    default:
      throw new Error(`callOp: not a call op ${c[pc]}`);
  }
  if (tail) return tailCall(t, f, argw);
  t.pc = next;
  if (f.kind === 'host') callHostAt(t, f, argw);
  else enterWasm(t, f, argw);
  return false;
}
