/**
 * The type section (Binary › Modules › Type Section): recursion groups of sub types, each a
 * function, struct or array type (WebAssembly 3.0 with GC). A type that is not in a `rec` group
 * forms a group of one. Whether supertypes exist or match is validation, not decoding.
 */
import type { CompType, FieldType, RecGroup, SubType, ValType } from '../../syntax/types.js';
import type { ByteReader } from '../reader.js';
import { readStorageType, readValType } from '../valtype.js';

const REC = 0x4e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;
const FUNC = 0x60;
const STRUCT = 0x5f;
const ARRAY = 0x5e;

/** Reads the type section's contents, appending to `types` and `recGroups`. */
export function readTypeSection(r: ByteReader, types: SubType[], recGroups: RecGroup[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    if (r.peekU8() === REC) {
      r.pos++;
      const m = r.count();
      recGroups.push({ start: types.length, count: m });
      for (let j = 0; j < m; j++) types.push(readSubType(r));
    } else {
      recGroups.push({ start: types.length, count: 1 });
      types.push(readSubType(r));
    }
  }
}

function readSubType(r: ByteReader): SubType {
  const b = r.peekU8();
  if (b !== SUB && b !== SUB_FINAL) return { final: true, supers: [], comp: readCompType(r) };
  r.pos++;
  const n = r.count();
  const supers: number[] = [];
  for (let i = 0; i < n; i++) supers.push(r.u32());
  return { final: b === SUB_FINAL, supers, comp: readCompType(r) };
}

function readCompType(r: ByteReader): CompType {
  const at = r.pos;
  switch (r.u8()) {
    case FUNC: {
      const params = readResultType(r);
      const results = readResultType(r);
      return { kind: 'func', params, results };
    }
    case STRUCT: {
      const n = r.count();
      const fields: FieldType[] = [];
      for (let i = 0; i < n; i++) fields.push(readFieldType(r));
      return { kind: 'struct', fields };
    }
    case ARRAY:
      return { kind: 'array', field: readFieldType(r) };
  }
  // The type constructor is an s7: a continuation bit makes it too long, not unknown.
  if (r.bytes[at]! & 0x80) r.fail('integer representation too long', at + 1);
  return r.fail('malformed definition type', at);
}

function readResultType(r: ByteReader): ValType[] {
  const n = r.count();
  const ts: ValType[] = [];
  for (let i = 0; i < n; i++) ts.push(readValType(r));
  return ts;
}

function readFieldType(r: ByteReader): FieldType {
  const type = readStorageType(r);
  return { type, mutable: readMutability(r) };
}

/** A mutability flag: 0 = const, 1 = var. */
export function readMutability(r: ByteReader): boolean {
  const at = r.pos;
  const b = r.u8();
  if (b > 1) r.fail('malformed mutability', at);
  return b === 1;
}
