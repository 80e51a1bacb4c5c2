/**
 * `WebAssembly.Global`: a JS object for a global instance of the agent's store. The value crosses
 * with ToJSValue / ToWebAssemblyValue (i64 as BigInt, f32 rounded to f32); writing an immutable
 * global and any use of a v128 global's value are TypeErrors.
 */
import { GlobalInst } from '../core/global.js';
import {
  ANYREF, ARRAYREF, EQREF, EXTERNREF, F32, F64, FUNCREF, I31REF, I32, I64, STRUCTREF, V128, type ValType,
} from '../syntax/types.js';
import { defaultValue, toJSValue, toWebAssemblyValue } from './values.js';
import { dictionary, enumValue, NS, required } from './webidl.js';

/** The ValueType enum of the JS API and the value type each name stands for. */
export const VALUE_TYPES: Readonly<Record<string, ValType>> = {
  i32: I32, i64: I64, f32: F32, f64: F64, v128: V128,
  externref: EXTERNREF, anyfunc: FUNCREF, funcref: FUNCREF,
  anyref: ANYREF, eqref: EQREF, i31ref: I31REF, structref: STRUCTREF, arrayref: ARRAYREF,
};
const VALUE_TYPE_NAMES = Object.keys(VALUE_TYPES);

/** ToValueType: an enum conversion of a ValueType string. */
export function valueTypeArg(v: unknown, what: string): ValType {
  return VALUE_TYPES[enumValue(v, VALUE_TYPE_NAMES, what)]!;
}

const objects = new WeakMap<GlobalInst, Global>();
const instOf = new WeakMap<object, GlobalInst>();
let adopting: GlobalInst | null = null;

/** The JS object for global instance `inst` (one per instance). */
export function globalObject(inst: GlobalInst): Global {
  let g = objects.get(inst);
  if (g === undefined) {
    adopting = inst;
    try {
      g = new Global(undefined as never);
    } finally {
      adopting = null;
    }
  }
  return g;
}

/** The global instance of a `WebAssembly.Global`, or undefined for any other value. */
export function globalInstOf(v: unknown): GlobalInst | undefined {
  return typeof v === 'object' && v !== null ? instOf.get(v) : undefined;
}

/** WebAssembly.Global. */
export class Global {
  #inst: GlobalInst;

  /** `new WebAssembly.Global({value, mutable?}, v?)`; a missing `v` is DefaultValue of the type. */
  constructor(descriptor: { value: string; mutable?: boolean }, v?: unknown) {
    if (adopting !== null) {
      this.#inst = adopting;
    } else {
      const d = dictionary(descriptor, `${NS}.Global(): descriptor`);
      const mutable = Boolean(d.mutable);
      const type = valueTypeArg(required(d, 'value', `${NS}.Global()`), `${NS}.Global(): value`);
      if (type === V128) throw new TypeError(`${NS}.Global(): a v128 global cannot be created from JavaScript`);
      const raw = v === undefined ? defaultValue(type) : toWebAssemblyValue(v, type);
      this.#inst = new GlobalInst({ type, mutable }, raw);
    }
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }

  /** The current value. */
  get value(): unknown {
    const inst = this.#inst;
    if (inst.type.type === V128) throw new TypeError(`${NS}.Global: a v128 value cannot be read from JavaScript`);
    return toJSValue(inst.value, inst.type.type);
  }

  /** Sets the value: TypeError for an immutable global or a value of the wrong type. */
  set value(v: unknown) {
    const inst = this.#inst;
    // eslint-disable-next-line prefer-rest-params
    if (arguments.length === 0) throw new TypeError(`${NS}.Global: the value setter needs an argument`);
    if (!inst.type.mutable) throw new TypeError(`${NS}.Global: cannot set the value of an immutable global`);
    if (inst.type.type === V128) throw new TypeError(`${NS}.Global: a v128 value cannot be written from JavaScript`);
    inst.value = toWebAssemblyValue(v, inst.type.type);
  }

  /** The current value (so a Global converts to a number where one is expected). */
  valueOf(): unknown {
    const inst = this.#inst;
    if (inst.type.type === V128) throw new TypeError(`${NS}.Global: a v128 value cannot be read from JavaScript`);
    return toJSValue(inst.value, inst.type.type);
  }
}
