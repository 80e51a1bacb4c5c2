/** The function section: the type index of each function the module defines (bodies come later, in the code section). */
import type { ByteReader } from '../reader.js';

/** Reads the function section's contents (type indices) into `out`. */
export function readFunctionSection(r: ByteReader, out: number[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) out.push(r.u32());
}
