/**
 * Test helper: assembles Module structures by hand (no text parser needed) — types, functions with
 * bodies given as opcode bytes, globals, tables, memories — so validator tests can state exactly the
 * instruction sequence they check.
 */
import type { Code, Expr, Module } from '../../src/syntax/module.js';
import type { CompType, FieldType, MemType, SubType, TableType, ValType } from '../../src/syntax/types.js';
import { FUNCREF } from '../../src/syntax/types.js';

/** Unsigned LEB128. */
export function u(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Signed LEB128 (for i32.const / i64.const / block types as s33). */
export function s(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n = Math.floor(n / 128);
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Binary encoding of a value type (as used in block types, locals, select). */
export function vt(t: ValType): number[] {
  if (t < 0) return [0x80 + t];
  const heap = (t >> 1) - 0x20;
  return [t & 1 ? 0x63 : 0x64, ...s(heap)];
}

export function expr(...parts: (number | number[])[]): Expr {
  return { bytes: Uint8Array.from(parts.flat()), offset: 0 };
}

export const fn = (params: ValType[] = [], results: ValType[] = []): CompType => ({ kind: 'func', params, results });
export const struct = (...fields: FieldType[]): CompType => ({ kind: 'struct', fields });
export const array = (field: FieldType): CompType => ({ kind: 'array', field });
export const fld = (type: number, mutable = false): FieldType => ({ type, mutable });
export const sub = (comp: CompType, supers: number[] = [], final = true): SubType => ({ final, supers, comp });

export interface FuncSpec {
  type: number;
  locals?: ValType[];
  /** Body bytes without the final `end`. */
  body: (number | number[])[];
}

export interface ModSpec {
  types?: (SubType | CompType)[];
  /** Rec groups as [start, count]; default: one group per type. */
  groups?: [number, number][];
  funcs?: FuncSpec[];
  memories?: MemType[];
  tables?: TableType[];
  globals?: { type: ValType; mutable?: boolean; init: (number | number[])[] }[];
  extra?: Partial<Module>;
}

export function mem(min = 1, max: number | null = null, addrType: 'i32' | 'i64' = 'i32', shared = false): MemType {
  return { limits: { min, max }, shared, addrType, pageSizeLog2: 16 };
}

export function table(min = 1, elemType: ValType = FUNCREF, addrType: 'i32' | 'i64' = 'i32'): TableType {
  return { limits: { min, max: null }, elemType, addrType };
}

export function mod(spec: ModSpec): Module {
  const types = (spec.types ?? []).map((t) => ('kind' in t ? sub(t) : t));
  const recGroups = (spec.groups ?? types.map((_, i) => [i, 1] as [number, number])).map(([start, count]) => ({ start, count }));
  const funcs = spec.funcs ?? [];
  const codes: Code[] = funcs.map((f) => ({
    locals: (f.locals ?? []).map((type) => ({ count: 1, type })),
    numLocals: (f.locals ?? []).length,
    body: expr(...f.body, 0x0b),
  }));
  return {
    types, recGroups, imports: [], funcs: funcs.map((f) => f.type), tables: (spec.tables ?? []).map((type) => ({ type, init: null })),
    memories: spec.memories ?? [],
    globals: (spec.globals ?? []).map((g) => ({ type: { type: g.type, mutable: g.mutable ?? false }, init: expr(...g.init, 0x0b) })),
    tags: [], exports: [], start: null, elems: [], datas: [], dataCount: null, codes, customs: [], names: null,
    ...spec.extra,
  };
}

/**
 * A module with one function of type `ft` and the given body. Types in `more.types` come first
 * (indices 0, 1, …, each its own rec group unless `more.groups` says otherwise); `ft` comes last.
 */
export function body(ft: CompType, bodyBytes: (number | number[])[], more: ModSpec = {}): Module {
  const types = [...(more.types ?? []), ft];
  const groups = more.groups ? [...more.groups, [types.length - 1, 1] as [number, number]] : undefined;
  return mod({ ...more, types, groups, funcs: [{ type: types.length - 1, body: bodyBytes, locals: more.funcs?.[0]?.locals }] });
}
