/**
 * The data section: the three segment forms (0 = active in memory 0, 1 = passive, 2 = active with
 * a memory index). Segment bytes are a view into the module (no copy). The form is kept for round trips.
 */
import type { DataSegment, Expr } from '../../syntax/module.js';
import { readConstExpr } from '../const-expr.js';
import type { ByteReader } from '../reader.js';

/** Reads the data section's contents into `out`. */
export function readDataSection(r: ByteReader, out: DataSegment[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const form = r.u32();
    if (form > 2) r.fail('malformed data segment kind', at);
    let memory = 0;
    let offset: Expr | null = null;
    if (form !== 1) {
      if (form === 2) memory = r.u32();
      offset = readConstExpr(r);
    }
    const bytes = r.byteVec();
    out.push({ mode: form === 1 ? 'passive' : 'active', memory, offset, bytes, form });
  }
}
