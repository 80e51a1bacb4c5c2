/**
 * Test helper: streams every operator of every body as the validator will, with only the
 * structural check the binary format implies (each body closes exactly at its last byte), so a
 * decoder test can see the malformed errors that surface at module creation time.
 */
import { InstrReader } from '../../src/decoder/index.js';
import type { Module } from '../../src/syntax/module.js';
import { Op } from '../../src/syntax/op.js';
import { malformed } from '../../src/util/errors.js';

export function streamBodies(m: Module): void {
  for (const code of m.codes) {
    const { bytes, offset } = code.body;
    const ir = new InstrReader(bytes, 0, bytes.length, offset);
    let depth = 0;
    for (;;) {
      if (ir.atEnd()) throw malformed('unexpected end of section or function', ir.offset);
      const op = ir.next();
      if (op === Op.end) {
        if (depth-- === 0) break;
      } else if (op === Op.block || op === Op.loop || op === Op.if || op === Op.try || op === Op.try_table) {
        depth++;
      }
    }
    if (!ir.atEnd()) throw malformed('section size mismatch', ir.offset);
  }
}
