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
import { dictionary, enforceRange, enumValue, required } from './webidl.js';

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

function indexArg(v: unknown, what: string, i64: boolean): number {
  if (i64 && typeof v === 'bigint') {
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new TypeError(`${what} is out of range`);
    return Number(v);
  }
  return enforceRange(v, what, i64 ? Number.MAX_SAFE_INTEGER : 0xffff_ffff);
}

/** WebAssembly.Table. */
export class Table {
  #inst: TableInst;

  /** `new WebAssembly.Table({element, initial, maximum?, address?}, value?)`. */
  constructor(descriptor: { element: string; initial: number; maximum?: number; address?: 'i32' | 'i64' }, value?: unknown) {
    if (adopting !== null) {
      this.#inst = adopting;
    } else {
      const d = dictionary(descriptor, 'WebAssembly.Table(): descriptor');
      const addressArg = d.address;
      const address = addressArg === undefined ? 'i32' : enumValue(addressArg, ['i32', 'i64'] as const, 'WebAssembly.Table(): address');
      const i64 = address === 'i64';
      const element = enumValue(required(d, 'element', 'WebAssembly.Table()'), ELEMENT_TYPES, 'WebAssembly.Table(): element');
      const initial = indexArg(required(d, 'initial', 'WebAssembly.Table()'), 'WebAssembly.Table(): initial', i64);
      const maximumArg = d.maximum;
      const maximum = maximumArg === undefined ? null : indexArg(maximumArg, 'WebAssembly.Table(): maximum', i64);
      if (maximum !== null && maximum < initial) throw new RangeError('WebAssembly.Table(): maximum must not be less than initial');
      if (initial > MAX_TABLE_SIZE) throw new RangeError(`WebAssembly.Table(): initial ${initial} is above the limit of ${MAX_TABLE_SIZE}`);
      const elemType = ELEMENT_VALTYPE[element];
      const ref = value === undefined ? defaultValue(elemType) : toWebAssemblyValue(value, elemType);
      this.#inst = RuntimeTable.new(store, { min: initial, max: maximum, elemType, addrType: address }).inst;
      if (ref !== null) this.#inst.elements.fill(ref as Ref);
    }
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }

  /** The current number of elements. */
  get length(): number {
    return this.#inst.size;
  }

  /** Grows by `delta` elements set to `value` (DefaultValue when missing); returns the old length. */
  grow(delta: number, value?: unknown): number {
    const inst = this.#inst;
    const d = indexArg(delta, 'WebAssembly.Table.grow(): delta', inst.type.addrType === 'i64');
    const ref = value === undefined ? defaultValue(inst.type.elemType) : toWebAssemblyValue(value, inst.type.elemType);
    const old = d > MAX_TABLE_SIZE ? -1 : inst.grow(d, ref as Ref);
    if (old < 0) throw new RangeError('WebAssembly.Table.grow(): failed to grow the table');
    return old;
  }

  /** Element `index`; RangeError when out of bounds. */
  get(index: number): unknown {
    const inst = this.#inst;
    const i = indexArg(index, 'WebAssembly.Table.get(): index', inst.type.addrType === 'i64');
    if (i >= inst.size) throw new RangeError(`WebAssembly.Table.get(): index ${i} is out of bounds`);
    return toJSValue(inst.elements[i]!, inst.type.elemType);
  }

  /** Sets element `index` to `value` (DefaultValue when missing); RangeError when out of bounds. */
  set(index: number, value?: unknown): void {
    const inst = this.#inst;
    const i = indexArg(index, 'WebAssembly.Table.set(): index', inst.type.addrType === 'i64');
    const ref = value === undefined ? defaultValue(inst.type.elemType) : toWebAssemblyValue(value, inst.type.elemType);
    if (i >= inst.size) throw new RangeError(`WebAssembly.Table.set(): index ${i} is out of bounds`);
    inst.elements[i] = ref as Ref;
  }
}
