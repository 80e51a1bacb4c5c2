/**
 * `WebAssembly.Table`: a JS object for a table instance of the agent's store. Elements cross with
 * ToJSValue / ToWebAssemblyValue; a missing value means DefaultValue of the element type (null
 * for funcref, `undefined` for externref). Out-of-range indices and failed grows are RangeErrors.
 */
import { TableInst } from '../core/table.js';
import type { Ref } from '../core/values.js';
import { Table as RuntimeTable } from '../runtime/table.js';
import { ANYREF, EXTERNREF, FUNCREF, type ValType } from '../syntax/types.js';
import { store } from './agent.js';
import { defaultValue, toJSValue, toWebAssemblyValue } from './values.js';
import { addressValue, dictionary, enumValue, NS, required } from './webidl.js';

/** The largest table the JS API lets a module or a constructor create (the spec's limits). */
export const MAX_TABLE_SIZE = 10_000_000;

const ELEMENT_TYPES = ['anyfunc', 'funcref', 'externref', 'anyref'] as const;
const ELEMENT_VALTYPE: Record<(typeof ELEMENT_TYPES)[number], ValType> = {
  anyfunc: FUNCREF, funcref: FUNCREF, externref: EXTERNREF, anyref: ANYREF,
};

const objects = new WeakMap<TableInst, Table>();
const instOf = new WeakMap<object, TableInst>();
let adopting: TableInst | null = null;

/** The JS object for table instance `inst` (one per instance). */
export function tableObject(inst: TableInst): Table {
  let t = objects.get(inst);
  if (t === undefined) {
    adopting = inst;
    try {
      t = new Table(undefined as never);
    } finally {
      adopting = null;
    }
  }
  return t;
}

/** The table instance of a `WebAssembly.Table`, or undefined for any other value. */
export function tableInstOf(v: unknown): TableInst | undefined {
  return typeof v === 'object' && v !== null ? instOf.get(v) : undefined;
}

/** WebAssembly.Table. */
export class Table {
  #inst: TableInst;

  /** `new WebAssembly.Table({element, initial, maximum?, address?}, value?)`. */
  constructor(descriptor: { element: string; initial: number | bigint; maximum?: number | bigint; address?: 'i32' | 'i64' }, value?: unknown) {
    if (adopting !== null) {
      this.#inst = adopting;
    } else {
      const d = dictionary(descriptor, `${NS}.Table(): descriptor`);
      const addressArg = d.address;
      const address = addressArg === undefined ? 'i32' : enumValue(addressArg, ['i32', 'i64'] as const, `${NS}.Table(): address`);
      const i64 = address === 'i64';
      const element = enumValue(required(d, 'element', `${NS}.Table()`), ELEMENT_TYPES, `${NS}.Table(): element`);
      const initial = addressValue(required(d, 'initial', `${NS}.Table()`), `${NS}.Table(): initial`, i64);
      const maximumArg = d.maximum;
      const maximum = maximumArg === undefined ? null : addressValue(maximumArg, `${NS}.Table(): maximum`, i64);
      if (maximum !== null && maximum < initial) throw new RangeError(`${NS}.Table(): maximum must not be less than initial`);
      if (initial > MAX_TABLE_SIZE) throw new RangeError(`${NS}.Table(): initial ${initial} is above the limit of ${MAX_TABLE_SIZE}`);
      const elemType = ELEMENT_VALTYPE[element];
      const ref = value === undefined ? defaultValue(elemType) : toWebAssemblyValue(value, elemType);
      this.#inst = RuntimeTable.new(store, { min: initial, max: maximum, elemType, addrType: address }).inst;
      if (ref !== null) this.#inst.elements.fill(ref as Ref);
    }
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }

  /** The current number of elements (a BigInt for a table with 64-bit addresses). */
  get length(): number | bigint {
    const inst = this.#inst;
    return inst.type.addrType === 'i64' ? BigInt(inst.size) : inst.size;
  }

  /**
   * Grows by `delta` elements set to `value` (DefaultValue when missing); returns the old length
   * (a BigInt for a table with 64-bit addresses).
   */
  grow(delta: number | bigint, value?: unknown): number | bigint {
    const inst = this.#inst;
    const i64 = inst.type.addrType === 'i64';
    const d = addressValue(delta, `${NS}.Table.grow(): delta`, i64);
    const ref = value === undefined ? defaultValue(inst.type.elemType) : toWebAssemblyValue(value, inst.type.elemType);
    const old = d > MAX_TABLE_SIZE ? -1 : inst.grow(d, ref as Ref);
    if (old < 0) throw new RangeError(`${NS}.Table.grow(): failed to grow the table`);
    return i64 ? BigInt(old) : old;
  }

  /** Element `index`; RangeError when out of bounds. */
  get(index: number | bigint): unknown {
    const inst = this.#inst;
    const i = addressValue(index, `${NS}.Table.get(): index`, inst.type.addrType === 'i64');
    if (i >= inst.size) throw new RangeError(`${NS}.Table.get(): index ${i} is out of bounds`);
    return toJSValue(inst.elements[i]!, inst.type.elemType);
  }

  /** Sets element `index` to `value` (DefaultValue when missing); RangeError when out of bounds. */
  set(index: number | bigint, value?: unknown): void {
    const inst = this.#inst;
    const i = addressValue(index, `${NS}.Table.set(): index`, inst.type.addrType === 'i64');
    const ref = value === undefined ? defaultValue(inst.type.elemType) : toWebAssemblyValue(value, inst.type.elemType);
    if (i >= inst.size) throw new RangeError(`${NS}.Table.set(): index ${i} is out of bounds`);
    inst.elements[i] = ref as Ref;
  }
}
