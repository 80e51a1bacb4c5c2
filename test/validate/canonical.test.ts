/** TypeRegistry: iso-recursive canonicalisation across modules, declared subtyping, value-type matching. */
import { describe, expect, it } from 'vitest';
import { TypeRegistry } from '../../src/validate/canonical.js';
import type { Module } from '../../src/syntax/module.js';
import {
  AbsHeap, ANYREF, EQREF, F32, FUNCREF, I32, I64, NULLFUNCREF, NULLREF, STRUCTREF, refType,
  type CompType, type SubType,
} from '../../src/syntax/types.js';

function mod(types: SubType[], groups?: [number, number][]): Module {
  const recGroups = groups?.map(([start, count]) => ({ start, count })) ?? types.map((_, i) => ({ start: i, count: 1 }));
  return {
    types, recGroups, imports: [], funcs: [], tables: [], memories: [], globals: [], tags: [], exports: [],
    start: null, elems: [], datas: [], dataCount: null, codes: [], customs: [], names: null,
  };
}
const sub = (comp: CompType, supers: number[] = [], final = true): SubType => ({ final, supers, comp });
const fn = (params: number[], results: number[]): CompType => ({ kind: 'func', params, results });
const struct = (...types: number[]): CompType => ({ kind: 'struct', fields: types.map((type) => ({ type, mutable: false })) });

describe('TypeRegistry', () => {
  it('gives structurally equal function types the same id across modules', () => {
    const r = new TypeRegistry();
    const a = r.canonicalize(mod([sub(fn([I32], [I64])), sub(fn([], []))]));
    const b = r.canonicalize(mod([sub(fn([], [])), sub(fn([I32], [I64])), sub(fn([I32], [F32]))]));
    expect(b[0]).toBe(a[1]);
    expect(b[1]).toBe(a[0]);
    expect(b[2]).not.toBe(a[0]);
    expect(r.funcType(a[0]!).params).toEqual([I32]);
    expect(r.internFuncType([I32], [I64])).toBe(a[0]);
    expect(r.internFuncType([F32], [])).toBe(r.size - 1);
  });

  it('resolves references to earlier types to canonical ids', () => {
    const r = new TypeRegistry();
    // type 0 = struct, type 1 = func taking (ref 0)
    const a = r.canonicalize(mod([sub(struct(I32)), sub(fn([refType(false, 0)], []))]));
    const b = r.canonicalize(mod([sub(fn([], [])), sub(struct(I32)), sub(fn([refType(false, 1)], []))]));
    expect(b[1]).toBe(a[0]);
    expect(b[2]).toBe(a[1]);
    expect(r.funcType(a[1]!).params[0]).toBe(refType(false, a[0]!));
  });

  it('compares rec groups iso-recursively, distinguishing position in the group', () => {
    const r = new TypeRegistry();
    // rec { struct (ref 1) ; struct (ref 0) }  vs  the same group: equal; a lone self-referential struct differs
    const g = [sub(struct(refType(true, 1))), sub(struct(refType(true, 0)))];
    const a = r.canonicalize(mod(g, [[0, 2]]));
    const b = r.canonicalize(mod(g, [[0, 2]]));
    expect(b).toEqual(a);
    expect(a[0]).not.toBe(a[1]);
    const c = r.canonicalize(mod([sub(struct(refType(true, 0)))]));
    expect(c[0]).not.toBe(a[0]);
    expect(c[0]).not.toBe(a[1]);
    // Same shapes in a different group layout are different types.
    const d = r.canonicalize(mod([sub(struct(refType(true, 1))), sub(struct(refType(true, 0))), sub(fn([], []))], [[0, 3]]));
    expect(d[0]).not.toBe(a[0]);
  });

  it('refuses references beyond the rec group', () => {
    const r = new TypeRegistry();
    expect(() => r.canonicalize(mod([sub(struct(refType(true, 1))), sub(struct())]))).toThrow('unknown type');
  });

  it('follows declared supertypes transitively', () => {
    const r = new TypeRegistry();
    const ids = r.canonicalize(mod([
      sub(struct(), [], false), sub(struct(I32), [0], false), sub(struct(I32, I64), [1]), sub(struct(), []),
    ]));
    expect(r.isSubtype(ids[2]!, ids[0]!)).toBe(true);
    expect(r.isSubtype(ids[1]!, ids[2]!)).toBe(false);
    expect(r.isSubtype(ids[3]!, ids[0]!)).toBe(false);
    // final vs non-final with same structure are distinct types
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('matches value types through the abstract hierarchy', () => {
    const r = new TypeRegistry();
    const [s, f] = r.canonicalize(mod([sub(struct()), sub(fn([], []))]));
    const m = (a: number, b: number): boolean => r.matchesValType(a, b);
    expect(m(refType(false, s!), STRUCTREF)).toBe(true);
    expect(m(refType(true, s!), refType(false, AbsHeap.Struct))).toBe(false);
    expect(m(refType(false, s!), EQREF)).toBe(true);
    expect(m(refType(false, s!), FUNCREF)).toBe(false);
    expect(m(refType(false, f!), FUNCREF)).toBe(true);
    expect(m(refType(false, f!), ANYREF)).toBe(false);
    expect(m(NULLREF, refType(true, s!))).toBe(true);
    expect(m(NULLREF, refType(true, f!))).toBe(false);
    expect(m(NULLFUNCREF, refType(true, f!))).toBe(true);
    expect(m(refType(true, AbsHeap.I31), EQREF)).toBe(true);
    expect(m(EQREF, refType(true, AbsHeap.I31))).toBe(false);
    expect(m(refType(true, AbsHeap.NoExtern), refType(true, AbsHeap.Extern))).toBe(true);
    expect(m(refType(true, AbsHeap.NoExn), refType(true, AbsHeap.Exn))).toBe(true);
    expect(m(I32, I64)).toBe(false);
    expect(m(I32, I32)).toBe(true);
  });
});

describe('TypeRegistry on unvalidated input', () => {
  it('refuses supertypes that do not precede their subtype (so subtype walks terminate)', () => {
    const r = new TypeRegistry();
    const cyclic = mod([sub(struct(), [1], false), sub(struct(), [0], false)], [[0, 2]]);
    expect(() => r.canonicalize(cyclic)).toThrow('unknown type 1');
    expect(() => r.canonicalize(mod([sub(struct(), [0], false)]))).toThrow('unknown type 0');
  });
});
