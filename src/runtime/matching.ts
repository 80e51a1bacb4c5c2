/**
 * Import matching (Validation › Matching › External types): whether an external value may
 * satisfy an import, using the current sizes of memories and tables as their limits and the
 * engine's TypeRegistry for function and reference subtyping. Throws LinkError with the spec
 * interpreter's wording ("incompatible import type"), followed by what was expected and found.
 * Kept free of name resolution so that a Linker can call it for each definition it resolves.
 */
import type { ExternVal } from '../core/instance.js';
import type { Import } from '../syntax/module.js';
import { valTypeToString, type Limits, type ValType } from '../syntax/types.js';
import { LinkError } from '../util/errors.js';
import { canonValType, type TypeRegistry } from '../validate/canonical.js';

/** Limits `actual` match `expected`: at least the minimum, and a maximum no larger (if one is required). */
export function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

function describeLimits(l: Limits): string {
  return l.max === null ? `${l.min}` : `${l.min} ${l.max}`;
}

/**
 * Checks that `ev` can satisfy import `imp` of a module whose type indices have the canonical ids
 * `typeIds`. Throws LinkError("incompatible import type …") when it cannot.
 */
export function matchImport(types: TypeRegistry, imp: Import, typeIds: readonly number[], ev: ExternVal): void {
  const d = imp.desc;
  const fail = (detail: string): never => {
    throw new LinkError(`incompatible import type for \`${imp.module}::${imp.name}\`: ${detail}`);
  };
  if (ev.kind !== d.kind) fail(`expected ${d.kind}, found ${ev.kind}`);
  switch (d.kind) {
    case 'func': {
      const f = (ev as Extract<ExternVal, { kind: 'func' }>).value;
      const want = typeIds[d.typeIdx]!;
      if (f.typeId !== want && !types.isSubtype(f.typeId, want)) fail('function types differ');
      return;
    }
    case 'tag': {
      const t = (ev as Extract<ExternVal, { kind: 'tag' }>).value;
      if (t.typeId !== typeIds[d.typeIdx]!) fail('tag types differ');
      return;
    }
    case 'global': {
      const g = (ev as Extract<ExternVal, { kind: 'global' }>).value;
      const want = canonValType(d.type.type, typeIds);
      const have: ValType = g.type.type;
      if (g.type.mutable !== d.type.mutable) fail(`expected ${d.type.mutable ? 'mutable' : 'immutable'} global`);
      const ok = d.type.mutable
        ? types.matchesValType(have, want) && types.matchesValType(want, have)
        : types.matchesValType(have, want);
      if (!ok) fail(`expected global of type ${valTypeToString(want)}, found ${valTypeToString(have)}`);
      return;
    }
    case 'memory': {
      const m = (ev as Extract<ExternVal, { kind: 'memory' }>).value;
      const t = m.type;
      if (t.addrType !== d.type.addrType) fail(`expected ${d.type.addrType} memory, found ${t.addrType}`);
      if (t.shared !== d.type.shared) fail(d.type.shared ? 'expected shared memory' : 'expected unshared memory');
      if (t.pageSizeLog2 !== d.type.pageSizeLog2) fail('page sizes differ');
      const actual: Limits = { min: m.pages, max: t.limits.max };
      if (!limitsMatch(actual, d.type.limits)) {
        fail(`memory limits ${describeLimits(actual)} do not match ${describeLimits(d.type.limits)}`);
      }
      return;
    }
    case 'table': {
      const tb = (ev as Extract<ExternVal, { kind: 'table' }>).value;
      const t = tb.type;
      if (t.addrType !== d.type.addrType) fail(`expected ${d.type.addrType} table, found ${t.addrType}`);
      const want = canonValType(d.type.elemType, typeIds);
      if (!(types.matchesValType(t.elemType, want) && types.matchesValType(want, t.elemType))) {
        fail(`expected ${valTypeToString(want)} table, found ${valTypeToString(t.elemType)}`);
      }
      const actual: Limits = { min: tb.size, max: t.limits.max };
      if (!limitsMatch(actual, d.type.limits)) {
        fail(`table limits ${describeLimits(actual)} do not match ${describeLimits(d.type.limits)}`);
      }
      return;
    }
  }
}
