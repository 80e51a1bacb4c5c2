/**
 * The spec's types (Structure › Types), encoded as small integers so that a validator can keep them
 * in plain arrays and compare them with `===`.
 *
 * Encoding (chosen so that the binary format's bytes read as signed LEB128 map straight onto it):
 * - A *heap type* is a number: a concrete type index (>= 0, module-relative), or a negative
 *   abstract heap type whose value is the binary code read as s7/s33 (`func` = 0x70 → -0x10, …).
 * - A *value type* is a number: number/vector types are negative (`i32` = 0x7F → -1, …, `v128` = -5);
 *   reference types are >= 2: `(heap + HEAP_BIAS) * 2 + (nullable ? 1 : 0)`.
 * - A *storage type* (struct/array fields) is a value type or a packed type (`i8` = -8, `i16` = -9).
 * - `BOT` (0) is the validator's unknown type from unreachable code; it is no valid value type.
 *
 * Type indices are module-relative; the runtime canonicalises them across modules (rec groups are
 * compared iso-recursively), so these numbers never leave a module without translation.
 */

/** A value type (see the encoding above). */
export type ValType = number;
/** A heap type: a type index (>= 0) or an abstract heap type (< 0). */
export type HeapType = number;
/** A struct/array field's storage: a ValType or a packed type. */
export type StorageType = number;

export const I32: ValType = -0x01;
export const I64: ValType = -0x02;
export const F32: ValType = -0x03;
export const F64: ValType = -0x04;
export const V128: ValType = -0x05;
/** Packed storage types (fields only). */
export const I8: StorageType = -0x08;
export const I16: StorageType = -0x09;
/** The validator's bottom type (unknown operand in unreachable code). */
export const BOT: ValType = 0;

/** Abstract heap types, as their binary codes read as signed LEB128. */
export const enum AbsHeap {
  Exn = -0x17,
  Array = -0x16,
  Struct = -0x15,
  I31 = -0x14,
  Eq = -0x13,
  Any = -0x12,
  Extern = -0x11,
  Func = -0x10,
  None = -0x0f,
  NoExtern = -0x0e,
  NoFunc = -0x0d,
  NoExn = -0x0c,
}

/** Added to a heap type before packing it into a reference ValType (keeps the result positive). */
export const HEAP_BIAS = 0x20;

/** True when `ht` is one of the abstract heap types. */
export function isAbstractHeap(ht: HeapType): boolean {
  return ht >= AbsHeap.Exn && ht <= AbsHeap.NoExn;
}

/** The reference type `(ref null? ht)`. */
export function refType(nullable: boolean, ht: HeapType): ValType {
  return (ht + HEAP_BIAS) * 2 + (nullable ? 1 : 0);
}

/** True for reference types. */
export function isRef(t: ValType): boolean {
  return t > 0;
}
/** True for i32, i64, f32, f64. */
export function isNum(t: ValType): boolean {
  return t <= I32 && t >= F64;
}
/** The heap type of a reference type. */
export function heapOf(t: ValType): HeapType {
  return (t >> 1) - HEAP_BIAS;
}
/** Whether a reference type admits null. */
export function isNullable(t: ValType): boolean {
  return (t & 1) === 1;
}
/** The same reference type with nullability set as given. */
export function withNullable(t: ValType, nullable: boolean): ValType {
  return (t & ~1) | (nullable ? 1 : 0);
}

export const FUNCREF: ValType = refType(true, AbsHeap.Func);
export const EXTERNREF: ValType = refType(true, AbsHeap.Extern);
export const ANYREF: ValType = refType(true, AbsHeap.Any);
export const EQREF: ValType = refType(true, AbsHeap.Eq);
export const I31REF: ValType = refType(true, AbsHeap.I31);
export const STRUCTREF: ValType = refType(true, AbsHeap.Struct);
export const ARRAYREF: ValType = refType(true, AbsHeap.Array);
export const EXNREF: ValType = refType(true, AbsHeap.Exn);
export const NULLREF: ValType = refType(true, AbsHeap.None);
export const NULLFUNCREF: ValType = refType(true, AbsHeap.NoFunc);
export const NULLEXTERNREF: ValType = refType(true, AbsHeap.NoExtern);
export const NULLEXNREF: ValType = refType(true, AbsHeap.NoExn);

/** Size in bytes of a storage type's packed representation (fields and arrays). */
export function storageSize(t: StorageType): number {
  switch (t) {
    case I8: return 1;
    case I16: return 2;
    case I32: case F32: return 4;
    case I64: case F64: return 8;
    case V128: return 16;
    default: return 0; // references are not stored as bytes
  }
}

/** Unpacks a storage type to the value type operands use (packed types read as i32). */
export function unpacked(t: StorageType): ValType {
  return t === I8 || t === I16 ? I32 : t;
}

const ABS_NAMES: Record<number, string> = {
  [AbsHeap.Exn]: 'exn', [AbsHeap.Array]: 'array', [AbsHeap.Struct]: 'struct', [AbsHeap.I31]: 'i31',
  [AbsHeap.Eq]: 'eq', [AbsHeap.Any]: 'any', [AbsHeap.Extern]: 'extern', [AbsHeap.Func]: 'func',
  [AbsHeap.None]: 'none', [AbsHeap.NoExtern]: 'noextern', [AbsHeap.NoFunc]: 'nofunc', [AbsHeap.NoExn]: 'noexn',
};

/** Text-format spelling of a heap type (`func`, `$3` style indices printed as plain numbers). */
export function heapTypeToString(ht: HeapType): string {
  return ht >= 0 ? String(ht) : (ABS_NAMES[ht] ?? `heap${ht}`);
}

/** The abstract heap type named `name` in the text format, or undefined. */
export function abstractHeapByName(name: string): HeapType | undefined {
  for (const k in ABS_NAMES) if (ABS_NAMES[k] === name) return Number(k);
  return undefined;
}

/** Text-format spelling of a value or storage type, using the shorthands (`funcref`) where they exist. */
export function valTypeToString(t: ValType): string {
  switch (t) {
    case I32: return 'i32';
    case I64: return 'i64';
    case F32: return 'f32';
    case F64: return 'f64';
    case V128: return 'v128';
    case I8: return 'i8';
    case I16: return 'i16';
    case BOT: return 'bot';
  }
  const ht = heapOf(t);
  if (isNullable(t) && ht < 0) {
    const n = ABS_NAMES[ht];
    if (n === 'none') return 'nullref';
    if (n === 'noextern') return 'nullexternref';
    if (n === 'nofunc') return 'nullfuncref';
    if (n === 'noexn') return 'nullexnref';
    return `${n}ref`;
  }
  return `(ref ${isNullable(t) ? 'null ' : ''}${heapTypeToString(ht)})`;
}

/** A function type `[params] -> [results]`. */
export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** A struct or array field. */
export interface FieldType {
  readonly type: StorageType;
  readonly mutable: boolean;
}

export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly FieldType[];
}

export interface ArrayType {
  readonly kind: 'array';
  readonly field: FieldType;
}

/** A composite type: what a type index defines. */
export type CompType = FuncType | StructType | ArrayType;

/** A sub type: a composite type with its declared supertypes (at most one) and finality. */
export interface SubType {
  readonly final: boolean;
  /** Declared supertype indices (module-relative). */
  readonly supers: readonly number[];
  readonly comp: CompType;
}

/** A recursion group: `count` consecutive entries of the module's flat type list starting at `start`. */
export interface RecGroup {
  readonly start: number;
  readonly count: number;
}

/** Index type of a memory or table (memory64 / table64). */
export type AddrType = 'i32' | 'i64';

/**
 * Size limits. Values are plain numbers: limits beyond 2^53 (possible only in table64/memory64
 * declarations) lose precision, which cannot matter because nothing that large can be allocated.
 */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}

export interface MemType {
  readonly limits: Limits;
  readonly shared: boolean;
  readonly addrType: AddrType;
  /** log2 of the page size (16 = 64 KiB; custom-page-sizes allows 0). */
  readonly pageSizeLog2: number;
}

export interface TableType {
  readonly limits: Limits;
  readonly elemType: ValType;
  readonly addrType: AddrType;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/** A tag's type: the index of a function type (its params are the exception's payload). */
export interface TagType {
  readonly typeIdx: number;
}

/** What an import requires or an export provides. */
export type ExternType =
  | { readonly kind: 'func'; readonly typeIdx: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly typeIdx: number };

export type ExternKind = ExternType['kind'];
