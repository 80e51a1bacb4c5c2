/**
 * GC objects (WebAssembly 3.0): struct and array instances. Fields and elements are kept in raw
 * form (core/values.ts); packed fields (i8, i16) hold the masked unsigned value and are extended
 * on read. An `i31ref` is a plain JS number (-2^30 .. 2^30-1), which the Ref type already allows.
 * `typeId` is the canonical type id, so casts compare ids through the type registry.
 */
import type { RawVal } from './values.js';

export class StructInst {
  constructor(readonly typeId: number, readonly fields: RawVal[]) {}
}

export class ArrayInst {
  constructor(readonly typeId: number, readonly elems: RawVal[]) {}
}
