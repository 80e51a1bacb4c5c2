/**
 * The JS API's value conversions: ToWebAssemblyValue (a JS value to a raw wasm value of a given
 * type), ToJSValue (back), and DefaultValue, on the raw values of core/values.ts so that no
 * intermediate form loses bits: i64 ↔ BigInt (wrapping to 64 bits, TypeError for a Number), f32
 * rounded once to the nearest f32, externref keeps the JS value's identity, funcref accepts only
 * Exported Functions, exnref is a WebAssembly.Exception on the JS side, structs and arrays are
 * opaque frozen objects, i31 references Numbers. v128 cannot cross the boundary (TypeError).
 */
import { ExnInst } from '../core/exn.js';
import { ArrayInst, StructInst } from '../core/gc.js';
import { HostFuncInst, WasmFuncInst, type FuncInst } from '../core/func.js';
import { ExternRef, type RawVal } from '../core/values.js';
import {
  AbsHeap, F32, F64, heapOf, I32, I64, isNullable, V128, valTypeToString, type ValType,
} from '../syntax/types.js';
import { bigBitsToF64, bitsToF32, f32ToBits, f64ToBigBits } from '../util/bits.js';
import { engine } from './agent.js';
import { exportedFunction, funcInstOf } from './function.js';
import { exceptionObject, exnInstOf } from './tag.js';
import { toNumber } from './webidl.js';

/** Whether a raw reference is a function instance. */
export function isFuncInst(r: unknown): r is FuncInst {
  return r instanceof WasmFuncInst || r instanceof HostFuncInst;
}

/** The opaque JS object standing for each GC object (struct or array) that reached JS. */
const gcObjects = new WeakMap<StructInst | ArrayInst, object>();
const gcOf = new WeakMap<object, StructInst | ArrayInst>();

/**
 * The JS side of a struct or array: an empty, frozen object with a null prototype, one per GC
 * object, so JS can hold it and pass it back (identity kept) but never read or change its fields.
 */
function gcToJS(o: StructInst | ArrayInst): object {
  let w = gcObjects.get(o);
  if (w === undefined) {
    w = Object.freeze(Object.create(null) as object);
    gcObjects.set(o, w);
    gcOf.set(w, o);
  }
  return w;
}

/** @internal The GC object behind an opaque JS object from gcToJS, or undefined. */
export function gcInstOf(v: unknown): StructInst | ArrayInst | undefined {
  return typeof v === 'object' && v !== null ? gcOf.get(v) : undefined;
}

const I31_MIN = -(2 ** 30);
const I31_MAX = 2 ** 30 - 1;

/** ToWebAssemblyValue(v, t): throws TypeError when `v` cannot be a value of `t`. */
export function toWebAssemblyValue(v: unknown, t: ValType): RawVal {
  switch (t) {
    case I32: return toNumber(v) | 0;
    // BigInt.asIntN applies ToBigInt first: a Number is a TypeError, a string is parsed.
    case I64: return BigInt.asIntN(64, v as bigint);
    case F32: return f32ToBits(toNumber(v));
    case F64: return f64ToBigBits(toNumber(v));
    case V128: throw new TypeError('a v128 value cannot be passed between JavaScript and WebAssembly');
  }
  if (v === null) {
    if (isNullable(t)) return null;
    throw new TypeError(`null is not a value of the non-nullable type ${valTypeToString(t)}`);
  }
  const ht = heapOf(t);
  const gc = gcInstOf(v);
  switch (ht) {
    case AbsHeap.Extern:
      // A GC object keeps its identity through externref (extern.convert_any is the identity).
      return gc ?? new ExternRef(v);
    case AbsHeap.Any:
    case AbsHeap.Eq:
    case AbsHeap.I31:
      if (typeof v === 'number' && Number.isInteger(v) && v >= I31_MIN && v <= I31_MAX && !Object.is(v, -0)) return v;
      if (ht !== AbsHeap.I31 && gc !== undefined) return gc;
      if (ht === AbsHeap.Any) return new ExternRef(v);
      break;
    case AbsHeap.Struct:
      if (gc instanceof StructInst) return gc;
      break;
    case AbsHeap.Array:
      if (gc instanceof ArrayInst) return gc;
      break;
    case AbsHeap.Exn: {
      // An exception reference is its WebAssembly.Exception object on the JS side.
      const exn = exnInstOf(v);
      if (exn !== undefined) return exn;
      break;
    }
    case AbsHeap.Func: {
      const f = funcInstOf(v);
      if (f !== undefined) return f;
      break;
    }
    default:
      if (ht >= 0) {
        // A concrete type: an Exported Function or a GC object whose type is a subtype.
        const r = funcInstOf(v) ?? gc;
        if (r !== undefined && (r.typeId === ht || engine.types.isSubtype(r.typeId, ht))) return r;
      }
  }
  throw new TypeError(`the value cannot be converted to ${valTypeToString(t)}`);
}

/** ToJSValue(raw, t). Throws TypeError for v128. */
export function toJSValue(raw: RawVal, t: ValType): unknown {
  switch (t) {
    case I32: return raw as number;
    case I64: return raw as bigint;
    case F32: return bitsToF32(raw as number);
    case F64: return bigBitsToF64(raw as bigint);
    case V128: throw new TypeError('a v128 value cannot be passed between JavaScript and WebAssembly');
  }
  return refToJS(raw);
}

/** ToJSValue of a raw reference (whatever its static type). */
export function refToJS(raw: RawVal): unknown {
  if (raw === null) return null;
  if (raw instanceof ExternRef) return raw.value;
  if (isFuncInst(raw)) return exportedFunction(raw);
  if (raw instanceof ExnInst) return exceptionObject(raw);
  if (raw instanceof StructInst || raw instanceof ArrayInst) return gcToJS(raw);
  // i31 references are numbers.
  return raw;
}

/** DefaultValue(t): zero for numbers, `undefined` for externref, null for other references. */
export function defaultValue(t: ValType): RawVal {
  switch (t) {
    case I32: return 0;
    case I64: return 0n;
    case F32: return 0;
    case F64: return 0n;
    case V128: throw new TypeError('a v128 value cannot be passed between JavaScript and WebAssembly');
  }
  if (heapOf(t) === AbsHeap.Extern) return toWebAssemblyValue(undefined, t);
  if (!isNullable(t)) throw new TypeError(`the type ${valTypeToString(t)} has no default value`);
  return null;
}
