/**
 * Validation of the type section (Validation › Types › Defined types): each recursion group may only
 * refer to types up to its own end; it is then registered (canonicalised) so later groups and the
 * subtype checks can name it by canonical id; finally each declared supertype must be an earlier,
 * non-final type whose structure the sub type matches (Matching › Composite types).
 *
 * Also the limits and external types every import and definition declares (tables, memories,
 * globals, tags).
 */
import {
  I16, I8, isRef,
  type CompType, type FieldType, type FuncType, type MemType, type StorageType, type TableType,
} from '../syntax/types.js';
import { invalid } from '../util/errors.js';
import type { ModuleContext } from './context.js';

/** Checks every rec group in order and fills in `c.ids` and `c.numTypes`. */
export function checkTypes(c: ModuleContext): void {
  const m = c.module;
  for (const g of m.recGroups) {
    const end = g.start + g.count;
    c.numTypes = end;
    for (let x = g.start; x < end; x++) {
      const st = m.types[x]!;
      forEachStorage(st.comp, (t) => c.checkVal(t, -1));
      if (st.supers.length > 1) throw invalid(`sub type ${x} has too many supertypes`);
      for (const y of st.supers) if (y >= x) throw invalid(`unknown type ${y}`);
    }
    c.registry.addGroup(m.types, g.start, g.count, c.ids);
    for (let x = g.start; x < end; x++) {
      const st = m.types[x]!;
      for (const y of st.supers) {
        const sup = m.types[y]!;
        if (sup.final || !matchesComp(c, st.comp, sup.comp)) {
          throw invalid(`sub type ${x} does not match super type ${y}`);
        }
      }
    }
  }
  c.numTypes = m.types.length;
}

function forEachStorage(ct: CompType, f: (t: StorageType) => void): void {
  if (ct.kind === 'func') {
    ct.params.forEach(f);
    ct.results.forEach(f);
  } else if (ct.kind === 'struct') {
    for (const fld of ct.fields) f(fld.type);
  } else {
    f(ct.field.type);
  }
}

/** Composite-type matching: same kind; functions contra/covariant; structs by prefix; fields by mutability. */
export function matchesComp(c: ModuleContext, sub: CompType, sup: CompType): boolean {
  if (sub.kind === 'func' && sup.kind === 'func') return matchesFunc(c, sub, sup);
  if (sub.kind === 'struct' && sup.kind === 'struct') {
    if (sub.fields.length < sup.fields.length) return false;
    for (let i = 0; i < sup.fields.length; i++) if (!matchesField(c, sub.fields[i]!, sup.fields[i]!)) return false;
    return true;
  }
  if (sub.kind === 'array' && sup.kind === 'array') return matchesField(c, sub.field, sup.field);
  return false;
}

/** Function-type matching: parameters contravariant, results covariant, same arities. */
export function matchesFunc(c: ModuleContext, sub: FuncType, sup: FuncType): boolean {
  if (sub.params.length !== sup.params.length || sub.results.length !== sup.results.length) return false;
  for (let i = 0; i < sub.params.length; i++) if (!c.matches(sup.params[i]!, sub.params[i]!)) return false;
  for (let i = 0; i < sub.results.length; i++) if (!c.matches(sub.results[i]!, sup.results[i]!)) return false;
  return true;
}

function matchesField(c: ModuleContext, sub: FieldType, sup: FieldType): boolean {
  if (sub.mutable !== sup.mutable) return false;
  if (sub.mutable) return sameStorage(c, sub.type, sup.type);
  return c.matchesStorage(sub.type, sup.type);
}

function sameStorage(c: ModuleContext, a: StorageType, b: StorageType): boolean {
  if (a === I8 || a === I16 || b === I8 || b === I16) return a === b;
  if (isRef(a) && isRef(b)) return c.sameType(a, b);
  return a === b;
}

// ---- external types ----------------------------------------------------------------------------

const TABLE32_MAX = 0xffffffff;

/** Table type rules: limits within the address type's range, min <= max, element type well-formed. */
export function checkTableType(c: ModuleContext, tt: TableType, at = -1): void {
  const { min, max } = tt.limits;
  if (tt.addrType === 'i32' && (min > TABLE32_MAX || (max !== null && max > TABLE32_MAX))) {
    throw invalid('table size must be at most 2^32-1', at);
  }
  if (max !== null && min > max) throw invalid('size minimum must not be greater than maximum', at);
  c.checkVal(tt.elemType, at);
}

/** Memory type rules: page size 1 or 64 KiB, limits within the address space, min <= max, shared needs max. */
export function checkMemType(mt: MemType, at = -1): void {
  const log2 = mt.pageSizeLog2;
  if (log2 !== 0 && log2 !== 16) throw invalid('invalid custom page size', at);
  const { min, max } = mt.limits;
  // The address space is 2^32 (or 2^64) bytes; memory64 with 64 KiB pages is capped at 2^48 pages.
  // A page count must also fit the address type (memory.size returns it), hence 2^32 - 1 for 1-byte pages.
  const limit = mt.addrType === 'i32' ? Math.min(2 ** (32 - log2), 2 ** 32 - 1) : 2 ** (log2 === 16 ? 48 : 64);
  if (min > limit || (max !== null && max > limit)) {
    throw invalid(mt.addrType === 'i32' && log2 === 16
      ? 'memory size must be at most 65536 pages (4GiB)'
      : `memory size must be at most ${limit} pages`, at);
  }
  if (max !== null && min > max) throw invalid('size minimum must not be greater than maximum', at);
  if (mt.shared && max === null) throw invalid('shared memory must have maximum', at);
}

/** A tag's type must be a function type without results. */
export function checkTagType(c: ModuleContext, typeIdx: number, at = -1): void {
  const ft = c.funcTypeAt(typeIdx, at);
  if (ft.results.length !== 0) throw invalid('non-empty tag result type', at);
}

