/**
 * Types in the text format (Text › Types): value types and their shorthands, heap and reference
 * types, storage and field types, parameter/result lists with their optional names, and type uses
 * (`(type x)` with or without an inline signature). Resolves type names through the module context.
 */
import {
  AbsHeap, F32, F64, I16, I32, I64, I8, V128, abstractHeapByName, refType,
  type FieldType, type FuncType, type HeapType, type StorageType, type ValType,
} from '../syntax/types.js';
import type { Cursor } from './cursor.js';
import { Tok } from './lexer.js';
import { sameFunc, type ModuleContext } from './context.js';

const NUM_TYPES: Record<string, ValType> = { i32: I32, i64: I64, f32: F32, f64: F64, v128: V128 };

const REF_SHORTHANDS: Record<string, HeapType> = {
  funcref: AbsHeap.Func, externref: AbsHeap.Extern, anyref: AbsHeap.Any, eqref: AbsHeap.Eq,
  i31ref: AbsHeap.I31, structref: AbsHeap.Struct, arrayref: AbsHeap.Array, exnref: AbsHeap.Exn,
  nullref: AbsHeap.None, nullfuncref: AbsHeap.NoFunc, nullexternref: AbsHeap.NoExtern, nullexnref: AbsHeap.NoExn,
};

/** True when the current token(s) start a value type. */
export function atValType(cur: Cursor): boolean {
  const t = cur.peek();
  if (t.kind === Tok.Atom) return t.text in NUM_TYPES || t.text in REF_SHORTHANDS;
  return cur.isField('ref');
}

/** A heap type: an abstract one by keyword, or a type index. */
export function heapType(c: ModuleContext): HeapType {
  const cur = c.cur;
  const t = cur.peek();
  if (t.kind === Tok.Atom) {
    const abs = abstractHeapByName(t.text);
    if (abs !== undefined) {
      cur.pos++;
      return abs;
    }
  }
  if (t.kind === Tok.Id || cur.isNat()) return c.index('type');
  return cur.unexpected();
}

/** A value type, including `(ref null? ht)` and the reference shorthands. */
export function valType(c: ModuleContext): ValType {
  const cur = c.cur;
  const t = cur.peek();
  if (t.kind === Tok.Atom) {
    const n = NUM_TYPES[t.text];
    if (n !== undefined) {
      cur.pos++;
      return n;
    }
    const r = REF_SHORTHANDS[t.text];
    if (r !== undefined) {
      cur.pos++;
      return refType(true, r);
    }
    cur.fail(`unknown operator ${t.text}`);
  }
  if (cur.takeField('ref')) {
    const nullable = cur.takeAtom('null');
    const ht = heapType(c);
    cur.rparen();
    return refType(nullable, ht);
  }
  return cur.unexpected();
}

/** A reference type (value types that are not references are refused). */
export function refTypeOf(c: ModuleContext): ValType {
  const at = c.cur.peek();
  const t = valType(c);
  if (t <= 0) c.cur.unexpected(at);
  return t;
}

/** A storage type: a value type or a packed `i8`/`i16`. */
export function storageType(c: ModuleContext): StorageType {
  if (c.cur.takeAtom('i8')) return I8;
  if (c.cur.takeAtom('i16')) return I16;
  return valType(c);
}

/** A field type: `st` or `(mut st)`. */
export function fieldType(c: ModuleContext): FieldType {
  if (c.cur.takeField('mut')) {
    const type = storageType(c);
    c.cur.rparen();
    return { type, mutable: true };
  }
  return { type: storageType(c), mutable: false };
}

/** A global type: `t` or `(mut t)`. */
export function globalType(c: ModuleContext): { type: ValType; mutable: boolean } {
  if (c.cur.takeField('mut')) {
    const type = valType(c);
    c.cur.rparen();
    return { type, mutable: true };
  }
  return { type: valType(c), mutable: false };
}

/** A signature with the names given to parameters (null where unnamed). */
export interface NamedSig {
  params: ValType[];
  paramNames: (string | null)[];
  results: ValType[];
}

/**
 * `(param …)* (result …)*`. `allowNames` is false where parameter names are not allowed
 * (block types, `(func)` in type definitions allow them but do not bind them).
 */
export function signature(c: ModuleContext, allowNames: boolean): NamedSig {
  const cur = c.cur;
  const sig: NamedSig = { params: [], paramNames: [], results: [] };
  while (cur.isField('param')) {
    cur.pos += 2;
    const id = cur.peek();
    if (id.kind === Tok.Id) {
      if (!allowNames) cur.unexpected(id);
      cur.pos++;
      sig.params.push(valType(c));
      sig.paramNames.push(id.text);
      cur.rparen();
      continue;
    }
    while (!cur.isRParen()) {
      sig.params.push(valType(c));
      sig.paramNames.push(null);
    }
    cur.pos++;
  }
  while (cur.isField('result')) {
    cur.pos += 2;
    while (!cur.isRParen()) sig.results.push(valType(c));
    cur.pos++;
  }
  if (cur.isField('param')) cur.unexpected(cur.peek(1));
  return sig;
}

/** A resolved type use: the type index and the parameter names to bind as locals. */
export interface TypeUse {
  typeIdx: number;
  params: readonly ValType[];
  paramNames: readonly (string | null)[];
}

/**
 * A type use: `(type x)? (param …)* (result …)*`. With both, the inline signature must equal the
 * type ("inline function type"); with only an inline signature, the type is found or appended.
 */
export function typeUse(c: ModuleContext, allowNames: boolean): TypeUse {
  const cur = c.cur;
  let x = -1;
  if (cur.takeField('type')) {
    x = c.index('type');
    cur.rparen();
  }
  const at = cur.peek();
  const sig = signature(c, allowNames);
  if (x < 0) {
    const ft: FuncType = { kind: 'func', params: sig.params, results: sig.results };
    return { typeIdx: c.implicitType(ft), params: sig.params, paramNames: sig.paramNames };
  }
  const declared = c.funcTypeAt(x);
  if (sig.params.length + sig.results.length > 0 && x >= c.explicitTypes) cur.fail('unknown type', at);
  if (sig.params.length === 0 && sig.results.length === 0) {
    const params = declared?.params ?? [];
    return { typeIdx: x, params, paramNames: params.map(() => null) };
  }
  if (declared !== null && !sameFunc(declared, { kind: 'func', params: sig.params, results: sig.results })) {
    cur.fail('inline function type', at);
  }
  return { typeIdx: x, params: sig.params, paramNames: sig.paramNames };
}
