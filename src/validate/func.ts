/**
 * The function-body validator: streams the operators of an instruction sequence with InstrReader and
 * types each against the FuncState stacks, one loop, no recursion — a body of a million nested
 * blocks costs a million frames in an array, not JS stack.
 *
 * Dispatch: instructions with a fixed signature in the opcode table are typed from it (after their
 * memarg or lane immediates are checked); the rest go to the families in instr-control.ts,
 * instr-memory.ts and instr-ref.ts, and variable access, drop and select are typed here.
 *
 * Constant expressions use the same loop in "const mode", where only constant instructions are
 * allowed and `global.get` sees only the globals defined before the expression.
 */
import { InstrReader } from '../decoder/instr.js';
import type { Code, Expr } from '../syntax/module.js';
import { Op } from '../syntax/op.js';
import { Imm, PREFIX_ATOMIC } from '../syntax/opcodes.js';
import { BOT, F32, F64, I32, I64, V128, valTypeToString, type FuncType, type ValType } from '../syntax/types.js';
import { invalid, malformed } from '../util/errors.js';
import type { ModuleContext } from './context.js';
import { FrameKind, FuncState, isNumOrVec } from './func-state.js';
import { checkControl } from './instr-control.js';
import { addrVal, checkMemarg, checkMemoryTable } from './instr-memory.js';
import { checkRef } from './instr-ref.js';
import { ADDR, sigOf } from './signatures.js';
import { skimStraight } from './straight.js';

/** Most locals a function may declare (as engines do); bounds the arrays built per function. */
export const MAX_LOCALS = 50000;

/** Instructions allowed in constant expressions besides global.get (Validation › Constant Expressions). */
const CONST_OPS = new Set<number>([
  Op.i32_const, Op.i64_const, Op.f32_const, Op.f64_const, Op.v128_const, Op.ref_null, Op.ref_func,
  Op.i32_add, Op.i32_sub, Op.i32_mul, Op.i64_add, Op.i64_sub, Op.i64_mul,
  Op.ref_i31, Op.struct_new, Op.struct_new_default, Op.array_new, Op.array_new_default,
  Op.array_new_fixed, Op.any_convert_extern, Op.extern_convert_any, Op.end,
]);

/** Validates one function body of type `ft` (Validation › Modules › Functions). */
export function validateFunc(s: FuncState, ft: FuncType, code: Code): void {
  const np = ft.params.length;
  // Count the declared locals ourselves before allocating: the counts come from the binary.
  let numLocals = 0;
  for (const d of code.locals) {
    numLocals += d.count;
    if (numLocals > MAX_LOCALS) throw malformed('too many locals', code.body.offset);
  }
  // The array of the previous body is refilled: only its first np + numLocals entries count.
  const locals = s.locals;
  for (let i = 0; i < np; i++) locals[i] = ft.params[i]!;
  let k = np;
  for (const d of code.locals) {
    s.c.checkVal(d.type, code.body.offset);
    for (let i = 0; i < d.count; i++) locals[k++] = d.type;
  }
  s.constMode = false;
  s.visibleGlobals = s.c.globals.length;
  s.reset(locals, k, np, ft.results);
  run(s, code.body);
}

/**
 * Validates a constant expression producing `t`, where only the first `visibleGlobals` globals may
 * be read (Validation › Constant Expressions).
 */
export function validateConstExpr(s: FuncState, e: Expr, t: ValType, visibleGlobals: number): void {
  s.constMode = true;
  s.visibleGlobals = visibleGlobals;
  s.reset(s.locals, 0, 0, [t]);
  run(s, e);
}

function run(s: FuncState, e: Expr): void {
  // One reader for all of a module's sequences: one per body was most of the validator's garbage.
  let r = s.reader;
  if (r === null) s.reader = r = new InstrReader(e.bytes, 0, e.bytes.length, e.offset);
  else r.reset(e.bytes, 0, e.bytes.length, e.offset);
  const skim = !s.constMode;
  for (;;) {
    if (skim) skimStraight(s, r);
    if (r.atEnd()) break;
    const code = r.next();
    s.at = r.opOffset;
    if (s.constMode && !CONST_OPS.has(code) && code !== Op.global_get) s.fail('constant expression required');
    step(s, r, code);
    if (s.depth === 0) {
      if (!r.atEnd()) throw malformed('section size mismatch', r.offset);
      return;
    }
  }
  throw malformed('unexpected end of section or function', r.offset);
}

function step(s: FuncState, r: InstrReader, code: number): void {
  // The commonest operators without a fixed signature first, by a dense switch on their byte:
  // the family checks below each switch over sparse (prefixed) codes, a chain of comparisons.
  switch (code) {
    case Op.local_get: {
      // Accept the common case outright; anything else takes the checking path for its error.
      const x = r.idx;
      if (x < s.numLocals && s.inited[x] === 1) {
        s.vals[s.sp++] = s.locals[x]!;
        return;
      }
      break;
    }
    case Op.local_set: case Op.local_tee: {
      const x = r.idx;
      const sp = s.sp;
      if (x < s.numLocals && sp > s.ctrls[s.depth - 1]!.height && s.vals[sp - 1] === s.locals[x]) {
        if (code === Op.local_set) s.sp = sp - 1;
        if (s.inited[x] === 0) s.initLocal(x);
        return;
      }
      break;
    }
    case Op.block: case Op.loop: case Op.if: {
      // No params, and no result or one numeric/vector result (no type to check).
      const t = r.blockType;
      if (r.blockTypeIdx >= 0 || t > 0 || t < V128) break;
      if (code === Op.if) {
        const sp = s.sp;
        if (sp <= s.ctrls[s.depth - 1]!.height || s.vals[sp - 1] !== I32) break;
        s.sp = sp - 1;
      }
      s.pushCtrl(code === Op.block ? FrameKind.Block : code === Op.loop ? FrameKind.Loop : FrameKind.If, NO_TYPES, resultsOf(t));
      return;
    }
    case Op.end: {
      // The stack holds exactly the frame's result types: leaving it changes nothing but the depth.
      const f = s.ctrls[s.depth - 1]!;
      const rs = f.results;
      const n = rs.length;
      const h = f.height;
      if (f.kind === FrameKind.If || s.sp - h !== n) break;
      let ok = true;
      for (let i = 0; ok && i < n; i++) ok = s.vals[h + i] === rs[i];
      if (!ok) break;
      s.resetInits(f.initHeight);
      s.depth--;
      return;
    }
    case Op.br_if: {
      // An i32 on top of exactly the label's types: the branch pops the i32 and nothing else.
      const l = r.idx;
      if (l >= s.depth) break;
      const target = s.ctrls[s.depth - 1 - l]!;
      const ts = target.kind === FrameKind.Loop ? target.params : target.results;
      const n = ts.length;
      const sp = s.sp - 1;
      if (sp - n < s.ctrls[s.depth - 1]!.height || s.vals[sp] !== I32) break;
      let ok = true;
      for (let i = 0; ok && i < n; i++) ok = s.vals[sp - n + i] === ts[i];
      if (!ok) break;
      s.sp = sp;
      return;
    }
    case Op.else: case Op.br: case Op.br_table: case Op.return: case Op.call: case Op.call_indirect:
    case Op.unreachable:
      checkControl(s, r, code);
      return;
  }
  const op = r.op;
  // data.drop and elem.drop have the fixed signature [] -> [] but an index to check.
  if (op.sig !== null && code !== Op.data_drop && code !== Op.elem_drop) {
    checkFixed(s, r, code);
    return;
  }
  if (checkLocal(s, r, code) || checkControl(s, r, code) || checkRef(s, r, code) || checkMemoryTable(s, r, code)) return;
  throw invalid(`unknown operator ${op.name}`, s.at);
}

/** Variable access, drop and select; returns whether `code` was one of them. */
function checkLocal(s: FuncState, r: InstrReader, code: number): boolean {
  const c = s.c;
  switch (code) {
    case Op.drop:
      s.pop();
      return true;
    case Op.select: {
      s.popT(I32);
      const t1 = s.pop();
      const t2 = s.pop();
      if (!(isNumOrVec(t1) || t1 === BOT) || !(isNumOrVec(t2) || t2 === BOT)) {
        s.fail(`type mismatch: instruction requires numeric or vector type but stack has ${valTypeToString(t1 === BOT ? t2 : t1)}`);
      }
      if (t1 !== t2 && t1 !== BOT && t2 !== BOT) s.fail('type mismatch: select operands differ');
      s.push(t1 === BOT ? t2 : t1);
      return true;
    }
    case Op.select_t: {
      if (r.types.length !== 1) s.fail('invalid result arity');
      const t = r.types[0]!;
      c.checkVal(t, s.at);
      s.popT(I32);
      s.popT(t);
      s.popT(t);
      s.push(t);
      return true;
    }
    case Op.local_get: {
      const t = s.localType(r.idx);
      if (s.inited[r.idx] === 0) s.fail('uninitialized local');
      s.push(t);
      return true;
    }
    case Op.local_set: {
      s.popT(s.localType(r.idx));
      s.initLocal(r.idx);
      return true;
    }
    case Op.local_tee: {
      const t = s.localType(r.idx);
      s.popT(t);
      s.initLocal(r.idx);
      s.push(t);
      return true;
    }
    case Op.global_get: {
      const g = c.global(r.idx, s.at, s.visibleGlobals);
      if (s.constMode && g.mutable) s.fail('constant expression required');
      s.push(g.type);
      return true;
    }
    case Op.global_set: {
      const g = c.global(r.idx, s.at);
      if (!g.mutable) s.fail('immutable global');
      s.popT(g.type);
      return true;
    }
  }
  return false;
}

const NO_TYPES: readonly ValType[] = [];
/** `[t]` for each numeric and vector type t (indexed by -t), shared by the block types that name one. */
const SINGLE_RESULTS: readonly (readonly ValType[])[] = [NO_TYPES, [I32], [I64], [F32], [F64], [V128]];

/** The results of a block type given as BOT (none) or a numeric or vector type. */
function resultsOf(t: ValType): readonly ValType[] {
  return t === BOT ? NO_TYPES : SINGLE_RESULTS[-t]!;
}

/** Parameter types of the fixed-signature instruction being checked (reused, never escapes). */
const scratch: ValType[] = [];

/** Types an instruction with a fixed signature, after checking its memarg / lane immediates. */
function checkFixed(s: FuncState, r: InstrReader, code: number): void {
  const op = r.op;
  let addr: ValType = I32;
  switch (op.imm) {
    case Imm.Memarg:
      addr = addrVal(checkMemarg(s, r, op.align, code >>> 16 === PREFIX_ATOMIC).addrType);
      break;
    case Imm.MemargLane:
      addr = addrVal(checkMemarg(s, r, op.align, false).addrType);
      // A lane access moves 2^align bytes, so a v128 holds 16 >> align such lanes.
      if (r.idx >= 16 >> op.align) s.fail('invalid lane index');
      break;
    case Imm.Lane:
      // For lane instructions the table's align column is the lane count.
      if (r.idx >= op.align) s.fail('invalid lane index');
      break;
    case Imm.Shuffle:
      for (let i = 0; i < 16; i++) if (r.v128[i]! >= 32) s.fail('invalid lane index');
      break;
  }
  const sig = sigOf(code)!;
  const ps = sig.params;
  const n = ps.length;
  const rs = sig.results;
  if (!sig.hasAddr) {
    // Fixed signatures hold only numeric and vector types, which match nothing but themselves:
    // operands equal to the params are accepted here; popAll handles the rest (BOT, errors).
    const vals = s.vals;
    const sp = s.sp;
    let ok = sp - s.ctrls[s.depth - 1]!.height >= n;
    for (let i = 0; ok && i < n; i++) ok = vals[sp - n + i] === ps[i];
    if (ok) s.sp = sp - n;
    else s.popAll(ps, n);
    for (let i = 0; i < rs.length; i++) vals[s.sp++] = rs[i]!;
    return;
  }
  for (let i = 0; i < n; i++) {
    const t = ps[i]!;
    scratch[i] = t === ADDR ? addr : t;
  }
  s.popAll(scratch, n);
  for (let i = 0; i < rs.length; i++) {
    const t = rs[i]!;
    s.push(t === ADDR ? addr : t);
  }
}

export { FuncState };
