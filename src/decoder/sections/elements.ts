/**
 * The element section: the eight segment forms of the binary format (flags 0–7), decoded into
 * one shape. Bit 0 = passive or declarative (with bit 1 telling which), else active; bit 1 on an
 * active segment = explicit table index; bit 2 = elements are expressions instead of function
 * indices (with a reference type instead of an element kind). The form is kept for round trips.
 */
import type { ElemSegment, Expr, SegmentMode } from '../../syntax/module.js';
import { FUNCREF, refType, AbsHeap, type ValType } from '../../syntax/types.js';
import { readConstExpr } from '../const-expr.js';
import type { ByteReader } from '../reader.js';
import { readRefType } from '../valtype.js';

/** `(ref func)`: the type of segments listing function indices. */
const REF_FUNC = refType(false, AbsHeap.Func);

/** Reads the element section's contents into `out`. */
export function readElementSection(r: ByteReader, out: ElemSegment[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) out.push(readElemSegment(r));
}

function readElemSegment(r: ByteReader): ElemSegment {
  const at = r.pos;
  const form = r.u32();
  if (form > 7) r.fail('malformed elements segment kind', at);
  const mode: SegmentMode = (form & 1) === 0 ? 'active' : (form & 2) === 0 ? 'passive' : 'declarative';
  let table = 0;
  let offset: Expr | null = null;
  if (mode === 'active') {
    if (form & 2) table = r.u32();
    offset = readConstExpr(r);
  }
  const usesExprs = (form & 4) !== 0;
  // Forms 0 and 4 have neither element kind nor type: funcref-typed, (ref func) for indices.
  const hasType = (form & 3) !== 0;
  let type: ValType;
  if (usesExprs) {
    type = hasType ? readRefType(r) : FUNCREF;
  } else {
    if (hasType) {
      const kat = r.pos;
      if (r.u8() !== 0x00) r.fail('malformed element kind', kat);
    }
    type = REF_FUNC;
  }
  const count = r.count();
  if (usesExprs) {
    const exprs: Expr[] = [];
    for (let i = 0; i < count; i++) exprs.push(readConstExpr(r));
    return { mode, table, offset, type, funcIndices: null, exprs, form };
  }
  const funcIndices = new Uint32Array(count);
  for (let i = 0; i < count; i++) funcIndices[i] = r.u32();
  return { mode, table, offset, type, funcIndices, exprs: null, form };
}
