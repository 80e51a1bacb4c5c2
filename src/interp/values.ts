/**
 * Moving values between the value stack (words) and the raw form of core/values.ts (arguments,
 * results, globals, host calls). Floats stay bit patterns both ways.
 */
import type { RawVal, Ref } from '../core/values.js';
import { F32, F64, I32, I64, V128, type ValType } from '../syntax/types.js';
import type { StackViews } from './stack.js';

/** Reads the value of type `t` at absolute word `w`. */
export function readVal(s: StackViews, w: number, t: ValType): RawVal {
  switch (t) {
    case I32: case F32: return s.i32[w]!;
    case I64: return s.i64[w >> 1]!;
    case F64: return s.u64[w >> 1]!;
    case V128: return new Uint8Array(s.i32.buffer.slice(w * 4, w * 4 + 16));
    default: return s.refs[w] ?? null;
  }
}

/** Writes `v` (raw form, type `t`) at absolute word `w`. */
export function writeVal(s: StackViews, w: number, t: ValType, v: RawVal): void {
  switch (t) {
    case I32: case F32: s.i32[w] = v as number; return;
    case I64: s.i64[w >> 1] = v as bigint; return;
    case F64: s.u64[w >> 1] = BigInt.asUintN(64, v as bigint); return;
    case V128: {
      const b = v as Uint8Array;
      new Uint8Array(s.i32.buffer, w * 4, 16).set(b.subarray(0, 16));
      return;
    }
    default: s.refs[w] = v as Ref;
  }
}

/** The default (zero) value of a type in raw form. */
export function defaultVal(t: ValType): RawVal {
  switch (t) {
    case I32: case F32: return 0;
    case I64: case F64: return 0n;
    case V128: return new Uint8Array(16);
    default: return null;
  }
}
