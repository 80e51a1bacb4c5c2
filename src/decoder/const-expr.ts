/**
 * Constant expressions (global initialisers, segment offsets, element expressions, table
 * initialisers): finds where one ends by streaming its operators until the `end` that closes it,
 * and returns it as an `Expr` view of the module bytes (no copy).
 *
 * It does not check that the operators are constant or well typed — that is validation — and it
 * does not recurse: nesting (which only a malformed-for-validation expression can have) is a counter.
 */
import { Op } from '../syntax/op.js';
import type { Expr } from '../syntax/module.js';
import { InstrReader } from './instr.js';
import type { ByteReader } from './reader.js';

/**
 * Reads the constant expression starting at `r.pos`, leaving `r` just after its final `end`.
 * @throws CompileError('malformed') for an illegal opcode or when the section ends first.
 */
export function readConstExpr(r: ByteReader): Expr {
  const start = r.pos;
  const ir = new InstrReader(r.bytes, start, r.end, r.base);
  let depth = 0;
  for (;;) {
    const code = ir.next();
    if (code === Op.end) {
      if (depth === 0) break;
      depth--;
    } else if (code === Op.block || code === Op.loop || code === Op.if || code === Op.try || code === Op.try_table) {
      depth++;
    }
  }
  r.pos = ir.pos;
  return { bytes: r.bytes.subarray(start, ir.pos), offset: r.base + start };
}
