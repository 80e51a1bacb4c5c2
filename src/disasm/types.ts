/**
 * Types in the text format's full WebAssembly 3.0 syntax: value and reference types (with `$id`s
 * for type indices), function/struct/array types, `sub`/`final`, and `rec` groups.
 */
import type { CompType, FieldType, SubType, ValType } from '../syntax/types.js';
import { heapOf, heapTypeToString, isNullable, isRef, valTypeToString } from '../syntax/types.js';
import type { IdMap } from './names.js';
import { ref } from './names.js';

/** A value or storage type; concrete heap types print as `$id` or index. */
export function valTypeText(t: ValType, typeIds: IdMap): string {
  if (!isRef(t)) return valTypeToString(t);
  const ht = heapOf(t);
  if (ht < 0) return valTypeToString(t);
  return `(ref ${isNullable(t) ? 'null ' : ''}${ref(typeIds, ht)})`;
}

/** A heap type: abstract name, or `$id` / index. */
export function heapTypeText(ht: number, typeIds: IdMap): string {
  return ht >= 0 ? ref(typeIds, ht) : heapTypeToString(ht);
}

/** `(param t*)` `(result t*)` clauses for a function type (empty clauses left out). */
export function signatureText(params: readonly ValType[], results: readonly ValType[], typeIds: IdMap,
  paramIds?: IdMap): string {
  const parts: string[] = [];
  if (paramIds && params.some((_, i) => paramIds.has(i))) {
    params.forEach((t, i) => {
      const id = paramIds.get(i);
      parts.push(id ? `(param ${id} ${valTypeText(t, typeIds)})` : `(param ${valTypeText(t, typeIds)})`);
    });
  } else if (params.length) {
    parts.push(`(param ${params.map((t) => valTypeText(t, typeIds)).join(' ')})`);
  }
  if (results.length) parts.push(`(result ${results.map((t) => valTypeText(t, typeIds)).join(' ')})`);
  return parts.join(' ');
}

function fieldText(f: FieldType, typeIds: IdMap, id: string | undefined): string {
  const t = valTypeText(f.type, typeIds);
  const body = f.mutable ? `(mut ${t})` : t;
  return id ? `(field ${id} ${body})` : `(field ${body})`;
}

function compTypeText(c: CompType, typeIds: IdMap, fieldIds: IdMap | undefined): string {
  switch (c.kind) {
    case 'func': {
      const sig = signatureText(c.params, c.results, typeIds);
      return sig ? `(func ${sig})` : '(func)';
    }
    case 'struct':
      return c.fields.length
        ? `(struct ${c.fields.map((f, i) => fieldText(f, typeIds, fieldIds?.get(i))).join(' ')})`
        : '(struct)';
    case 'array': {
      const t = valTypeText(c.field.type, typeIds);
      return `(array ${c.field.mutable ? `(mut ${t})` : t})`;
    }
  }
}

/** `(type $id? …)` for one sub type. */
export function typeDefText(st: SubType, index: number, typeIds: IdMap, fieldIds: IdMap | undefined): string {
  const id = typeIds.get(index);
  const comp = compTypeText(st.comp, typeIds, fieldIds);
  const body = st.final && st.supers.length === 0
    ? comp
    : `(sub ${st.final ? 'final ' : ''}${st.supers.map((s) => ref(typeIds, s) + ' ').join('')}${comp})`;
  return `(type ${id ? id + ' ' : ''}${body})`;
}
