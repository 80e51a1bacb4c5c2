/**
 * Typing of control instructions: blocks, branches (including br_on_null / br_on_non_null /
 * br_on_cast*), calls and tail calls, and exception handling (try_table, throw, throw_ref, and the
 * legacy try / catch / catch_all / delegate / rethrow).
 *
 * Returns false for any other instruction so the dispatcher can try the next family.
 */
import type { InstrReader } from '../decoder/instr.js';
import { CatchKind } from '../decoder/instr.js';
import { Op } from '../syntax/op.js';
import {
  AbsHeap, BOT, EXNREF, FUNCREF, I32, I64, heapOf, refType, valTypeToString,
  type FuncType, type ValType,
} from '../syntax/types.js';
import { FrameKind, FuncState, showTypes } from './func-state.js';

const NONE: readonly ValType[] = [];

/** The [params] -> [results] of a block type. */
function blockSig(s: FuncState, r: InstrReader): FuncType {
  if (r.blockTypeIdx >= 0) return s.c.funcTypeAt(r.blockTypeIdx, s.at);
  if (r.blockType === BOT) return EMPTY_FT;
  s.c.checkVal(r.blockType, s.at);
  return { kind: 'func', params: NONE, results: [r.blockType] };
}
const EMPTY_FT: FuncType = { kind: 'func', params: NONE, results: NONE };

/** Pops the label's types and pushes them back (a branch that may fall through). */
function passThrough(s: FuncState, ts: readonly ValType[]): void {
  s.popAll(ts);
  s.pushAll(ts);
}

/** Checks that callee results match the caller's (tail calls). */
function checkTailResults(s: FuncState, results: readonly ValType[]): void {
  const mine = s.results;
  let ok = results.length === mine.length;
  for (let i = 0; ok && i < mine.length; i++) ok = s.c.matches(results[i]!, mine[i]!);
  if (!ok) {
    s.fail(`type mismatch: current function requires result type ${showTypes(mine)} but callee returns ${showTypes(results)}`);
  }
}

/** The function type a call_indirect's table and type index describe; pops the table index. */
function indirectType(s: FuncState, typeIdx: number, tableIdx: number): FuncType {
  const tt = s.c.table(tableIdx, s.at);
  if (!s.c.matches(tt.elemType, FUNCREF)) {
    s.fail(`type mismatch: instruction requires table of function type but table has element type ${valTypeToString(tt.elemType)}`);
  }
  const ft = s.c.funcTypeAt(typeIdx, s.at);
  s.popT(tt.addrType === 'i64' ? I64 : I32);
  return ft;
}

/** The label's types, split into the prefix and the last (which must exist) for br_on_non_null / casts. */
function lastLabelType(s: FuncState, ts: readonly ValType[], want: ValType): ValType {
  if (ts.length === 0) {
    s.fail(`type mismatch: instruction requires type ${valTypeToString(want)} but label has []`);
  }
  return ts[ts.length - 1]!;
}

/** Types `code` if it is a control instruction (see the file header); returns whether it was one. */
export function checkControl(s: FuncState, r: InstrReader, code: number): boolean {
  const c = s.c;
  switch (code) {
    case Op.unreachable:
      s.setUnreachable();
      return true;
    case Op.nop:
      return true;
    case Op.block: case Op.loop: case Op.try: {
      const ft = blockSig(s, r);
      s.popAll(ft.params);
      s.pushCtrl(code === Op.block ? FrameKind.Block : code === Op.loop ? FrameKind.Loop : FrameKind.Try, ft.params, ft.results);
      return true;
    }
    case Op.if: {
      const ft = blockSig(s, r);
      s.popT(I32);
      s.popAll(ft.params);
      s.pushCtrl(FrameKind.If, ft.params, ft.results);
      return true;
    }
    case Op.else: {
      const f = s.ctrls[s.depth - 1]!;
      if (s.depth === 0 || f.kind !== FrameKind.If) s.fail('else without if');
      s.checkFrameEnd(f);
      s.resetInits(f.initHeight);
      f.kind = FrameKind.Else;
      f.unreachable = false;
      s.pushAll(f.params);
      return true;
    }
    case Op.end: {
      const f = s.ctrls[s.depth - 1]!;
      if (f.kind === FrameKind.If) {
        // An if without else: the missing branch passes its params through as results.
        const ps = f.params, rs = f.results;
        let ok = ps.length === rs.length;
        for (let i = 0; ok && i < ps.length; i++) ok = c.matches(ps[i]!, rs[i]!);
        if (!ok) s.fail(`type mismatch: block requires ${showTypes(rs)} but stack has ${showTypes(ps)}`);
      }
      s.popCtrl();
      s.pushAll(f.results);
      return true;
    }
    case Op.br: {
      s.popAll(FuncState.labelTypes(s.label(r.idx)));
      s.setUnreachable();
      return true;
    }
    case Op.br_if: {
      const ts = FuncState.labelTypes(s.label(r.idx));
      s.popT(I32);
      passThrough(s, ts);
      return true;
    }
    case Op.br_table: {
      s.popT(I32);
      const arity = FuncState.labelTypes(s.label(r.idx)).length;
      const labels = r.labels;
      for (let i = 0; i < labels.length; i++) {
        const ts = FuncState.labelTypes(s.label(labels[i]!));
        if (ts.length !== arity) s.fail('type mismatch: br_table targets have different arities');
        // Push back what was popped, not the label's types: in unreachable code the operands stay
        // unknown, so targets with different types can share them.
        const base = s.sp;
        s.popAll(ts);
        const h = s.sp;
        const popped = base - h;
        const missing = ts.length - popped;
        if (missing > 0) {
          // The frame ran out of operands (unreachable code): the missing ones are unknown.
          for (let k = popped - 1; k >= 0; k--) s.vals[h + missing + k] = s.vals[h + k]!;
          for (let k = 0; k < missing; k++) s.vals[h + k] = BOT;
        }
        s.sp = h + ts.length;
      }
      s.popAll(FuncState.labelTypes(s.label(r.idx)));
      s.setUnreachable();
      return true;
    }
    case Op.return:
      s.popAll(s.results);
      s.setUnreachable();
      return true;
    case Op.call: {
      const ft = c.funcTypeOf(r.idx, s.at);
      s.popAll(ft.params);
      s.pushAll(ft.results);
      return true;
    }
    case Op.return_call: {
      const ft = c.funcTypeOf(r.idx, s.at);
      checkTailResults(s, ft.results);
      s.popAll(ft.params);
      s.setUnreachable();
      return true;
    }
    case Op.call_indirect: {
      const ft = indirectType(s, r.idx, r.idx2);
      s.popAll(ft.params);
      s.pushAll(ft.results);
      return true;
    }
    case Op.return_call_indirect: {
      const ft = indirectType(s, r.idx, r.idx2);
      checkTailResults(s, ft.results);
      s.popAll(ft.params);
      s.setUnreachable();
      return true;
    }
    case Op.call_ref: case Op.return_call_ref: {
      const ft = c.funcTypeAt(r.idx, s.at);
      s.popT(refType(true, r.idx));
      if (code === Op.return_call_ref) {
        checkTailResults(s, ft.results);
        s.popAll(ft.params);
        s.setUnreachable();
      } else {
        s.popAll(ft.params);
        s.pushAll(ft.results);
      }
      return true;
    }
    case Op.br_on_null: {
      const ts = FuncState.labelTypes(s.label(r.idx));
      const t = s.popRef();
      passThrough(s, ts);
      s.push(t === BOT ? BOT : refType(false, heapOf(t)));
      return true;
    }
    case Op.br_on_non_null: {
      const ts = FuncState.labelTypes(s.label(r.idx));
      const t = s.popRef();
      const nonNull = t === BOT ? BOT : refType(false, heapOf(t));
      const last = lastLabelType(s, ts, nonNull);
      if (!c.matches(nonNull, last)) {
        s.fail(`type mismatch: instruction requires type ${valTypeToString(nonNull)} but label has ${showTypes(ts)}`);
      }
      passThrough(s, ts.slice(0, -1));
      return true;
    }
    case Op.br_on_cast: case Op.br_on_cast_fail: {
      const ts = FuncState.labelTypes(s.label(r.idx));
      c.checkHeap(r.heapType, s.at);
      c.checkHeap(r.heapType2, s.at);
      const rt1 = refType(r.nullable, r.heapType);
      const rt2 = refType(r.nullable2, r.heapType2);
      if (!c.matches(rt2, rt1)) {
        s.fail(`type mismatch: type ${valTypeToString(rt2)} does not match ${valTypeToString(rt1)}`);
      }
      // The difference rt1 \ rt2: null stays possible only if rt2 does not take it.
      const diff = refType(r.nullable && !r.nullable2, r.heapType);
      const onBranch = code === Op.br_on_cast ? rt2 : diff;
      const onFall = code === Op.br_on_cast ? diff : rt2;
      const last = lastLabelType(s, ts, onBranch);
      if (!c.matches(onBranch, last)) {
        s.fail(`type mismatch: instruction requires type ${valTypeToString(onBranch)} but label has ${showTypes(ts)}`);
      }
      s.popT(rt1);
      passThrough(s, ts.slice(0, -1));
      s.push(onFall);
      return true;
    }
    case Op.throw: {
      const ft = c.tag(r.idx, s.at);
      s.popAll(ft.params);
      s.setUnreachable();
      return true;
    }
    case Op.throw_ref:
      s.popT(EXNREF);
      s.setUnreachable();
      return true;
    case Op.try_table: {
      const ft = blockSig(s, r);
      for (let i = 0; i < r.numCatches; i++) checkCatch(s, r, i);
      s.popAll(ft.params);
      s.pushCtrl(FrameKind.TryTable, ft.params, ft.results);
      return true;
    }
    case Op.catch: case Op.catch_all: {
      const f = s.ctrls[s.depth - 1]!;
      if (s.depth === 0 || (f.kind !== FrameKind.Try && f.kind !== FrameKind.Catch)) {
        s.fail(code === Op.catch ? 'catch without try' : 'catch_all without try');
      }
      s.checkFrameEnd(f);
      s.resetInits(f.initHeight);
      f.unreachable = false;
      if (code === Op.catch) {
        f.kind = FrameKind.Catch;
        s.pushAll(c.tag(r.idx, s.at).params);
      } else {
        f.kind = FrameKind.CatchAll;
      }
      return true;
    }
    case Op.delegate: {
      const f = s.ctrls[s.depth - 1]!;
      if (s.depth === 0 || f.kind !== FrameKind.Try) s.fail('delegate without try');
      s.popCtrl();
      // The label counts from outside the try block; the function's own frame is a valid target.
      if (r.idx >= s.depth) s.fail(`unknown label ${r.idx}`);
      s.pushAll(f.results);
      return true;
    }
    case Op.rethrow: {
      const f = s.label(r.idx);
      if (f.kind !== FrameKind.Catch && f.kind !== FrameKind.CatchAll) s.fail('invalid rethrow label');
      s.setUnreachable();
      return true;
    }
  }
  return false;
}

/** Checks try_table's i-th catch clause against the label it targets (outside the try_table). */
function checkCatch(s: FuncState, r: InstrReader, i: number): void {
  const cl = r.catches[i]!;
  const ts = FuncState.labelTypes(s.label(cl.label));
  let provided: readonly ValType[];
  const exn = refType(false, AbsHeap.Exn);
  switch (cl.kind) {
    case CatchKind.Catch: provided = s.c.tag(cl.tag, s.at).params; break;
    case CatchKind.CatchRef: provided = [...s.c.tag(cl.tag, s.at).params, exn]; break;
    case CatchKind.CatchAll: provided = NONE; break;
    default: provided = [exn]; break;
  }
  let ok = provided.length === ts.length;
  for (let k = 0; ok && k < ts.length; k++) ok = s.c.matches(provided[k]!, ts[k]!);
  if (!ok) s.fail(`type mismatch: catch handler provides ${showTypes(provided)} but label requires ${showTypes(ts)}`);
}

