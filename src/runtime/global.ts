/**
 * Global: a handle to a global variable of a store, read and written as API values (values.ts),
 * or as raw values for bit-exact floats.
 */
import { GlobalInst } from '../core/global.js';
import type { RawVal } from '../core/values.js';
import type { GlobalType, ValType } from '../syntax/types.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';
import { fromRaw, toRaw } from './values.js';

/** A global variable of a store. */
export class Global implements Stored {
  private constructor(readonly store: Store<any>, /** @internal */ readonly inst: GlobalInst) {}

  /** @internal The handle for a core global instance. */
  static fromInst(store: Store<any>, inst: GlobalInst): Global {
    return handleFor(store, inst, () => new Global(store, inst));
  }

  /** A new global of value type `type` holding `value` (an API value). */
  static new(store: Store<any>, type: { type: ValType; mutable: boolean }, value: unknown): Global {
    const raw = toRaw(store, store.engine.types, type.type, value);
    return Global.fromInst(store, new GlobalInst({ type: type.type, mutable: type.mutable }, raw));
  }

  /** A new global holding a raw value (core/values.ts), e.g. an f32 with an exact NaN payload. */
  static newRaw(store: Store<any>, type: GlobalType, raw: RawVal): Global {
    return Global.fromInst(store, new GlobalInst(type, raw));
  }

  /** The global's type. */
  ty(store: Store<any>): GlobalType {
    assertSameStore(this, store);
    return this.inst.type;
  }

  /** The current value as an API value. */
  get(store: Store<any>): unknown {
    assertSameStore(this, store);
    return fromRaw(store, this.inst.type.type, this.inst.value);
  }

  /** The current value in raw form. */
  getRaw(store: Store<any>): RawVal {
    assertSameStore(this, store);
    return this.inst.value;
  }

  /** Sets the value; throws for an immutable global or a value of the wrong type. */
  set(store: Store<any>, value: unknown): void {
    assertSameStore(this, store);
    if (!this.inst.type.mutable) throw new Error('immutable global cannot be set');
    this.inst.value = toRaw(store, store.engine.types, this.inst.type.type, value);
  }
}
