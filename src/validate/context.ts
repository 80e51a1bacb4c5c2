/**
 * The validation context C of the spec (Validation › Conventions › Contexts) for one module: its
 * types with their canonical ids, and the functions, tables, memories, globals, tags, element and
 * data segments in index order (imports first), plus the set of declared function references.
 *
 * Lookups throw the reference interpreter's "unknown <space> <index>" errors. Subtyping questions
 * are answered by translating module-relative type indices to canonical ids and asking the
 * TypeRegistry, so that the validator and the runtime agree on what "matches" means.
 *
 * It does not check any rule itself; module.ts fills it in while checking the module's parts in
 * the order the spec gives.
 */
import type { Module } from '../syntax/module.js';
import {
  BOT, heapOf, isNullable, isRef, refType,
  type ArrayType, type FuncType, type GlobalType, type HeapType, type MemType, type StorageType,
  type StructType, type SubType, type TableType, type ValType,
} from '../syntax/types.js';
import { invalid } from '../util/errors.js';
import { TypeRegistry } from './canonical.js';

/**
 * The context C for one module, filled in by module.ts in the spec's order. `ids` maps the module's
 * type indices to canonical ids in the registry it was validated with.
 */
export class ModuleContext {
  /** Canonical id of each type index (filled as rec groups are checked). */
  readonly ids: number[] = [];
  /** Type index of each function (imports first). */
  readonly funcs: number[] = [];
  readonly tables: TableType[] = [];
  readonly mems: MemType[] = [];
  readonly globals: GlobalType[] = [];
  /** Type index of each tag. */
  readonly tags: number[] = [];
  /** Element type of each element segment. */
  readonly elems: ValType[] = [];
  /** Function indices that may be referenced by `ref.func` in function bodies (C.refs). */
  readonly refs = new Set<number>();
  /** Number of types checked so far: type indices at or above it are unknown. */
  numTypes = 0;

  constructor(
    readonly module: Module,
    readonly registry: TypeRegistry,
  ) {}

  get types(): readonly SubType[] {
    return this.module.types;
  }

  get numDatas(): number {
    return this.module.datas.length;
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** The sub type at index `x`, or "unknown type x". */
  type(x: number, at: number): SubType {
    if (x >= this.numTypes) throw invalid(`unknown type ${x}`, at);
    return this.module.types[x]!;
  }

  funcTypeAt(x: number, at: number): FuncType {
    const c = this.type(x, at).comp;
    if (c.kind !== 'func') throw invalid(`type mismatch: non-function type ${x}`, at);
    return c;
  }

  structTypeAt(x: number, at: number): StructType {
    const c = this.type(x, at).comp;
    if (c.kind !== 'struct') throw invalid(`type mismatch: non-structure type ${x}`, at);
    return c;
  }

  arrayTypeAt(x: number, at: number): ArrayType {
    const c = this.type(x, at).comp;
    if (c.kind !== 'array') throw invalid(`type mismatch: non-array type ${x}`, at);
    return c;
  }

  /** The function type of function `x`. */
  funcTypeOf(x: number, at: number): FuncType {
    const t = this.funcs[x];
    if (t === undefined) throw invalid(`unknown function ${x}`, at);
    return this.module.types[t]!.comp as FuncType;
  }

  table(x: number, at: number): TableType {
    const t = this.tables[x];
    if (t === undefined) throw invalid(`unknown table ${x}`, at);
    return t;
  }

  mem(x: number, at: number): MemType {
    const t = this.mems[x];
    if (t === undefined) throw invalid(`unknown memory ${x}`, at);
    return t;
  }

  global(x: number, at: number, visible = this.globals.length): GlobalType {
    if (x >= visible) throw invalid(`unknown global ${x}`, at);
    return this.globals[x]!;
  }

  /** The function type of tag `x` (its params are the exception's payload). */
  tag(x: number, at: number): FuncType {
    const t = this.tags[x];
    if (t === undefined) throw invalid(`unknown tag ${x}`, at);
    return this.module.types[t]!.comp as FuncType;
  }

  elem(x: number, at: number): ValType {
    const t = this.elems[x];
    if (t === undefined) throw invalid(`unknown elem segment ${x}`, at);
    return t;
  }

  data(x: number, at: number): void {
    if (x >= this.module.datas.length) throw invalid(`unknown data segment ${x}`, at);
  }

  // ---- well-formedness of types ----------------------------------------------------------------

  /** Checks that a heap type's index (if any) names a known type. */
  checkHeap(ht: HeapType, at: number): void {
    if (ht >= this.numTypes) throw invalid(`unknown type ${ht}`, at);
  }

  /** Checks that a value or storage type only refers to known types. */
  checkVal(t: ValType | StorageType, at: number): void {
    if (t > 0) this.checkHeap(heapOf(t), at);
  }

  // ---- matching ---------------------------------------------------------------------------------

  /** Canonical form of a module-relative heap type. */
  canonHeap(ht: HeapType): HeapType {
    return ht >= 0 ? this.ids[ht]! : ht;
  }

  /** Heap-type matching (module-relative). */
  matchesHeap(sub: HeapType, sup: HeapType): boolean {
    if (sub === sup) return true;
    return this.registry.matchesHeap(this.canonHeap(sub), this.canonHeap(sup));
  }

  /** Value-type matching (module-relative); BOT, the unknown type, matches everything. */
  matches(sub: ValType, sup: ValType): boolean {
    if (sub === sup || sub === BOT) return true;
    if (!isRef(sub) || !isRef(sup)) return false;
    if (isNullable(sub) && !isNullable(sup)) return false;
    return this.matchesHeap(heapOf(sub), heapOf(sup));
  }

  /** Storage-type matching: packed types only match themselves. */
  matchesStorage(sub: StorageType, sup: StorageType): boolean {
    return sub === sup || (sub > 0 && sup > 0 && this.matches(sub, sup));
  }

  /** Whether two module-relative value types denote the same type (rec-group equivalence). */
  sameType(a: ValType, b: ValType): boolean {
    if (a === b) return true;
    if (!isRef(a) || !isRef(b) || isNullable(a) !== isNullable(b)) return false;
    return this.canonHeap(heapOf(a)) === this.canonHeap(heapOf(b));
  }

  /** The top of the hierarchy a heap type belongs to: func, any, extern or exn. */
  topOf(ht: HeapType): HeapType {
    return this.registry.topOf(this.canonHeap(ht));
  }

  /** `(ref null top)` for the hierarchy of `ht`. */
  topRef(ht: HeapType): ValType {
    return refType(true, this.topOf(ht));
  }

}

/** Whether a local of type `t` gets a default value (numbers, vectors, nullable references). */
export function defaultable(t: ValType): boolean {
  return !isRef(t) || isNullable(t);
}
