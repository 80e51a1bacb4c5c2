/**
 * The code section: each entry's size, its local declarations and its body, kept as an `Expr`
 * view of the module bytes. Operators inside a body are not decoded here — the validator streams
 * them (and reports illegal opcodes) — so this only finds each body's extent and checks that it
 * ends with `end`. Local counts are summed, never expanded: a body declaring 2^32 - 1 locals costs
 * six bytes to decode.
 */
import { Op } from '../../syntax/op.js';
import type { Code, LocalDecl } from '../../syntax/module.js';
import { InstrReader } from '../instr.js';
import type { ByteReader } from '../reader.js';
import { readValType } from '../valtype.js';

/** Reads the code section's entries into `out` (bodies as views, not decoded). */
export function readCodeSection(r: ByteReader, out: Code[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) out.push(readCode(r));
}

function readCode(r: ByteReader): Code {
  const size = r.lengthU32();
  if (size > r.remaining()) r.fail(r.endReason);
  const end = r.pos + size;
  // Local declarations must fit in the entry: bound the reader to it while reading them.
  const saveEnd = r.end;
  r.end = end;
  const localsAt = r.pos;
  const m = r.count();
  const locals: LocalDecl[] = [];
  let numLocals = 0;
  for (let i = 0; i < m; i++) {
    const count = r.u32();
    const type = readValType(r);
    locals.push({ count, type });
    numLocals += count;
  }
  if (numLocals >= 2 ** 32) r.fail('too many locals', localsAt);
  r.end = saveEnd;
  const bodyStart = r.pos;
  if (bodyStart >= end || r.bytes[end - 1] !== Op.end) explainMissingEnd(r, bodyStart, end);
  r.pos = end;
  return { locals, numLocals, body: { bytes: r.bytes.subarray(bodyStart, end), offset: r.base + bodyStart } };
}

/**
 * A body whose last byte is not `end`. The spec interpreter, which decodes operators as it goes
 * and does not stop at the declared size, reports whatever it meets first: a malformed operator
 * (possibly past the body), an `else` where `end` belongs, the module's end, or a body that
 * closed somewhere other than its declared end ("section size mismatch"). Only this error path
 * streams operators; it uses a nesting counter, no recursion.
 */
function explainMissingEnd(r: ByteReader, bodyStart: number, end: number): never {
  const ir = new InstrReader(r.bytes, bodyStart, r.end, r.base);
  let depth = 0;
  for (;;) {
    const at = ir.pos;
    const code = ir.next();
    if (code === Op.end) {
      if (depth-- === 0) break;
    } else if (code === Op.else && depth === 0) {
      ir.fail('END opcode expected', at);
    } else if (code === Op.block || code === Op.loop || code === Op.if || code === Op.try || code === Op.try_table) {
      depth++;
    }
  }
  return r.fail(ir.pos === end ? 'END opcode expected' : 'section size mismatch', end);
}
