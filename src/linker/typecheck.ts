/**
 * Import type checking with wasmtime's words: does a definition satisfy an import of a module?
 * Functions match by subtyping (canonical type ids of the engine); immutable globals by subtyping
 * of the value type, mutable ones by equal types; tables need equal element types; memories and
 * tables compare their limits using the definition's current size as its minimum (sizes only grow,
 * so a match stays a match). A mismatch throws LinkError(``incompatible import type for `m::n` ``)
 * with the precise reason as its `cause` (errors.ts).
 *
 * What it does not do: resolve names or check store ownership (linker.ts does both first).
 */
import type { ExternVal } from '../core/instance.js';
import type { Module } from '../runtime/module.js';
import type { Import } from '../syntax/module.js';
import {
  valTypeToString, type FuncType, type GlobalType, type Limits, type MemType, type TableType, type ValType,
} from '../syntax/types.js';
import { canonValType, type TypeRegistry } from '../validate/canonical.js';
import { incompatibleImport } from './errors.js';

/** The text format of a function type, as wasmtime prints it: `(func (param i32) (result i64))`. */
export function funcTypeToString(t: FuncType): string {
  let s = '(func';
  if (t.params.length > 0) s += ` (param ${t.params.map(valTypeToString).join(' ')})`;
  if (t.results.length > 0) s += ` (result ${t.results.map(valTypeToString).join(' ')})`;
  return `${s})`;
}

function limitsToString(l: Limits): string {
  return `(min: ${l.min}, max: ${l.max === null ? 'none' : l.max})`;
}

/** wasmtime's rule: at least the minimum, and a maximum no larger than the one required. */
function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  return expected.max === null || (actual.max !== null && actual.max <= expected.max);
}

/**
 * What the type check needs of a definition (wasmtime's DefinitionType): types with canonical ids,
 * and the current size of a memory or table. Host functions of a linker have one without a store.
 */
export type DefinitionType =
  | { readonly kind: 'func'; readonly typeId: number; readonly type: FuncType }
  | { readonly kind: 'tag'; readonly typeId: number }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'table'; readonly type: TableType; readonly size: number }
  | { readonly kind: 'memory'; readonly type: MemType; readonly pages: number };

/** The DefinitionType of a core external value, sizes as they are now. */
export function definitionTypeOf(ev: ExternVal): DefinitionType {
  switch (ev.kind) {
    case 'func': return { kind: 'func', typeId: ev.value.typeId, type: ev.value.type };
    case 'tag': return { kind: 'tag', typeId: ev.value.typeId };
    case 'global': return { kind: 'global', type: ev.value.type };
    case 'table': return { kind: 'table', type: ev.value.type, size: ev.value.size };
    case 'memory': return { kind: 'memory', type: ev.value.type, pages: ev.value.pages };
  }
}

/** How wasmtime names the kind of a definition that was found ("function", not "func"). */
const FOUND_KIND: Readonly<Record<DefinitionType['kind'], string>> = {
  func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
};

/**
 * The reason a definition of type `def` cannot satisfy `imp` of `module`, or null when it can.
 * `types` is the engine's registry (the module's and the definition's canonical ids live there).
 */
export function importMismatch(types: TypeRegistry, module: Module, imp: Import, def: DefinitionType): string | null {
  const d = imp.desc;
  if (def.kind !== d.kind) return `expected ${d.kind}, but found ${FOUND_KIND[def.kind]}`;
  const ids = module.typeIds;
  switch (d.kind) {
    case 'func': {
      const f = def as Extract<DefinitionType, { kind: 'func' }>;
      const want = ids[d.typeIdx]!;
      if (f.typeId === want || types.isSubtype(f.typeId, want)) return null;
      return `types incompatible: expected type \`${funcTypeToString(module.funcType(d.typeIdx))}\`, found type \`${funcTypeToString(f.type)}\``;
    }
    case 'tag': {
      const t = def as Extract<DefinitionType, { kind: 'tag' }>;
      return t.typeId === ids[d.typeIdx]! ? null : 'incompatible tag types';
    }
    case 'global': {
      const g = (def as Extract<DefinitionType, { kind: 'global' }>).type;
      const want = canonValType(d.type.type, ids);
      if (g.mutable !== d.type.mutable) {
        return d.type.mutable
          ? 'global types incompatible: expected mutable global, found immutable global'
          : 'global types incompatible: expected immutable global, found mutable global';
      }
      const ok = d.type.mutable ? sameValType(types, g.type, want) : types.matchesValType(g.type, want);
      return ok ? null
        : `global types incompatible: expected global of type \`${valTypeToString(want)}\`, found global of type \`${valTypeToString(g.type)}\``;
    }
    case 'table': {
      const tb = def as Extract<DefinitionType, { kind: 'table' }>;
      const want = canonValType(d.type.elemType, ids);
      if (!sameValType(types, tb.type.elemType, want)) {
        return `table types incompatible: expected table of type \`${valTypeToString(want)}\`, found table of type \`${valTypeToString(tb.type.elemType)}\``;
      }
      if (tb.type.addrType !== d.type.addrType) {
        return `table types incompatible: expected ${bits(d.type.addrType)} table, found ${bits(tb.type.addrType)} table`;
      }
      const actual: Limits = { min: tb.size, max: tb.type.limits.max };
      if (!limitsMatch(actual, d.type.limits)) {
        return `table types incompatible: expected table limits ${limitsToString(d.type.limits)} doesn't match provided table limits ${limitsToString(actual)}`;
      }
      return null;
    }
    case 'memory': {
      const m = def as Extract<DefinitionType, { kind: 'memory' }>;
      const t = m.type;
      if (t.shared !== d.type.shared) {
        return d.type.shared
          ? 'memory types incompatible: expected shared memory, found non-shared memory'
          : 'memory types incompatible: expected non-shared memory, found shared memory';
      }
      if (t.addrType !== d.type.addrType) {
        return `memory types incompatible: expected ${bits(d.type.addrType)} memory, found ${bits(t.addrType)} memory`;
      }
      if (t.pageSizeLog2 !== d.type.pageSizeLog2) {
        return `memory types incompatible: expected a memory with a page size of ${2 ** d.type.pageSizeLog2}, but received a memory with a page size of ${2 ** t.pageSizeLog2}`;
      }
      const actual: Limits = { min: m.pages, max: t.limits.max };
      if (!limitsMatch(actual, d.type.limits)) {
        return `memory types incompatible: expected memory limits ${limitsToString(d.type.limits)} doesn't match provided memory limits ${limitsToString(actual)}`;
      }
      return null;
    }
  }
}

/** Throws ``incompatible import type for `m::n` `` (with the reason as cause) unless `ev` matches. */
export function checkImport(types: TypeRegistry, module: Module, imp: Import, def: DefinitionType): void {
  const why = importMismatch(types, module, imp, def);
  if (why !== null) throw incompatibleImport(imp.module, imp.name, why);
}

function sameValType(types: TypeRegistry, a: ValType, b: ValType): boolean {
  return types.matchesValType(a, b) && types.matchesValType(b, a);
}

function bits(a: 'i32' | 'i64'): string {
  return a === 'i64' ? '64-bit' : '32-bit';
}
