/**
 * Typing of reference instructions: ref.null / is_null / func / eq / as_non_null, the casts
 * (ref.test, ref.cast), extern/any conversion, i31, and the GC struct and array instructions with
 * their mutability, packedness and defaultability rules.
 *
 * Returns false for any other instruction.
 */
import type { InstrReader } from '../decoder/instr.js';
import { Op } from '../syntax/op.js';
import {
  AbsHeap, ANYREF, ARRAYREF, BOT, EQREF, EXTERNREF, I16, I31REF, I32, I8, V128, heapOf, isNullable, isNum,
  refType, unpacked, type FieldType,
} from '../syntax/types.js';
import { defaultable } from './context.js';
import type { FuncState } from './func-state.js';
import { requireDataCount } from './instr-memory.js';

function isPacked(t: number): boolean {
  return t === I8 || t === I16;
}

/** Field `y` of struct type `x`, or "unknown field". */
function field(s: FuncState, x: number, y: number): FieldType {
  const st = s.c.structTypeAt(x, s.at);
  const f = st.fields[y];
  if (f === undefined) s.fail(`unknown field ${y}`);
  return f;
}

function arrayField(s: FuncState, x: number): FieldType {
  return s.c.arrayTypeAt(x, s.at).field;
}

function requireMutableArray(s: FuncState, f: FieldType): void {
  if (!f.mutable) s.fail('immutable array');
}

function requireNumericArray(s: FuncState, f: FieldType): void {
  const t = unpacked(f.type);
  if (!isNum(t) && t !== V128) s.fail('array type is not numeric or vector');
}

function requireElemFits(s: FuncState, e: number, f: FieldType): void {
  const et = s.c.elem(e, s.at);
  if (!s.c.matches(et, unpacked(f.type))) s.fail('type mismatch: element segment does not match array field type');
}

/** Types `code` if it is a reference or GC instruction; returns whether it was one. */
export function checkRef(s: FuncState, r: InstrReader, code: number): boolean {
  const c = s.c;
  switch (code) {
    case Op.ref_null:
      c.checkHeap(r.heapType, s.at);
      s.push(refType(true, r.heapType));
      return true;
    case Op.ref_is_null:
      s.popRef();
      s.push(I32);
      return true;
    case Op.ref_as_non_null: {
      const t = s.popRef();
      s.push(t === BOT ? BOT : refType(false, heapOf(t)));
      return true;
    }
    case Op.ref_func: {
      const x = r.idx;
      c.funcTypeOf(x, s.at);
      if (!s.constMode && !c.refs.has(x)) s.fail(`undeclared function reference ${x}`);
      if (s.constMode) c.refs.add(x);
      s.push(refType(false, c.funcs[x]!));
      return true;
    }
    case Op.ref_eq:
      s.popT(EQREF);
      s.popT(EQREF);
      s.push(I32);
      return true;
    case Op.ref_test: case Op.ref_test_null: case Op.ref_cast: case Op.ref_cast_null: {
      c.checkHeap(r.heapType, s.at);
      s.popT(c.topRef(r.heapType));
      s.push(code === Op.ref_test || code === Op.ref_test_null ? I32 : refType(r.nullable, r.heapType));
      return true;
    }
    case Op.any_convert_extern: case Op.extern_convert_any: {
      const toAny = code === Op.any_convert_extern;
      const t = s.popT(toAny ? EXTERNREF : ANYREF);
      const nullable = t === BOT ? false : isNullable(t);
      s.push(refType(nullable, toAny ? AbsHeap.Any : AbsHeap.Extern));
      return true;
    }
    case Op.ref_i31:
      s.popT(I32);
      s.push(refType(false, AbsHeap.I31));
      return true;
    case Op.i31_get_s: case Op.i31_get_u:
      s.popT(I31REF);
      s.push(I32);
      return true;

    case Op.struct_new: {
      const st = c.structTypeAt(r.idx, s.at);
      for (let i = st.fields.length - 1; i >= 0; i--) s.popT(unpacked(st.fields[i]!.type));
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.struct_new_default: {
      const st = c.structTypeAt(r.idx, s.at);
      for (const f of st.fields) if (!defaultable(unpacked(f.type))) s.fail('field type is not defaultable');
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.struct_get: case Op.struct_get_s: case Op.struct_get_u: {
      const f = field(s, r.idx, r.idx2);
      if ((code !== Op.struct_get) !== isPacked(f.type)) {
        s.fail(code === Op.struct_get ? 'field is packed' : 'field is unpacked');
      }
      s.popT(refType(true, r.idx));
      s.push(unpacked(f.type));
      return true;
    }
    case Op.struct_set: {
      const f = field(s, r.idx, r.idx2);
      if (!f.mutable) s.fail('immutable field');
      s.popT(unpacked(f.type));
      s.popT(refType(true, r.idx));
      return true;
    }
    case Op.array_new: {
      const f = arrayField(s, r.idx);
      s.popT(I32);
      s.popT(unpacked(f.type));
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.array_new_default: {
      const f = arrayField(s, r.idx);
      if (!defaultable(unpacked(f.type))) s.fail('array type is not defaultable');
      s.popT(I32);
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.array_new_fixed: {
      const f = arrayField(s, r.idx);
      s.popN(unpacked(f.type), r.idx2);
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.array_new_data: {
      const f = arrayField(s, r.idx);
      requireNumericArray(s, f);
      requireDataCount(s);
      c.data(r.idx2, s.at);
      s.popT(I32);
      s.popT(I32);
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.array_new_elem: {
      const f = arrayField(s, r.idx);
      requireElemFits(s, r.idx2, f);
      s.popT(I32);
      s.popT(I32);
      s.push(refType(false, r.idx));
      return true;
    }
    case Op.array_get: case Op.array_get_s: case Op.array_get_u: {
      const f = arrayField(s, r.idx);
      if ((code !== Op.array_get) !== isPacked(f.type)) {
        s.fail(code === Op.array_get ? 'array is packed' : 'array is unpacked');
      }
      s.popT(I32);
      s.popT(refType(true, r.idx));
      s.push(unpacked(f.type));
      return true;
    }
    case Op.array_set: {
      const f = arrayField(s, r.idx);
      requireMutableArray(s, f);
      s.popT(unpacked(f.type));
      s.popT(I32);
      s.popT(refType(true, r.idx));
      return true;
    }
    case Op.array_len:
      s.popT(ARRAYREF);
      s.push(I32);
      return true;
    case Op.array_fill: {
      const f = arrayField(s, r.idx);
      requireMutableArray(s, f);
      s.popT(I32);
      s.popT(unpacked(f.type));
      s.popT(I32);
      s.popT(refType(true, r.idx));
      return true;
    }
    case Op.array_copy: {
      const fd = arrayField(s, r.idx);
      const fs = arrayField(s, r.idx2);
      requireMutableArray(s, fd);
      if (!c.matchesStorage(fs.type, fd.type)) s.fail('array types do not match');
      s.popT(I32);
      s.popT(I32);
      s.popT(refType(true, r.idx2));
      s.popT(I32);
      s.popT(refType(true, r.idx));
      return true;
    }
    case Op.array_init_data: case Op.array_init_elem: {
      const f = arrayField(s, r.idx);
      requireMutableArray(s, f);
      if (code === Op.array_init_data) {
        requireNumericArray(s, f);
        requireDataCount(s);
        c.data(r.idx2, s.at);
      } else {
        requireElemFits(s, r.idx2, f);
      }
      s.popT(I32);
      s.popT(I32);
      s.popT(I32);
      s.popT(refType(true, r.idx));
      return true;
    }
  }
  return false;
}

