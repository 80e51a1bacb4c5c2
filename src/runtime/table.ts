/**
 * Table: a handle to a table of references of a store. Elements are API values (a `Func` or null
 * for funcref tables, any JS value for externref tables); see values.ts.
 */
import { TableInst } from '../core/table.js';
import { FUNCREF, type TableType, type ValType } from '../syntax/types.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';
import { refFromRaw, toRaw } from './values.js';

/** A table type as hosts write it; defaults: funcref elements, 32-bit indices. */
export interface TableDescriptor {
  min: number;
  max?: number | null;
  elemType?: ValType;
  addrType?: 'i32' | 'i64';
}

/** A table of a store. */
export class Table implements Stored {
  private constructor(readonly store: Store<any>, /** @internal */ readonly inst: TableInst) {}

  /** @internal The handle for a core table instance. */
  static fromInst(store: Store<any>, inst: TableInst): Table {
    return handleFor(store, inst, () => new Table(store, inst));
  }

  /** A new table in `store` with every element set to `init` (default null). */
  static new(store: Store<any>, desc: TableDescriptor, init: unknown = null): Table {
    const max = desc.max ?? null;
    if (!Number.isSafeInteger(desc.min) || desc.min < 0 || (max !== null && (!Number.isSafeInteger(max) || max < desc.min))) {
      throw new RangeError('size minimum must not be greater than maximum');
    }
    const type: TableType = { limits: { min: desc.min, max }, elemType: desc.elemType ?? FUNCREF, addrType: desc.addrType ?? 'i32' };
    const raw = toRaw(store, store.engine.types, type.elemType, init);
    return Table.fromInst(store, new TableInst(type, raw as never));
  }

  /** The table's type. */
  ty(store: Store<any>): TableType {
    assertSameStore(this, store);
    return this.inst.type;
  }

  /** Current number of elements. */
  size(store: Store<any>): number {
    assertSameStore(this, store);
    return this.inst.size;
  }

  /** Element `index` as an API value; throws RangeError when out of bounds. */
  get(store: Store<any>, index: number): unknown {
    assertSameStore(this, store);
    this.check(index);
    return refFromRaw(store, this.inst.elements[index]!);
  }

  /** Sets element `index`; throws RangeError when out of bounds, TypeError for a wrong value. */
  set(store: Store<any>, index: number, value: unknown): void {
    assertSameStore(this, store);
    this.check(index);
    this.inst.elements[index] = toRaw(store, store.engine.types, this.inst.type.elemType, value) as never;
  }

  /** Grows by `delta` elements set to `init`; returns the previous size or throws. */
  grow(store: Store<any>, delta: number, init: unknown = null): number {
    assertSameStore(this, store);
    const raw = toRaw(store, store.engine.types, this.inst.type.elemType, init);
    const old = Number.isSafeInteger(delta) && delta >= 0 ? this.inst.grow(delta, raw as never) : -1;
    if (old < 0) throw new RangeError(`failed to grow table by \`${delta}\``);
    return old;
  }

  private check(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.inst.size) throw new RangeError('out of bounds table access');
  }
}
