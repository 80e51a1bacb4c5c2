/** The global section: a global type (value type, mutability) and its initialiser expression each. */
import type { Global } from '../../syntax/module.js';
import { readConstExpr } from '../const-expr.js';
import type { ByteReader } from '../reader.js';
import { readValType } from '../valtype.js';
import { readMutability } from './types.js';

/** Reads the global section's contents into `out`. */
export function readGlobalSection(r: ByteReader, out: Global[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    const type = readValType(r);
    const mutable = readMutability(r);
    out.push({ type: { type, mutable }, init: readConstExpr(r) });
  }
}
