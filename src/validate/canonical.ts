/**
 * The type registry: canonical type ids shared by every module of an engine, so that runtime type
 * checks (`call_indirect`, `ref.test`, import matching) compare small integers instead of walking
 * type structures.
 *
 * Types are canonicalised per recursion group, iso-recursively (Validation › Types › Rolling and
 * Closing): two rec groups are the same when they have the same shape and refer to types outside the
 * group by the same canonical ids, while references inside a group are compared by their position in
 * it. Each group gets a key string in which in-group references are written relative to the group
 * and all others as canonical ids; equal keys mean equal groups, so equal ids. Function types of
 * WebAssembly 2.0 are single-type rec groups, so structurally equal function types share an id.
 *
 * Declared subtyping between canonical ids follows the `supers` chain (each canonical sub type's
 * supertypes are canonical ids). What it does not do: check that a module's declarations are valid —
 * that is the validator's job (validate/types.ts); this file only refuses type indices that are out
 * of range and supertypes that do not precede their subtypes, so that an unvalidated module cannot
 * make it index past its arrays or loop.
 */
import type { Module } from '../syntax/module.js';
import {
  AbsHeap, heapOf, isNullable, isRef, refType,
  type CompType, type FieldType, type FuncType, type HeapType, type StorageType, type SubType, type ValType,
} from '../syntax/types.js';
import { invalid } from '../util/errors.js';

/** Maps a module-relative value type to a canonical one, given the canonical id of each type index. */
export function canonValType(t: ValType, ids: readonly number[]): ValType {
  if (t <= 0) return t; // numeric, vector, packed, bottom
  const ht = heapOf(t);
  if (ht < 0) return t;
  return refType(isNullable(t), ids[ht]!);
}

/** The abstract heap type at the top of the hierarchy a composite type belongs to. */
function compTop(c: CompType): AbsHeap {
  return c.kind === 'func' ? AbsHeap.Func : AbsHeap.Any;
}

/**
 * Canonical type ids for one engine. Ids are dense integers in registration order; a type's
 * supertypes always have smaller ids. Registering the same rec group again (from any module) yields
 * the same ids, so runtime type equality is `===` on ids and subtyping is a walk up `supers`.
 */
export class TypeRegistry {
  private readonly types: SubType[] = [];
  /** For each canonical id, the abstract heap type it sits directly under (func, struct or array). */
  private readonly kinds: AbsHeap[] = [];
  private readonly groups = new Map<string, number>();

  /** Number of canonical types registered so far. */
  get size(): number {
    return this.types.length;
  }

  /**
   * Canonical id for every type index of `m`; rec groups are canonicalised iso-recursively (equal
   * groups → equal ids, across modules). Throws CompileError('invalid', 'unknown type') if a type
   * refers to an index beyond its own rec group.
   */
  canonicalize(m: Module): number[] {
    const ids: number[] = new Array<number>(m.types.length);
    for (const g of m.recGroups) this.addGroup(m.types, g.start, g.count, ids);
    return ids;
  }

  /**
   * Registers one rec group `types[start .. start+count)` whose references to earlier types are
   * resolved through `ids` (module-relative index → canonical id); fills `ids` for the group.
   */
  addGroup(types: readonly SubType[], start: number, count: number, ids: number[]): void {
    const end = start + count;
    const local = (x: number): number => {
      if (x >= end) throw invalid('unknown type');
      return x >= start ? x - start : -1;
    };
    // Supertypes must precede their subtypes; isSubtype relies on it to terminate, so refuse
    // anything else here even if the module was not validated first.
    for (let i = start; i < end; i++) {
      for (const y of types[i]!.supers) if (y >= i) throw invalid(`unknown type ${y}`);
    }
    const base = this.register(types.slice(start, end), local, (x) => ids[x]!);
    for (let i = 0; i < count; i++) ids[start + i] = base + i;
  }

  /**
   * Finds or adds the rec group `sts`. `local(x)` gives a reference's position inside the group or -1;
   * `outer(x)` the canonical id of a reference outside it. Returns the canonical id of `sts[0]`.
   */
  private register(sts: readonly SubType[], local: (x: number) => number, outer: (x: number) => number): number {
    const ref = (x: number): string => {
      const l = local(x);
      return l >= 0 ? `r${l}` : `c${outer(x)}`;
    };
    const enc = (t: ValType | StorageType): string => {
      if (t <= 0 || heapOf(t) < 0) return String(t);
      return ref(heapOf(t)) + (isNullable(t) ? '?' : '!');
    };
    const encField = (f: FieldType): string => `${f.mutable ? 'm' : ''}${enc(f.type)}`;
    let key = '';
    for (const st of sts) {
      key += st.final ? 'F' : 'S';
      for (const s of st.supers) key += '<' + ref(s);
      const c = st.comp;
      if (c.kind === 'func') key += `(f${c.params.map(enc).join(',')}>${c.results.map(enc).join(',')})`;
      else if (c.kind === 'struct') key += `(s${c.fields.map(encField).join(',')})`;
      else key += `(a${encField(c.field)})`;
      key += ';';
    }
    const found = this.groups.get(key);
    if (found !== undefined) return found;
    const base = this.types.length;
    const resolve = (x: number): number => {
      const l = local(x);
      return l >= 0 ? base + l : outer(x);
    };
    for (const st of sts) {
      this.types.push({ final: st.final, supers: st.supers.map(resolve), comp: canonComp(st.comp, resolve) });
      this.kinds.push(st.comp.kind === 'func' ? AbsHeap.Func : st.comp.kind === 'struct' ? AbsHeap.Struct : AbsHeap.Array);
    }
    this.groups.set(key, base);
    return base;
  }

  /** The canonical sub type for an id; heap types inside (and in supers) are canonical ids. */
  subType(id: number): SubType {
    const st = this.types[id];
    if (st === undefined) throw new RangeError(`unknown canonical type id ${id}`);
    return st;
  }

  /** The function type of a canonical id (throws if it is not a function type). */
  funcType(id: number): FuncType {
    const c = this.subType(id).comp;
    if (c.kind !== 'func') throw new TypeError(`canonical type ${id} is not a function type`);
    return c;
  }

  /** The abstract heap type a canonical id sits directly under: func, struct or array. */
  kindOf(id: number): AbsHeap {
    const k = this.kinds[id];
    if (k === undefined) throw new RangeError(`unknown canonical type id ${id}`);
    return k;
  }

  /** Declared (transitive) subtyping between canonical ids. */
  isSubtype(sub: number, sup: number): boolean {
    // Each step moves to an earlier-registered id (supers precede their subtypes), so this ends.
    let id = sub;
    for (;;) {
      if (id === sup) return true;
      const supers = this.types[id]!.supers;
      if (supers.length === 0) return false;
      id = supers[0]!;
    }
  }

  /** Heap-type subtyping where concrete heap types are canonical ids. */
  matchesHeap(sub: HeapType, sup: HeapType): boolean {
    if (sub === sup) return true;
    if (sub >= 0) {
      if (sup >= 0) return this.isSubtype(sub, sup);
      const k = this.kinds[sub]!;
      if (k === AbsHeap.Func) return sup === AbsHeap.Func;
      return sup === k || sup === AbsHeap.Eq || sup === AbsHeap.Any;
    }
    if (sup >= 0) {
      const k = this.kinds[sup]!;
      return k === AbsHeap.Func ? sub === AbsHeap.NoFunc : sub === AbsHeap.None;
    }
    switch (sub) {
      case AbsHeap.None:
        return sup === AbsHeap.I31 || sup === AbsHeap.Struct || sup === AbsHeap.Array ||
          sup === AbsHeap.Eq || sup === AbsHeap.Any;
      case AbsHeap.I31: case AbsHeap.Struct: case AbsHeap.Array:
        return sup === AbsHeap.Eq || sup === AbsHeap.Any;
      case AbsHeap.Eq:
        return sup === AbsHeap.Any;
      case AbsHeap.NoFunc:
        return sup === AbsHeap.Func;
      case AbsHeap.NoExtern:
        return sup === AbsHeap.Extern;
      case AbsHeap.NoExn:
        return sup === AbsHeap.Exn;
    }
    return false;
  }

  /**
   * Value-type subtyping where concrete heap types are canonical ids (abstract hierarchy:
   * none <: i31/struct/array <: eq <: any; nofunc <: func; noextern <: extern; noexn <: exn;
   * concrete func/struct/array types under func/struct/array).
   */
  matchesValType(sub: ValType, sup: ValType): boolean {
    if (sub === sup) return true;
    if (!isRef(sub) || !isRef(sup)) return false;
    if (isNullable(sub) && !isNullable(sup)) return false;
    return this.matchesHeap(heapOf(sub), heapOf(sup));
  }

  /** Canonical id of a standalone function type whose value types are canonical (host functions). */
  internFuncType(params: readonly ValType[], results: readonly ValType[]): number {
    const st: SubType = { final: true, supers: [], comp: { kind: 'func', params, results } };
    return this.register([st], () => -1, (x) => x);
  }

  /** The top abstract heap type (func, any, extern or exn) of a heap type given in canonical form. */
  topOf(ht: HeapType): AbsHeap {
    if (ht >= 0) return compTop(this.types[ht]!.comp);
    switch (ht) {
      case AbsHeap.Func: case AbsHeap.NoFunc: return AbsHeap.Func;
      case AbsHeap.Extern: case AbsHeap.NoExtern: return AbsHeap.Extern;
      case AbsHeap.Exn: case AbsHeap.NoExn: return AbsHeap.Exn;
      default: return AbsHeap.Any;
    }
  }
}

function canonComp(c: CompType, resolve: (x: number) => number): CompType {
  const v = (t: ValType): ValType => (t <= 0 || heapOf(t) < 0 ? t : refType(isNullable(t), resolve(heapOf(t))));
  if (c.kind === 'func') return { kind: 'func', params: c.params.map(v), results: c.results.map(v) };
  if (c.kind === 'struct') {
    return { kind: 'struct', fields: c.fields.map((f) => ({ type: v(f.type), mutable: f.mutable })) };
  }
  return { kind: 'array', field: { type: v(c.field.type), mutable: c.field.mutable } };
}
