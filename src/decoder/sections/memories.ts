/** The memory section: one memory type per defined memory. */
import type { MemType } from '../../syntax/types.js';
import type { ByteReader } from '../reader.js';
import type { DecodeOptions } from '../options.js';
import { readMemType } from './limits.js';

/** Reads the memory section's contents into `out`. */
export function readMemorySection(r: ByteReader, out: MemType[], options: DecodeOptions): void {
  const n = r.count();
  for (let i = 0; i < n; i++) out.push(readMemType(r, options));
}
