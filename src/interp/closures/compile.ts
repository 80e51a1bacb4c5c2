/**
 * Compiles a translated function's internal code (code.ts, the switch loop's ISA) into one closure
 * per op, its operands captured as constants: under `--jitless`, reading a captured constant is one
 * context-slot bytecode where the switch loop does a keyed load of `c[pc + k]` through an IC.
 *
 * Ops this compiler does not know (rare ones, and any the switch loop gains later) become a `BAIL`
 * closure: the runner hands the thread, at that op, to the switch loop, which runs the same code over
 * the same frames. So an unknown op costs speed, never correctness.
 */
import type { WasmFuncInst } from '../../core/func.js';
import type { MemoryInst } from '../../core/memory.js';
import { Trap, TrapCode } from '../../util/errors.js';
import { bulkOp, memorySizeOrGrow } from '../bulk.js';
import { callOp as callOpGeneral } from '../calls.js';
import { ADD_BRANCH_CMPS, Iop, isFuelled, operandCount, unfuelled } from '../code.js';
import { isRef } from '../../syntax/types.js';
import { execSimd } from '../exec-simd.js';
import { compiled, enterWasm } from '../thread.js';
import type { CompiledFunc } from '../translate.js';
import { F64, T } from './state.js';
import { compileNumeric } from './numeric-ops.js';
import { BAIL, DONE, FRAME, OUT_OF_FUEL, RELOAD, type Op } from './ops.js';

/** Where a FRAME/RELOAD op leaves the new frame for the runner. */
export const frame = { ops: [] as Op[], pc: 0, fw: 0 };

const bail: Op = () => BAIL;

/** The pcs of `f`'s ops that have no closure (they hand over to the switch loop); for tests. */
export function uncompiledPcs(f: WasmFuncInst): number[] {
  const c = compiled(f).code;
  const out: number[] = [];
  for (let pc = 0; pc < c.length; ) {
    const next = pc + 1 + operandCount(c[pc]!, c, pc);
    if (compileOp(f, c, pc, c[pc]!, next) === null) out.push(pc);
    pc = next;
  }
  return out;
}

function memOob(): Trap {
  return new Trap(TrapCode.MemoryOutOfBounds);
}

/** The closures of `f`'s code, indexed by pc (compiled on first use and cached on the CompiledFunc). */
export function closuresOf(f: WasmFuncInst): Op[] {
  const cf = compiled(f) as CompiledFunc & { closures?: Op[] };
  let ops = cf.closures;
  if (ops === undefined) cf.closures = ops = compileCode(f, cf.code);
  return ops;
}

function compileCode(f: WasmFuncInst, c: Int32Array): Op[] {
  const ops: Op[] = new Array<Op>(c.length).fill(bail);
  const starts: number[] = [];
  let pc = 0;
  while (pc < c.length) {
    const op = c[pc]!;
    const next = pc + 1 + operandCount(op, c, pc);
    const fn = compileOp(f, c, pc, op, next);
    if (fn !== null) ops[pc] = fn;
    starts.push(pc);
    pc = next;
  }
  return chainOps(c, ops, starts);
}

/** Longest run of plain ops a chained closure calls before its last op. */
const MAX_CHAIN = 6;

/**
 * Ops that never throw and always return the next pc (no branch, signal, trap or fuel): such an op
 * can run inside a chain without the runner seeing its pc.
 */
function isPlain(op: number): boolean {
  if (op >= 0x45 && op <= 0x4f) return true; // i32 eqz and comparisons
  if (op >= 0x50 && op <= 0x7e) return op < 0x6d || op > 0x70; // i64/f32/f64 comparisons, i32 and i64 arithmetic but i32 div/rem
  if (op >= 0x83 && op <= 0xa7) return true; // i64 bitwise/shift/rotate, f32/f64 arithmetic, wrap
  if (op >= 0xac && op <= 0xad) return true;
  if (op >= 0xb2 && op <= 0xc4) return true; // float conversions from integers, reinterpretations, extensions
  if (op >= Iop.MiscBase && op <= Iop.MiscBase + 7) return true; // saturating truncations
  if (op >= Iop.ImmBase + 0x46 && op <= Iop.ImmBase + 0x76) return op < Iop.ImmBase + 0x6d || op > Iop.ImmBase + 0x70;
  switch (op) {
    case Iop.Copy1: case Iop.Copy2: case Iop.Copy4: case Iop.CopyRef: case Iop.Move:
    case Iop.Const32: case Iop.Const64: case Iop.Const128:
    case Iop.Select32: case Iop.Select64: case Iop.GlobalGet32: case Iop.GlobalSet32: case Iop.AddShl:
      return true;
  }
  return false;
}

/** Where a chain that starts at a pc really ends (its last op), per op array: for signals and traps. */
const CHAIN_ENDS = new WeakMap<Op[], Map<number, number>>();

/**
 * The pc the runner must report for a signal or exception from the closure at `pc`: a chain's
 * plain ops cannot signal or throw, so it is its last op's pc.
 */
export function faultPc(ops: Op[], pc: number): number {
  return CHAIN_ENDS.get(ops)?.get(pc) ?? pc;
}

/**
 * Replaces the closure at each op that starts a run of plain ops by one that calls the run and
 * the op after it directly: under Ignition this saves the loop's keyed load of the next closure,
 * the signal test and the pc update per op. A branch into the middle of a run still finds that
 * op's own chain there, so every pc stays a valid entry.
 */
function chainOps(c: Int32Array, single: Op[], starts: number[]): Op[] {
  const ops = single.slice();
  const ends = new Map<number, number>();
  for (let i = 0; i < starts.length; i++) {
    let j = i;
    while (j < starts.length - 1 && j - i < MAX_CHAIN && single[starts[j]!] !== bail && isPlain(c[starts[j]!]!)) j++;
    if (j === i) continue;
    const run = starts.slice(i, j).map((p) => single[p]!);
    const last = single[starts[j]!]!;
    ops[starts[i]!] = chain(run, last);
    ends.set(starts[i]!, starts[j]!);
  }
  CHAIN_ENDS.set(ops, ends);
  return ops;
}

function chain(run: Op[], z: Op): Op {
  const [a, b, d, e, g, h] = run as [Op, Op, Op, Op, Op, Op];
  switch (run.length) {
    case 1: return (I32, fw) => { a(I32, fw); return z(I32, fw); };
    case 2: return (I32, fw) => { a(I32, fw); b(I32, fw); return z(I32, fw); };
    case 3: return (I32, fw) => { a(I32, fw); b(I32, fw); d(I32, fw); return z(I32, fw); };
    case 4: return (I32, fw) => { a(I32, fw); b(I32, fw); d(I32, fw); e(I32, fw); return z(I32, fw); };
    case 5: return (I32, fw) => { a(I32, fw); b(I32, fw); d(I32, fw); e(I32, fw); g(I32, fw); return z(I32, fw); };
    default: return (I32, fw) => { a(I32, fw); b(I32, fw); d(I32, fw); e(I32, fw); g(I32, fw); h(I32, fw); return z(I32, fw); };
  }
}

function compileOp(f: WasmFuncInst, c: Int32Array, pc: number, op: number, next: number): Op | null {
  const o1 = c[pc + 1]!, o2 = c[pc + 2]!, o3 = c[pc + 3]!, c4 = c[pc + 4]!, c5 = c[pc + 5]!;
  switch (op) {
    case Iop.Br: return () => o1;
    case Iop.BrIf: return (I32, fw) => (I32[fw + o1] !== 0 ? o2 : next);
    case Iop.BrUnless: return (I32, fw) => (I32[fw + o1] === 0 ? o2 : next);
    case Iop.BrEqz: return (I32, fw) => (I32[fw + o1] === 0 ? o2 : next);
    case Iop.BrNez: return (I32, fw) => (I32[fw + o1] !== 0 ? o2 : next);
    case Iop.Copy1: return (I32, fw) => { I32[fw + o1] = I32[fw + o2]!; return next; };
    case Iop.Copy2: return (I32, fw) => { I32[fw + o1] = I32[fw + o2]!; I32[fw + o1 + 1] = I32[fw + o2 + 1]!; return next; };
    case Iop.Const32: return (I32, fw) => { I32[fw + o1] = o2; return next; };
    case Iop.Const64: return (I32, fw) => { I32[fw + o1] = o2; I32[fw + o1 + 1] = o3; return next; };
    // dst a b cond (code.ts): dst := cond ? a : b.
    case Iop.Select32: return (I32, fw) => { I32[fw + o1] = I32[fw + (I32[fw + c4] !== 0 ? o2 : o3)]!; return next; };
    case Iop.Select64:
      return (I32, fw) => {
        const s = fw + (I32[fw + c4] !== 0 ? o2 : o3);
        I32[fw + o1] = I32[s]!; I32[fw + o1 + 1] = I32[s + 1]!;
        return next;
      };
    case Iop.Fuel:
      return () => {
        if (T.fuel < o1) return OUT_OF_FUEL;
        T.fuel -= o1;
        return next;
      };
    case Iop.Return: return returnOp(o1, o2, f.type.results.some(isRef));
    case Iop.Call: return callOp(f, c, pc, o1, o2, next);
    case Iop.CallIndirect: case Iop.CallRef:
    case Iop.ReturnCall: case Iop.ReturnCallIndirect: case Iop.ReturnCallRef:
      return generalCall(c, pc);
    case Iop.Unreachable: return () => { throw new Trap(TrapCode.Unreachable); };
    case Iop.Trap: return () => { throw new Trap(o1); };
    case Iop.BrTable: {
      const targets = Array.from(c.subarray(pc + 3, pc + 3 + o2 + 1));
      return (I32, fw) => { const i = I32[fw + o1]! >>> 0; return targets[i < o2 ? i : o2]!; };
    }
    case Iop.Copy4:
      return (I32, fw) => {
        I32[fw + o1] = I32[fw + o2]!; I32[fw + o1 + 1] = I32[fw + o2 + 1]!;
        I32[fw + o1 + 2] = I32[fw + o2 + 2]!; I32[fw + o1 + 3] = I32[fw + o2 + 3]!;
        return next;
      };
    case Iop.CopyRef: return (_I, fw) => { const R = T.stack.refs; R[fw + o1] = R[fw + o2]!; return next; };
    case Iop.Move:
      return (I32, fw) => {
        const R = T.stack.refs, d = fw + o1, s = fw + o2;
        for (let i = 0; i < o3; i++) { I32[d + i] = I32[s + i]!; R[d + i] = R[s + i]!; }
        return next;
      };
    case Iop.GlobalGet32: {
      const g = f.instance.globals[o2]!;
      return (I32, fw) => { I32[fw + o1] = g.value as number; return next; };
    }
    case Iop.GlobalSet32: {
      const g = f.instance.globals[o1]!;
      return (I32, fw) => { g.value = I32[fw + o2]!; return next; };
    }
    case Iop.Const128:
      return (I32, fw) => {
        I32[fw + o1] = o2; I32[fw + o1 + 1] = o3; I32[fw + o1 + 2] = c4; I32[fw + o1 + 3] = c5;
        return next;
      };
    case Iop.Simd: {
      const inst = f.instance;
      // execSimd runs this op and the SIMD-loop ops after it, and returns where it stopped.
      return (I32, fw) => execSimd(inst, I32, T.stack.f32, fw, c, pc);
    }
    case Iop.MemorySize: case Iop.MemoryGrow: {
      const inst = f.instance;
      return (_I, fw) => { memorySizeOrGrow(op, inst, T.stack, fw, c, pc); return next; };
    }
  }
  if (op >= Iop.MiscBase + 8 && op <= Iop.MiscBase + 0x11) {
    const inst = f.instance;
    return (_I, fw) => { bulkOp(op, inst, T.stack, fw, c, pc); return next; };
  }
  if (isFuelled(op)) return fuelBranch(f, c, pc, op, next);
  if (op >= Iop.ImmBase + 0x46 && op <= Iop.ImmBase + 0x76) return i32Binary(op - Iop.ImmBase, o1, o2, o3, true, next);
  if (op >= 0x61 && op <= 0x66) return f64Cmp(op, o1, o2, o3, next);
  if (op >= 0x46 && op <= 0x78) return i32Binary(op, o1, o2, o3, false, next) ?? compileNumeric(op, o1, o2, o3, next);
  if (op >= Iop.BrCmpBase + 0x46 && op <= Iop.BrCmpBase + 0x4f) return brCmp(op - Iop.BrCmpBase, o1, o2, o3, false, next);
  if (op >= Iop.BrCmpImmBase + 0x46 && op <= Iop.BrCmpImmBase + 0x4f) return brCmp(op - Iop.BrCmpImmBase, o1, o2, o3, true, next);
  if (op === 0x45) return (I32, fw) => { I32[fw + o1] = I32[fw + o2] === 0 ? 1 : 0; return next; };
  if (op >= 0x28 && op <= 0x3e) return access(f, op, o1, o2, o3 >>> 0, c[pc + 4]!, 0, next, false);
  if (op >= Iop.I32LoadK && op <= Iop.I32Store8K) return accessK(f, c, pc, op, next);
  if (op >= Iop.AddImmBrBase && op < Iop.AddBrBase + ADD_BRANCH_CMPS.length) return addBranch(c, pc, op, next);
  if (op >= Iop.F64BinLoad && op < Iop.F64BinLoadK + 3) return f64BinLoad(f, c, pc, op, next);
  if (op === Iop.AddShl) {
    const s4 = c4;
    return (I32, fw) => { I32[fw + o1] = I32[fw + o2]! + (I32[fw + o3]! << s4); return next; };
  }
  if (op === Iop.I32LoadShlK) {
    const m: MemoryInst = f.instance.memories[c4]!, off = o3 >>> 0, k = c5, sh = c[pc + 6]!;
    return (I32, fw) => {
      const ea = (((I32[fw + o2]! << sh) + k) >>> 0) + off;
      if (ea + 4 > m.bytes.length) throw memOob();
      I32[fw + o1] = m.view.getInt32(ea, true);
      return next;
    };
  }
  if (op === Iop.F64MulLoad2) {
    // dst baseA offA kA baseB offB kB mem (code.ts): A is read and checked first, as in exec.ts.
    const m: MemoryInst = f.instance.memories[c[pc + 8]!]!, offA = o3 >>> 0, kA = c4, bB = c5;
    const offB = c[pc + 6]! >>> 0, kB = c[pc + 7]!;
    return (I32, fw) => {
      const ea = ((I32[fw + o2]! + kA) >>> 0) + offA;
      if (ea + 8 > m.bytes.length) throw memOob();
      const eb = ((I32[fw + bB]! + kB) >>> 0) + offB;
      if (eb + 8 > m.bytes.length) throw memOob();
      F64[(fw + o1) >> 1] = m.view.getFloat64(ea, true) * m.view.getFloat64(eb, true);
      return next;
    };
  }
  if (op >= 0x61 && op <= 0x66) return f64Cmp(op, o1, o2, o3, next);
  if (op >= 0xa0 && op <= 0xa3) return f64Binary(op, o1, o2, o3, next);
  if (op >= 0x45 && op <= Iop.MiscBase + 7) return compileNumeric(op, o1, o2, o3, next);
  return null;
}

/**
 * A fuel-charging branch (code.ts FuelBranchDelta): the plain branch, and when it goes to its
 * target (a `Fuel n` op) it charges n and lands after it, or lands on it when fuel is short so that
 * it pauses there. A target equal to the fall-through pc charges the same either way.
 */
function fuelBranch(f: WasmFuncInst, c: Int32Array, pc: number, op: number, next: number): Op | null {
  const plainOp = unfuelled(op);
  const plain = compileOp(f, c, pc, plainOp, next);
  if (plain === null) return null;
  const target = c[pc + operandCount(plainOp, c, pc)]!;
  if (c[target] !== Iop.Fuel) return null;
  const n = c[target + 1]!;
  const after = target + 2;
  return (I32, fw) => {
    const r = plain(I32, fw);
    if (r !== target) return r;
    const t = T;
    if (t.fuel < n) return target;
    t.fuel -= n;
    return after;
  };
}

/**
 * `i32.add` (immediate or word) then a compare-immediate branch on the sum (code.ts AddImmBrBase,
 * AddBrBase): d a k|b imm target.
 */
function addBranch(c: Int32Array, pc: number, op: number, next: number): Op {
  const imm = op < Iop.AddBrBase;
  const cmp = ADD_BRANCH_CMPS[op - (imm ? Iop.AddImmBrBase : Iop.AddBrBase)]!;
  const d = c[pc + 1]!, a = c[pc + 2]!, b = c[pc + 3]!, v = c[pc + 4]!, target = c[pc + 5]!, vu = v >>> 0;
  const sum = imm ? (I32: Int32Array, fw: number): number => (I32[fw + a]! + b) | 0 : (I32: Int32Array, fw: number): number => (I32[fw + a]! + I32[fw + b]!) | 0;
  switch (cmp) {
    case 0x47: return (I32, fw) => { const x = sum(I32, fw); I32[fw + d] = x; return x !== v ? target : next; };
    case 0x48: return (I32, fw) => { const x = sum(I32, fw); I32[fw + d] = x; return x < v ? target : next; };
    case 0x49: return (I32, fw) => { const x = sum(I32, fw); I32[fw + d] = x; return x >>> 0 < vu ? target : next; };
    case 0x4a: return (I32, fw) => { const x = sum(I32, fw); I32[fw + d] = x; return x > v ? target : next; };
    default: return (I32, fw) => { const x = sum(I32, fw); I32[fw + d] = x; return x >>> 0 > vu ? target : next; };
  }
}

/** f64.add/sub/mul with an f64.load right operand (code.ts F64BinLoad, F64BinLoadK): as exec.ts. */
function f64BinLoad(f: WasmFuncInst, c: Int32Array, pc: number, op: number, next: number): Op {
  const withK = op >= Iop.F64BinLoadK;
  const which = op - (withK ? Iop.F64BinLoadK : Iop.F64BinLoad);
  const d = c[pc + 1]!, a = c[pc + 2]!, base = c[pc + 3]!, off = c[pc + 4]! >>> 0;
  const m: MemoryInst = f.instance.memories[c[pc + 5]!]!, k = withK ? c[pc + 6]! : 0;
  const load = (I32: Int32Array, fw: number): number => {
    const ea = ((I32[fw + base]! + k) >>> 0) + off;
    if (ea + 8 > m.bytes.length) throw memOob();
    return m.view.getFloat64(ea, true);
  };
  switch (which) {
    case 0: return (I32, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! + load(I32, fw); return next; };
    case 1: return (I32, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! - load(I32, fw); return next; };
    default: return (I32, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! * load(I32, fw); return next; };
  }
}

function returnOp(src: number, n: number, refs: boolean): Op {
  // Numeric results need no reference copy: nothing reads a reference slot as anything but a
  // reference, and a numeric result's slot is never read as one.
  const move = src === 0 ? 0 : refs ? 1 : n === 2 ? 2 : 3;
  return (I32, fw) => {
    const t = T;
    if (move === 2) {
      I32[fw] = I32[fw + src]!;
      I32[fw + 1] = I32[fw + src + 1]!;
    } else if (move !== 0) {
      const R = t.stack.refs;
      for (let i = 0; i < n; i++) {
        I32[fw + i] = I32[fw + src + i]!;
        if (move === 1) R[fw + i] = R[fw + src + i]!;
      }
    }
    if (t.depth === 0) return DONE;
    const d = --t.depth;
    const f = t.fFunc[d]!;
    t.func = f;
    // The caller's frame may have been pushed by the switch loop (a resumed run): compile it then.
    frame.ops = (f.compiled as CompiledFunc & { closures?: Op[] }).closures ?? closuresOf(f);
    frame.pc = t.fPc[d]!;
    frame.fw = t.fFw[d]!;
    return FRAME;
  };
}

/**
 * A call of a wasm function: the fast path for a translated callee whose frame fits the stack as
 * it is, else `enterWasm` (translation, stack growth, depth check) and a reload of the stack views.
 * Host callees bail to the switch loop.
 */
function callOp(f: WasmFuncInst, c: Int32Array, pc: number, idx: number, argw: number, ret: number): Op {
  const callee = f.instance.funcs[idx]!;
  if (callee.kind !== 'wasm') return generalCall(c, pc);
  let calleeOps: Op[] | null = null;
  return (I32, fw) => {
    const t = T;
    const cf = callee.compiled as CompiledFunc | null;
    const nfw = fw + argw;
    if (cf === null || t.depth >= t.maxCallDepth || nfw + cf.frameWords + 4 > t.stack.capacity) {
      t.pc = ret;
      t.fw = fw;
      enterWasm(t, callee, nfw);
      frame.ops = calleeOps ??= closuresOf(callee);
      // enterWasm may charge the callee's entry fuel segment and start after its Fuel op.
      frame.pc = t.pc;
      frame.fw = nfw;
      return RELOAD;
    }
    const d = t.depth++;
    t.fFunc[d] = t.func!;
    t.fPc[d] = ret;
    t.fFw[d] = fw;
    const R = t.stack.refs;
    for (let i = nfw + cf.paramWords, e = nfw + cf.localWords; i < e; i++) {
      I32[i] = 0;
      R[i] = null;
    }
    t.func = callee;
    frame.ops = calleeOps ??= closuresOf(callee);
    frame.pc = 0;
    frame.fw = nfw;
    return FRAME;
  };
}

/**
 * Any call through calls.ts (host callees, call_indirect, call_ref, tail calls): the thread's frame
 * is updated there, and the runner reloads everything from it (a host call may have grown the stack).
 */
function generalCall(c: Int32Array, pc: number): Op {
  return (_I, fw) => {
    const t = T;
    t.pc = pc;
    t.fw = fw;
    if (callOpGeneral(t, c, pc)) return DONE;
    frame.ops = closuresOf(t.func!);
    frame.pc = t.pc;
    frame.fw = t.fw;
    return RELOAD;
  };
}

function i32Binary(op: number, d: number, a: number, b: number, imm: boolean, next: number): Op | null {
  if (imm) {
    switch (op) {
      case 0x46: return (I32, fw) => { I32[fw + d] = I32[fw + a] === b ? 1 : 0; return next; };
      case 0x47: return (I32, fw) => { I32[fw + d] = I32[fw + a] !== b ? 1 : 0; return next; };
      case 0x48: return (I32, fw) => { I32[fw + d] = I32[fw + a]! < b ? 1 : 0; return next; };
      case 0x49: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 < b >>> 0 ? 1 : 0; return next; };
      case 0x4a: return (I32, fw) => { I32[fw + d] = I32[fw + a]! > b ? 1 : 0; return next; };
      case 0x4b: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 > b >>> 0 ? 1 : 0; return next; };
      case 0x4c: return (I32, fw) => { I32[fw + d] = I32[fw + a]! <= b ? 1 : 0; return next; };
      case 0x4d: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 <= b >>> 0 ? 1 : 0; return next; };
      case 0x4e: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >= b ? 1 : 0; return next; };
      case 0x4f: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 >= b >>> 0 ? 1 : 0; return next; };
      case 0x6a: return (I32, fw) => { I32[fw + d] = I32[fw + a]! + b; return next; };
      case 0x6b: return (I32, fw) => { I32[fw + d] = I32[fw + a]! - b; return next; };
      case 0x6c: return (I32, fw) => { I32[fw + d] = Math.imul(I32[fw + a]!, b); return next; };
      case 0x71: return (I32, fw) => { I32[fw + d] = I32[fw + a]! & b; return next; };
      case 0x72: return (I32, fw) => { I32[fw + d] = I32[fw + a]! | b; return next; };
      case 0x73: return (I32, fw) => { I32[fw + d] = I32[fw + a]! ^ b; return next; };
      case 0x74: return (I32, fw) => { I32[fw + d] = I32[fw + a]! << b; return next; };
      case 0x75: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >> b; return next; };
      case 0x76: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> b; return next; };
    }
    return null;
  }
  switch (op) {
    case 0x46: return (I32, fw) => { I32[fw + d] = I32[fw + a] === I32[fw + b] ? 1 : 0; return next; };
    case 0x47: return (I32, fw) => { I32[fw + d] = I32[fw + a] !== I32[fw + b] ? 1 : 0; return next; };
    case 0x48: return (I32, fw) => { I32[fw + d] = I32[fw + a]! < I32[fw + b]! ? 1 : 0; return next; };
    case 0x49: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 < I32[fw + b]! >>> 0 ? 1 : 0; return next; };
    case 0x4a: return (I32, fw) => { I32[fw + d] = I32[fw + a]! > I32[fw + b]! ? 1 : 0; return next; };
    case 0x4b: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 > I32[fw + b]! >>> 0 ? 1 : 0; return next; };
    case 0x4c: return (I32, fw) => { I32[fw + d] = I32[fw + a]! <= I32[fw + b]! ? 1 : 0; return next; };
    case 0x4d: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 <= I32[fw + b]! >>> 0 ? 1 : 0; return next; };
    case 0x4e: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >= I32[fw + b]! ? 1 : 0; return next; };
    case 0x4f: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> 0 >= I32[fw + b]! >>> 0 ? 1 : 0; return next; };
    case 0x6a: return (I32, fw) => { I32[fw + d] = I32[fw + a]! + I32[fw + b]!; return next; };
    case 0x6b: return (I32, fw) => { I32[fw + d] = I32[fw + a]! - I32[fw + b]!; return next; };
    case 0x6c: return (I32, fw) => { I32[fw + d] = Math.imul(I32[fw + a]!, I32[fw + b]!); return next; };
    case 0x71: return (I32, fw) => { I32[fw + d] = I32[fw + a]! & I32[fw + b]!; return next; };
    case 0x72: return (I32, fw) => { I32[fw + d] = I32[fw + a]! | I32[fw + b]!; return next; };
    case 0x73: return (I32, fw) => { I32[fw + d] = I32[fw + a]! ^ I32[fw + b]!; return next; };
    case 0x74: return (I32, fw) => { I32[fw + d] = I32[fw + a]! << I32[fw + b]!; return next; };
    case 0x75: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >> I32[fw + b]!; return next; };
    case 0x76: return (I32, fw) => { I32[fw + d] = I32[fw + a]! >>> I32[fw + b]!; return next; };
  }
  return null;
}

function brCmp(op: number, a: number, b: number, target: number, imm: boolean, next: number): Op {
  if (imm) {
    const bu = b >>> 0;
    switch (op) {
      case 0x46: return (I32, fw) => (I32[fw + a] === b ? target : next);
      case 0x47: return (I32, fw) => (I32[fw + a] !== b ? target : next);
      case 0x48: return (I32, fw) => (I32[fw + a]! < b ? target : next);
      case 0x49: return (I32, fw) => (I32[fw + a]! >>> 0 < bu ? target : next);
      case 0x4a: return (I32, fw) => (I32[fw + a]! > b ? target : next);
      case 0x4b: return (I32, fw) => (I32[fw + a]! >>> 0 > bu ? target : next);
      case 0x4c: return (I32, fw) => (I32[fw + a]! <= b ? target : next);
      case 0x4d: return (I32, fw) => (I32[fw + a]! >>> 0 <= bu ? target : next);
      case 0x4e: return (I32, fw) => (I32[fw + a]! >= b ? target : next);
      default: return (I32, fw) => (I32[fw + a]! >>> 0 >= bu ? target : next);
    }
  }
  switch (op) {
    case 0x46: return (I32, fw) => (I32[fw + a] === I32[fw + b] ? target : next);
    case 0x47: return (I32, fw) => (I32[fw + a] !== I32[fw + b] ? target : next);
    case 0x48: return (I32, fw) => (I32[fw + a]! < I32[fw + b]! ? target : next);
    case 0x49: return (I32, fw) => (I32[fw + a]! >>> 0 < I32[fw + b]! >>> 0 ? target : next);
    case 0x4a: return (I32, fw) => (I32[fw + a]! > I32[fw + b]! ? target : next);
    case 0x4b: return (I32, fw) => (I32[fw + a]! >>> 0 > I32[fw + b]! >>> 0 ? target : next);
    case 0x4c: return (I32, fw) => (I32[fw + a]! <= I32[fw + b]! ? target : next);
    case 0x4d: return (I32, fw) => (I32[fw + a]! >>> 0 <= I32[fw + b]! >>> 0 ? target : next);
    case 0x4e: return (I32, fw) => (I32[fw + a]! >= I32[fw + b]! ? target : next);
    default: return (I32, fw) => (I32[fw + a]! >>> 0 >= I32[fw + b]! >>> 0 ? target : next);
  }
}

function f64Cmp(op: number, d: number, a: number, b: number, next: number): Op {
  switch (op) {
    case 0x61: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! === F64[(fw + b) >> 1]! ? 1 : 0; return next; };
    case 0x62: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! !== F64[(fw + b) >> 1]! ? 1 : 0; return next; };
    case 0x63: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! < F64[(fw + b) >> 1]! ? 1 : 0; return next; };
    case 0x64: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! > F64[(fw + b) >> 1]! ? 1 : 0; return next; };
    case 0x65: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! <= F64[(fw + b) >> 1]! ? 1 : 0; return next; };
    default: return (I32, fw) => { I32[fw + d] = F64[(fw + a) >> 1]! >= F64[(fw + b) >> 1]! ? 1 : 0; return next; };
  }
}

/** f64 add/sub/mul/div (0xa0–0xa3); the rest (min/max/copysign) bail. NaN bits of arithmetic results are nondeterministic in the spec. */
function f64Binary(op: number, d: number, a: number, b: number, next: number): Op | null {
  switch (op) {
    case 0xa0: return (_I, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! + F64[(fw + b) >> 1]!; return next; };
    case 0xa1: return (_I, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! - F64[(fw + b) >> 1]!; return next; };
    case 0xa2: return (_I, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! * F64[(fw + b) >> 1]!; return next; };
    case 0xa3: return (_I, fw) => { F64[(fw + d) >> 1] = F64[(fw + a) >> 1]! / F64[(fw + b) >> 1]!; return next; };
  }
  return null;
}

/** The plain loads and stores of i32 and f64 (word copies, so NaN bits are kept); others bail. */
function access(f: WasmFuncInst, op: number, x: number, y: number, off: number, memIdx: number, k: number, next: number, fused: boolean): Op | null {
  const m: MemoryInst = f.instance.memories[memIdx]!;
  // Loads: x = dst, y = address; stores: x = address, y = value.
  switch (op) {
    case 0x28: case 0x2a:
      return (I32, fw) => {
        const ea = ((I32[fw + y]! + k) >>> 0) + off;
        if (ea + 4 > m.bytes.length) throw memOob();
        I32[fw + x] = m.view.getInt32(ea, true);
        return next;
      };
    case 0x2b: case 0x29:
      return (I32, fw) => {
        const ea = ((I32[fw + y]! + k) >>> 0) + off;
        if (ea + 8 > m.bytes.length) throw memOob();
        const v = m.view;
        I32[fw + x] = v.getInt32(ea, true);
        I32[fw + x + 1] = v.getInt32(ea + 4, true);
        return next;
      };
    case 0x2d:
      return (I32, fw) => {
        const ea = ((I32[fw + y]! + k) >>> 0) + off;
        if (ea + 1 > m.bytes.length) throw memOob();
        I32[fw + x] = m.view.getUint8(ea);
        return next;
      };
    case 0x36: case 0x38:
      return (I32, fw) => {
        const ea = ((I32[fw + x]! + k) >>> 0) + off;
        if (ea + 4 > m.bytes.length) throw memOob();
        m.view.setInt32(ea, I32[fw + y]!, true);
        return next;
      };
    case 0x39: case 0x37:
      return (I32, fw) => {
        const ea = ((I32[fw + x]! + k) >>> 0) + off;
        if (ea + 8 > m.bytes.length) throw memOob();
        const v = m.view;
        v.setInt32(ea, I32[fw + y]!, true);
        v.setInt32(ea + 4, I32[fw + y + 1]!, true);
        return next;
      };
    case 0x3a:
      return (I32, fw) => {
        const ea = ((I32[fw + x]! + k) >>> 0) + off;
        if (ea + 1 > m.bytes.length) throw memOob();
        m.view.setInt8(ea, I32[fw + y]!);
        return next;
      };
  }
  void fused;
  return null;
}

const K_ACCESS = [0x28, 0x2b, 0x2d, 0x36, 0x39, 0x3a];

function accessK(f: WasmFuncInst, c: Int32Array, pc: number, op: number, next: number): Op | null {
  return access(f, K_ACCESS[op - Iop.I32LoadK]!, c[pc + 1]!, c[pc + 2]!, c[pc + 3]! >>> 0, c[pc + 4]!, c[pc + 5]!, next, true);
}
