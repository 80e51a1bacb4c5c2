/**
 * The table section. A table is either a plain table type (initialised with null) or, with typed
 * function references, `0x40 0x00 tabletype expr` carrying an initialiser expression.
 */
import type { Table } from '../../syntax/module.js';
import { readConstExpr } from '../const-expr.js';
import type { ByteReader } from '../reader.js';
import { readTableType } from './limits.js';

/** Reads the table section's contents into `out`. */
export function readTableSection(r: ByteReader, out: Table[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    if (r.peekU8() === 0x40) {
      const at = r.pos;
      r.pos++;
      // Without the zero byte this is no initialiser form, and 0x40 is no reference type either
      // (the interpreter tries the plain table type second and reports that).
      if (r.u8() !== 0) r.fail('malformed reference type', at);
      const type = readTableType(r);
      out.push({ type, init: readConstExpr(r) });
    } else {
      out.push({ type: readTableType(r), init: null });
    }
  }
}
