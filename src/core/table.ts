/** A table instance: a growable array of references. */
import type { TableType } from '../syntax/types.js';
import type { Ref } from './values.js';

/** Largest number of elements a table may reach in this implementation. */
export const MAX_TABLE_ELEMENTS = 10_000_000;

export class TableInst {
  elements: Ref[];

  constructor(readonly type: TableType, init: Ref) {
    if (type.limits.min > MAX_TABLE_ELEMENTS) throw new RangeError('table size exceeds what this host can allocate');
    this.elements = new Array<Ref>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 past the maximum. */
  grow(delta: number, init: Ref): number {
    const old = this.elements.length;
    const max = this.type.limits.max ?? (this.type.addrType === 'i64' ? 2 ** 53 : 0xffffffff);
    if (old + delta > max || old + delta > MAX_TABLE_ELEMENTS) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
