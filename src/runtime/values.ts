/**
 * Conversions between the values a host passes at the API and the interpreter's raw values
 * (core/values.ts). At the API: i32 is a number, i64 a bigint, f32/f64 numbers, v128 a 16-byte
 * Uint8Array, funcref a `Func` or null, externref any JS value (null is ref.null). Floats given as
 * numbers lose NaN payloads; callers that need exact bits use the raw forms (`Func.callRaw`).
 */
import { ExternRef, type RawVal } from '../core/values.js';
import type { FuncInst } from '../core/func.js';
import { ExnInst } from '../core/exn.js';
import { ArrayInst, StructInst } from '../core/gc.js';
import {
  AbsHeap, F32, F64, heapOf, I32, I64, isNullable, isRef, V128, valTypeToString, type ValType,
} from '../syntax/types.js';
import { bigBitsToF64, bitsToF32, f32ToBits, f64ToBigBits } from '../util/bits.js';
import type { TypeRegistry } from '../validate/canonical.js';
import { Func } from './func.js';
import { assertSameStore, type Store } from './store.js';

/** Whether a raw reference points at a function instance. */
export function isFuncInst(r: unknown): r is FuncInst {
  return typeof r === 'object' && r !== null && 'kind' in r && ((r as FuncInst).kind === 'wasm' || (r as FuncInst).kind === 'host') && 'typeId' in r;
}

function typeError(t: ValType, v: unknown): TypeError {
  return new TypeError(`expected a value of type ${valTypeToString(t)}, got ${typeof v === 'bigint' ? `${v}n` : String(v)}`);
}

/**
 * The raw form of API value `v` for a parameter, global or table element of type `t`.
 * Throws TypeError when `v` cannot be a value of `t`.
 */
export function toRaw(store: Store<unknown>, types: TypeRegistry, t: ValType, v: unknown): RawVal {
  switch (t) {
    case I32:
      if (typeof v !== 'number' && typeof v !== 'boolean') throw typeError(t, v);
      return Number(v) | 0;
    case I64:
      if (typeof v === 'bigint') return BigInt.asIntN(64, v);
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt.asIntN(64, BigInt(v));
      throw typeError(t, v);
    case F32:
      if (typeof v !== 'number') throw typeError(t, v);
      return f32ToBits(v);
    case F64:
      if (typeof v !== 'number') throw typeError(t, v);
      return f64ToBigBits(v);
    case V128:
      if (!(v instanceof Uint8Array) || v.length !== 16) throw typeError(t, v);
      return v.slice();
  }
  if (!isRef(t)) throw typeError(t, v);
  if (v === null || v === undefined) {
    if (!isNullable(t)) throw new TypeError(`null is not a value of the non-nullable type ${valTypeToString(t)}`);
    return null;
  }
  const ht = heapOf(t);
  if (v instanceof Func) {
    assertSameStore(v, store);
    const inst = v.inst;
    if (ht === AbsHeap.Func || (ht >= 0 && types.isSubtype(inst.typeId, ht))) return inst;
    throw typeError(t, v);
  }
  if (ht === AbsHeap.Extern) return v instanceof ExternRef ? v : new ExternRef(v);
  return gcToRaw(types, t, ht, v);
}

/** Whether `v` is an integer an i31ref can hold (i31 references are JS numbers at run time). */
function isI31(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x40000000 && v <= 0x3fffffff;
}

/**
 * GC and exception references: only objects made by wasm (structs, arrays, exceptions) or i31
 * integers are accepted, each checked against the type, so a host cannot hand the interpreter an
 * object it would misread. For `anyref`, any other host value is internalized as a host reference.
 */
function gcToRaw(types: TypeRegistry, t: ValType, ht: number, v: unknown): RawVal {
  const gc = v instanceof StructInst || v instanceof ArrayInst;
  if (ht >= 0) {
    if (gc && types.isSubtype(v.typeId, ht)) return v;
    throw typeError(t, v);
  }
  switch (ht) {
    case AbsHeap.Struct: if (v instanceof StructInst) return v; break;
    case AbsHeap.Array: if (v instanceof ArrayInst) return v; break;
    case AbsHeap.I31: if (isI31(v)) return v; break;
    case AbsHeap.Eq: if (gc || isI31(v)) return v as RawVal; break;
    case AbsHeap.Any: return gc || isI31(v) || v instanceof ExternRef ? (v as RawVal) : new ExternRef(v);
    case AbsHeap.Exn: if (v instanceof ExnInst) return v; break;
  }
  throw typeError(t, v);
}

/** The API form of raw value `raw` of type `t`. */
export function fromRaw(store: Store<unknown>, t: ValType, raw: RawVal): unknown {
  switch (t) {
    case I32: return raw as number;
    case I64: return raw as bigint;
    case F32: return bitsToF32(raw as number);
    case F64: return bigBitsToF64(raw as bigint);
    case V128: return (raw as Uint8Array).slice();
  }
  return refFromRaw(store, raw);
}

/** The API form of a raw reference: a Func for functions, the host value for externrefs. */
export function refFromRaw(store: Store<unknown>, raw: RawVal): unknown {
  if (raw === null) return null;
  if (raw instanceof ExternRef) return raw.value;
  if (isFuncInst(raw)) return Func.fromInst(store, raw);
  return raw;
}
