/**
 * Memory: a handle to a linear memory of a store. `data()` returns a view of the current bytes;
 * a `grow` (by the host or by wasm) replaces the buffer, so never keep a view across a call.
 */
import { MemoryInst } from '../core/memory.js';
import type { MemType } from '../syntax/types.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';

/** A memory type as hosts write it: pages, optional maximum; defaults: 32-bit, unshared, 64 KiB pages. */
export interface MemoryDescriptor {
  min: number;
  max?: number | null;
  addrType?: 'i32' | 'i64';
  shared?: boolean;
  pageSizeLog2?: number;
}

/** A linear memory of a store. */
export class Memory implements Stored {
  private constructor(readonly store: Store<any>, /** @internal */ readonly inst: MemoryInst) {}

  /** @internal The handle for a core memory instance. */
  static fromInst(store: Store<any>, inst: MemoryInst): Memory {
    return handleFor(store, inst, () => new Memory(store, inst));
  }

  /** A new memory in `store`. Throws RangeError for limits that are inconsistent or too large. */
  static new(store: Store<any>, desc: MemoryDescriptor): Memory {
    const max = desc.max ?? null;
    if (!Number.isSafeInteger(desc.min) || desc.min < 0 || (max !== null && (!Number.isSafeInteger(max) || max < desc.min))) {
      throw new RangeError('size minimum must not be greater than maximum');
    }
    const type: MemType = {
      limits: { min: desc.min, max }, addrType: desc.addrType ?? 'i32', shared: desc.shared ?? false,
      pageSizeLog2: desc.pageSizeLog2 ?? 16,
    };
    return Memory.fromInst(store, new MemoryInst(type));
  }

  /** The memory's type (its declared limits). */
  ty(store: Store<any>): MemType {
    assertSameStore(this, store);
    return this.inst.type;
  }

  /** Current size in pages. */
  size(store: Store<any>): number {
    assertSameStore(this, store);
    return this.inst.pages;
  }

  /** Grows by `delta` pages and returns the previous size; throws when the maximum forbids it. */
  grow(store: Store<any>, delta: number): number {
    assertSameStore(this, store);
    if (!Number.isSafeInteger(delta) || delta < 0) throw new RangeError(`failed to grow memory by \`${delta}\``);
    const old = this.inst.grow(delta);
    if (old < 0) throw new RangeError(`failed to grow memory by \`${delta}\``);
    return old;
  }

  /** The memory's bytes (a live view, valid until the memory grows). */
  data(store: Store<any>): Uint8Array {
    assertSameStore(this, store);
    return this.inst.bytes;
  }

  /** Copies `length` bytes starting at `offset`; throws RangeError when out of bounds. */
  read(store: Store<any>, offset: number, length: number): Uint8Array {
    assertSameStore(this, store);
    this.check(offset, length);
    return this.inst.bytes.slice(offset, offset + length);
  }

  /** Writes `bytes` at `offset`; throws RangeError when out of bounds. */
  write(store: Store<any>, offset: number, bytes: Uint8Array): void {
    assertSameStore(this, store);
    this.check(offset, bytes.length);
    this.inst.bytes.set(bytes, offset);
  }

  private check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.inst.byteLength) {
      throw new RangeError('out of bounds memory access');
    }
  }
}
