/**
 * Reading value, reference and heap types from the binary format (Binary › Types), shared by the
 * section decoders and the instruction reader.
 */
import {
  AbsHeap, F32, F64, I16, I32, I64, I8, V128, isAbstractHeap, refType,
  type HeapType, type StorageType, type ValType,
} from '../syntax/types.js';
import { CompileError } from '../util/errors.js';
import type { ByteReader } from './reader.js';

/** Reads a heap type (an abstract heap type code or a type index). */
export function readHeapType(r: ByteReader): HeapType {
  const at = r.pos;
  const ht = r.s33();
  if (ht >= 0) {
    if (ht > 0xffffffff) r.fail('integer too large', at);
    return ht;
  }
  if (!isAbstractHeap(ht)) r.fail('malformed heap type', at);
  return ht;
}

/** Decodes a value type whose first byte `b` has already been read. */
export function valTypeFromByte(r: ByteReader, b: number, at: number): ValType {
  switch (b) {
    case 0x7f: return I32;
    case 0x7e: return I64;
    case 0x7d: return F32;
    case 0x7c: return F64;
    case 0x7b: return V128;
    case 0x63: return refType(true, readHeapType(r));
    case 0x64: return refType(false, readHeapType(r));
  }
  // Shorthand reference types: the byte is the abstract heap type, nullable.
  const ht = b - 0x80;
  if (b >= 0x69 && b <= 0x74 && isAbstractHeap(ht)) return refType(true, ht as AbsHeap);
  // Value types are s7 codes: a continuation bit makes the encoding too long. Otherwise the
  // interpreter tries number, vector and reference types in turn and reports the last failure.
  if (b & 0x80) r.fail('integer representation too long', at + 1);
  return r.fail('malformed reference type', at);
}

export function readValType(r: ByteReader): ValType {
  const at = r.pos;
  return valTypeFromByte(r, r.u8(), at);
}

/** Reads a reference type (any value type that is not a reference is malformed here). */
export function readRefType(r: ByteReader): ValType {
  const at = r.pos;
  const b = r.u8();
  if (b >= 0x7b && b <= 0x7f) r.fail('malformed reference type', at);
  const t = valTypeFromByte(r, b, at);
  return t;
}

/**
 * Reads a storage type: a value type or a packed type (i8 = 0x78, i16 = 0x77). Any byte sequence
 * that is neither is "malformed storage type", as the interpreter reports the packed-type
 * alternative's failure last.
 */
export function readStorageType(r: ByteReader): StorageType {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x78) return I8;
  if (b === 0x77) return I16;
  try {
    return valTypeFromByte(r, b, at);
  } catch (e) {
    if (e instanceof CompileError) r.fail('malformed storage type', at);
    throw e;
  }
}
