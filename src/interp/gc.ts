/**
 * GC instructions, out of the dispatch loop: struct and array allocation and access, i31, casts
 * (ref.test, ref.cast, br_on_cast), and the extern/any conversions (identity: an externalized
 * reference is the same JS value). Operand layout of the `Gc` op: sub dst o1 o2 o3 o4 o5 imm0 imm1
 * (frame words; for struct.new and array.new_fixed, o1 is where the contiguous operands start).
 *
 * Types arrive as module-relative indices (imm0) and are looked up in the instance's module;
 * objects carry canonical ids (inst.typeIds) so casts work across modules.
 */
import { ArrayInst, StructInst } from '../core/gc.js';
import type { FuncInst } from '../core/func.js';
import { ExnInst } from '../core/exn.js';
import type { ModuleInst } from '../core/instance.js';
import type { RawVal, Ref } from '../core/values.js';
import { AbsHeap, F32, F64, I16, I32, I64, I8, V128, type HeapType, type StorageType } from '../syntax/types.js';
import { Trap, TrapCode } from '../util/errors.js';
import { instanceOptions } from './options.js';
import type { StackViews } from './stack.js';
import { valWords } from './translate.js';
import { defaultVal, readVal, writeVal } from './values.js';

/** Largest array this implementation allocates. */
export const MAX_ARRAY_LENGTH = 1 << 26;

function nullStruct(): Trap { return new Trap(TrapCode.NullReference, 'null structure reference'); }
function nullArray(): Trap { return new Trap(TrapCode.NullReference, 'null array reference'); }
function arrayOob(): Trap { return new Trap(TrapCode.ArrayOutOfBounds); }

/** The unpacked value type of a storage type. */
function unpack(t: StorageType): number {
  return t === I8 || t === I16 ? I32 : t;
}

/** Packs a raw value for storage in a field of type `t`. */
export function packVal(t: StorageType, v: RawVal): RawVal {
  if (t === I8) return (v as number) & 0xff;
  if (t === I16) return (v as number) & 0xffff;
  return v;
}

/** Default raw value of a storage type. */
export function defaultStorage(t: StorageType): RawVal {
  return t === I8 || t === I16 ? 0 : defaultVal(t);
}

function structType(inst: ModuleInst, x: number) {
  const c = inst.module.types[x]!.comp;
  if (c.kind !== 'struct') throw new Error('gc: not a struct type');
  return c;
}

function arrayType(inst: ModuleInst, x: number) {
  const c = inst.module.types[x]!.comp;
  if (c.kind !== 'array') throw new Error('gc: not an array type');
  return c;
}

/** Size in bytes of a storage type in a data segment. */
function byteSize(t: StorageType): number {
  switch (t) {
    case I8: return 1;
    case I16: return 2;
    case I32: case F32: return 4;
    case I64: case F64: return 8;
    default: return 16;
  }
}

/** Reads one element of storage type `t` from `bytes` at `at` (little-endian) in raw form. */
function readStorage(bytes: Uint8Array, at: number, t: StorageType): RawVal {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (t) {
    case I8: return v.getUint8(at);
    case I16: return v.getUint16(at, true);
    case I32: case F32: return v.getInt32(at, true);
    case I64: return v.getBigInt64(at, true);
    case F64: return v.getBigUint64(at, true);
    case V128: return bytes.slice(at, at + 16);
    default: throw new Error('gc: reference elements have no byte form');
  }
}

/**
 * Whether reference `r` matches `(ref null? ht)` where `ht` is abstract or a canonical type id.
 */
export function refMatches(inst: ModuleInst, r: Ref, ht: HeapType, nullable: boolean): boolean {
  if (r === null) return nullable;
  const reg = instanceOptions(inst).registry;
  const sub = (id: number): boolean => id === ht || (reg !== undefined && reg.isSubtype(id, ht));
  // Externalized any references (extern.convert_any) keep their identity, so they match extern too.
  if (typeof r === 'number') return ht === AbsHeap.I31 || ht === AbsHeap.Eq || ht === AbsHeap.Any || ht === AbsHeap.Extern;
  if (r instanceof StructInst) {
    if (ht >= 0) return sub(r.typeId);
    return ht === AbsHeap.Struct || ht === AbsHeap.Eq || ht === AbsHeap.Any || ht === AbsHeap.Extern;
  }
  if (r instanceof ArrayInst) {
    if (ht >= 0) return sub(r.typeId);
    return ht === AbsHeap.Array || ht === AbsHeap.Eq || ht === AbsHeap.Any || ht === AbsHeap.Extern;
  }
  if (r instanceof ExnInst) return ht === AbsHeap.Exn;
  const f = r as FuncInst;
  if (f.kind === 'wasm' || f.kind === 'host') {
    if (ht >= 0) return sub(f.typeId);
    return ht === AbsHeap.Func;
  }
  // A host value internalized into the any hierarchy, or an extern reference.
  return ht === AbsHeap.Any || ht === AbsHeap.Extern;
}

/** A new struct of module type `x` from raw field values. */
export function newStruct(inst: ModuleInst, x: number, values: RawVal[] | null): StructInst {
  const st = structType(inst, x);
  const fields = st.fields.map((f, i) => (values === null ? defaultStorage(f.type) : packVal(f.type, values[i]!)));
  return new StructInst(inst.typeIds[x]!, fields);
}

/** A new array of module type `x`. */
export function newArray(inst: ModuleInst, x: number, n: number, init: RawVal | undefined): ArrayInst {
  const at = arrayType(inst, x);
  if (n > MAX_ARRAY_LENGTH) throw new Trap(TrapCode.ArrayTooLarge);
  const v = init === undefined ? defaultStorage(at.field.type) : packVal(at.field.type, init);
  return new ArrayInst(inst.typeIds[x]!, new Array<RawVal>(n).fill(v));
}

/** Executes the Gc op at `pc`; returns the next pc (br_on_cast may branch). */
export function gcOp(inst: ModuleInst, s: StackViews, fw: number, c: Int32Array, pc: number): number {
  const sub = c[pc + 1]!;
  const dst = fw + c[pc + 2]!;
  const o = (k: number): number => fw + c[pc + 2 + k]!;
  const imm0 = c[pc + 8]!, imm1 = c[pc + 9]!;
  const next = pc + 10;
  const refAt = (k: number): Ref => s.refs[o(k)] ?? null;
  const u32 = (k: number): number => s.i32[o(k)]! >>> 0;
  switch (sub) {
    case 0x00: case 0x01: { // struct.new / struct.new_default x
      let values: RawVal[] | null = null;
      if (sub === 0x00) {
        values = [];
        let w = o(1);
        for (const f of structType(inst, imm0).fields) {
          const t = unpack(f.type);
          values.push(readVal(s, w, t));
          w += valWords(t);
        }
      }
      s.refs[dst] = newStruct(inst, imm0, values);
      return next;
    }
    case 0x02: case 0x03: case 0x04: { // struct.get(_s/_u) x f
      const r = refAt(1) as StructInst | null;
      if (r === null) throw nullStruct();
      const ft = structType(inst, imm0).fields[imm1]!.type;
      writeVal(s, dst, unpack(ft), extend(ft, r.fields[imm1]!, sub === 0x03));
      return next;
    }
    case 0x05: { // struct.set x f: ref value
      const r = refAt(1) as StructInst | null;
      if (r === null) throw nullStruct();
      const ft = structType(inst, imm0).fields[imm1]!.type;
      r.fields[imm1] = packVal(ft, readVal(s, o(2), unpack(ft)));
      return next;
    }
    case 0x06: case 0x07: { // array.new x: init n / array.new_default x: n
      const t = unpack(arrayType(inst, imm0).field.type);
      const init = sub === 0x06 ? readVal(s, o(1), t) : undefined;
      const n = u32(sub === 0x06 ? 2 : 1);
      s.refs[dst] = newArray(inst, imm0, n, init);
      return next;
    }
    case 0x08: { // array.new_fixed x n: contiguous values at o1
      const ft = arrayType(inst, imm0).field.type;
      const t = unpack(ft);
      const elems: RawVal[] = [];
      let w = o(1);
      for (let i = 0; i < imm1; i++) {
        elems.push(packVal(ft, readVal(s, w, t)));
        w += valWords(t);
      }
      s.refs[dst] = new ArrayInst(inst.typeIds[imm0]!, elems);
      return next;
    }
    case 0x09: case 0x0a: { // array.new_data / array.new_elem x seg: offset n
      const ft = arrayType(inst, imm0).field.type;
      const off = u32(1), n = u32(2);
      if (sub === 0x09) {
        const bytes = inst.datas[imm1]!.bytes;
        const size = byteSize(ft);
        if (off + n * size > bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
        if (n > MAX_ARRAY_LENGTH) throw new Trap(TrapCode.ArrayTooLarge);
        const elems: RawVal[] = [];
        for (let i = 0; i < n; i++) elems.push(readStorage(bytes, off + i * size, ft));
        s.refs[dst] = new ArrayInst(inst.typeIds[imm0]!, elems);
      } else {
        const els = inst.elems[imm1]!.elements;
        if (off + n > els.length) throw new Trap(TrapCode.TableOutOfBounds);
        s.refs[dst] = new ArrayInst(inst.typeIds[imm0]!, els.slice(off, off + n));
      }
      return next;
    }
    case 0x0b: case 0x0c: case 0x0d: { // array.get(_s/_u) x: ref i
      const r = refAt(1) as ArrayInst | null;
      if (r === null) throw nullArray();
      const i = u32(2);
      if (i >= r.elems.length) throw arrayOob();
      const ft = arrayType(inst, imm0).field.type;
      writeVal(s, dst, unpack(ft), extend(ft, r.elems[i]!, sub === 0x0c));
      return next;
    }
    case 0x0e: { // array.set x: ref i v
      const r = refAt(1) as ArrayInst | null;
      if (r === null) throw nullArray();
      const i = u32(2);
      if (i >= r.elems.length) throw arrayOob();
      const ft = arrayType(inst, imm0).field.type;
      r.elems[i] = packVal(ft, readVal(s, o(3), unpack(ft)));
      return next;
    }
    case 0x0f: { // array.len: ref
      const r = refAt(1) as ArrayInst | null;
      if (r === null) throw nullArray();
      s.i32[dst] = r.elems.length;
      return next;
    }
    case 0x10: { // array.fill x: ref i v n
      const r = refAt(1) as ArrayInst | null;
      if (r === null) throw nullArray();
      const ft = arrayType(inst, imm0).field.type;
      const i = u32(2), n = u32(4);
      if (i + n > r.elems.length) throw arrayOob();
      r.elems.fill(packVal(ft, readVal(s, o(3), unpack(ft))), i, i + n);
      return next;
    }
    case 0x11: { // array.copy x y: dref di sref si n
      const d = refAt(1) as ArrayInst | null, src = refAt(3) as ArrayInst | null;
      if (d === null || src === null) throw nullArray();
      const di = u32(2), si = u32(4), n = u32(5);
      if (di + n > d.elems.length || si + n > src.elems.length) throw arrayOob();
      d.elems.splice(di, n, ...src.elems.slice(si, si + n));
      return next;
    }
    case 0x12: case 0x13: { // array.init_data / array.init_elem x seg: ref d s n
      const r = refAt(1) as ArrayInst | null;
      if (r === null) throw nullArray();
      const di = u32(2), si = u32(3), n = u32(4);
      const ft = arrayType(inst, imm0).field.type;
      if (di + n > r.elems.length) throw arrayOob();
      if (sub === 0x12) {
        const bytes = inst.datas[imm1]!.bytes;
        const size = byteSize(ft);
        if (si + n * size > bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
        for (let i = 0; i < n; i++) r.elems[di + i] = readStorage(bytes, si + i * size, ft);
      } else {
        const els = inst.elems[imm1]!.elements;
        if (si + n > els.length) throw new Trap(TrapCode.TableOutOfBounds);
        for (let i = 0; i < n; i++) r.elems[di + i] = els[si + i]!;
      }
      return next;
    }
    case 0x14: case 0x15: // ref.test (null) ht: ref
      s.i32[dst] = refMatches(inst, refAt(1), imm0, sub === 0x15) ? 1 : 0;
      return next;
    case 0x16: case 0x17: { // ref.cast (null) ht: ref (in place)
      const r = refAt(1);
      if (!refMatches(inst, r, imm0, sub === 0x17)) throw new Trap(TrapCode.CastFailure);
      s.refs[dst] = r;
      return next;
    }
    case 0x18: case 0x19: { // br_on_cast(_fail): ref; imm0 = target heap type, imm1 = nullable | target pc << 1
      const ok = refMatches(inst, refAt(1), imm0, (imm1 & 1) === 1);
      return ok === (sub === 0x18) ? imm1 >> 1 : next;
    }
    case 0x1a: case 0x1b: // any.convert_extern / extern.convert_any: identity
      s.refs[dst] = refAt(1);
      return next;
    case 0x1c: // ref.i31: i32 → i31 (31-bit signed)
      s.refs[dst] = (s.i32[o(1)]! << 1) >> 1;
      return next;
    case 0x1d: case 0x1e: { // i31.get_s / i31.get_u
      const r = refAt(1);
      if (r === null) throw new Trap(TrapCode.NullI31Reference);
      s.i32[dst] = sub === 0x1d ? (r as number) : (r as number) & 0x7fffffff;
      return next;
    }
  }
  throw new Error(`gcOp: unknown GC instruction 0x${sub.toString(16)}`);
}

/** A stored field value as its operand: packed fields sign- or zero-extended. */
function extend(t: StorageType, v: RawVal, signed: boolean): RawVal {
  if (t === I8) return signed ? ((v as number) << 24) >> 24 : v;
  if (t === I16) return signed ? ((v as number) << 16) >> 16 : v;
  return v;
}
