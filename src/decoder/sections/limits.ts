/**
 * Table and memory types (Binary › Types): limits with their flags byte, shared by the import,
 * table and memory sections. Flags: bit 0 = maximum present, bit 1 = shared (threads, memories
 * only), bit 2 = 64-bit addresses, bit 3 = custom page size follows (custom-page-sizes proposal,
 * memories only, when enabled). Bounds such as "at most 65536 pages" are validation.
 */
import type { AddrType, Limits, MemType, TableType } from '../../syntax/types.js';
import type { ByteReader } from '../reader.js';
import type { DecodeOptions } from '../options.js';
import { readRefType } from '../valtype.js';

const HAS_MAX = 0x01;
const SHARED = 0x02;
const ADDR64 = 0x04;
const PAGE_SIZE = 0x08;

function readLimits(r: ByteReader, flags: number): Limits {
  const min = r.u64AsNumber();
  const max = flags & HAS_MAX ? r.u64AsNumber() : null;
  return { min, max };
}

function readFlags(r: ByteReader, allowed: number): number {
  const at = r.pos;
  const flags = r.u8();
  if (flags & ~allowed) r.fail('malformed limits flags', at);
  return flags;
}

/** A table type: reference type, then limits. */
export function readTableType(r: ByteReader): TableType {
  const elemType = readRefType(r);
  const flags = readFlags(r, HAS_MAX | ADDR64);
  const addrType: AddrType = flags & ADDR64 ? 'i64' : 'i32';
  return { elemType, limits: readLimits(r, flags), addrType };
}

/** A memory type: limits, then (with custom page sizes) the page size's log2. */
export function readMemType(r: ByteReader, options: DecodeOptions): MemType {
  const flags = readFlags(r, HAS_MAX | SHARED | ADDR64 | (options.customPageSizes ? PAGE_SIZE : 0));
  const limits = readLimits(r, flags);
  let pageSizeLog2 = 16;
  if (flags & PAGE_SIZE) {
    const at = r.pos;
    pageSizeLog2 = r.u32();
    // Exponents past 64 cannot name a page size at all; which sizes are allowed is validation.
    if (pageSizeLog2 >= 64) r.fail('invalid custom page size', at);
  }
  return { limits, shared: (flags & SHARED) !== 0, addrType: flags & ADDR64 ? 'i64' : 'i32', pageSizeLog2 };
}
