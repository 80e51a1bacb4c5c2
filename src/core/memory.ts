/**
 * A memory instance: one ArrayBuffer and views of it, refreshed whenever `grow` replaces the buffer.
 * Holders of a view must re-read `bytes`/`view` after anything that can grow memory.
 */
import type { MemType } from '../syntax/types.js';

/** Largest byte length we will allocate for one memory (2^32 bytes would exceed what JS engines allow). */
export const MAX_MEMORY_BYTES = 2 ** 32;

export class MemoryInst {
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  view: DataView;
  /** Current size in pages. */
  pages: number;
  readonly pageSize: number;

  constructor(readonly type: MemType) {
    this.pageSize = 2 ** type.pageSizeLog2;
    this.pages = type.limits.min;
    const byteLength = this.pages * this.pageSize;
    if (byteLength > MAX_MEMORY_BYTES) throw new RangeError('memory size exceeds what this host can allocate');
    this.buffer = new ArrayBuffer(byteLength);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /** Size in bytes. */
  get byteLength(): number {
    return this.bytes.length;
  }

  /**
   * Grows by `delta` pages; returns the old size in pages, or -1 when the maximum (declared, or
   * what the address type and the host allow) would be exceeded.
   */
  grow(delta: number): number {
    const old = this.pages;
    if (delta === 0) return old;
    const max = this.type.limits.max ?? (this.type.addrType === 'i64' ? 2 ** 48 : 2 ** 32 / this.pageSize);
    const pages = old + delta;
    if (pages > max || pages * this.pageSize > MAX_MEMORY_BYTES) return -1;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer(pages * this.pageSize);
    } catch {
      return -1;
    }
    const bytes = new Uint8Array(next);
    bytes.set(this.bytes);
    this.buffer = next;
    this.bytes = bytes;
    this.view = new DataView(next);
    this.pages = pages;
    return old;
  }
}
