/**
 * InstancePre: a module whose imports a Linker has already resolved and type-checked, ready to be
 * instantiated any number of times. Host functions of the linker are materialised in the store of
 * each instantiation, so an InstancePre that uses only host functions instantiates in any store of
 * its engine; one that uses a store's externs instantiates only in that store.
 *
 * What it does not do: see later changes to the linker (the definitions are captured when it is
 * made), or re-check types (memories and tables only grow, so a match stays a match).
 */
import type { Extern } from '../runtime/extern.js';
import { Instance } from '../runtime/instance.js';
import type { Module } from '../runtime/module.js';
import type { Store } from '../runtime/store.js';
import { instantiateAsync } from './async.js';
import { CROSS_ENGINE, CROSS_STORE, toExtern, usableIn, type Definition } from './definition.js';

/** A module with its imports resolved, instantiable many times. */
export class InstancePre<T> {
  /** @internal Made by `Linker.instantiatePre`. */
  constructor(
    /** The module to instantiate. */
    readonly module: Module,
    private readonly defs: readonly Definition[],
  ) {}

  /** Whether every import is a linker host function, so that any store of the engine will do. */
  get storeIndependent(): boolean {
    return this.defs.every((d) => d.kind === 'host');
  }

  /** Instantiates in `store` (running the start function); throws Trap when initialisation traps. */
  instantiate(store: Store<T>): Instance {
    return Instance.new(store, this.module, this.externs(store));
  }

  /** Instantiates in `store`, running the start function as an async call (async host functions may suspend it). */
  instantiateAsync(store: Store<T>): Promise<Instance> {
    return instantiateAsync(store, this.module, this.externs(store));
  }

  private externs(store: Store<T>): Extern[] {
    if (store.engine !== this.module.engine) throw new Error(CROSS_ENGINE);
    for (const d of this.defs) if (!usableIn(d, store)) throw new Error(CROSS_STORE);
    return this.defs.map((d) => toExtern(d, store, CROSS_STORE));
  }
}
