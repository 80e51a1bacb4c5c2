/**
 * Caller: what a host function defined through the Linker sees of its caller — the store (and its
 * host data `T`), the engine, the fuel, and the exports of the instance whose wasm code made the
 * call (`getExport("memory")` is how host code reaches guest memory, as in wasmtime).
 *
 * A Caller is valid while its host function runs (async ones: until their promise settles). When
 * the host function is called directly by the embedder rather than from wasm, or by a start
 * function, there is no calling instance and `getExport` returns undefined.
 */
import type { ModuleInst } from '../core/instance.js';
import type { Engine } from '../runtime/engine.js';
import { externFromCore, type Extern } from '../runtime/extern.js';
import type { Store } from '../runtime/store.js';
import { hostCallee, hostCaller } from '../interp/host-context.js';
import type { HostFuncInst } from '../core/func.js';
import type { Thread } from '../interp/thread.js';

/** The context of one host call. */
export class Caller<T> {
  constructor(
    /** The store the call runs in. */
    readonly store: Store<T>,
    /** @internal The calling thread, when wasm made the call (it holds the call's fuel). */
    private readonly thread: Thread | null,
  ) {}

  /**
   * @internal The Caller of host function `self`, running now in `store`: wasm's thread when wasm
   * called it, none when something else did (the embedder, or another host function directly).
   */
  static current<T>(store: Store<T>, self: HostFuncInst | null): Caller<T> {
    return new Caller(store, self !== null && hostCallee() === self ? hostCaller() : null);
  }

  private get instance(): ModuleInst | null {
    return this.thread?.func?.instance ?? null;
  }

  /** The store's host data. */
  get data(): T {
    return this.store.data;
  }

  set data(value: T) {
    this.store.data = value;
  }

  /** The engine of the store. */
  get engine(): Engine {
    return this.store.engine;
  }

  /** The calling instance's export `name` (any kind), or undefined (also without a calling instance). */
  getExport(name: string): Extern | undefined {
    const v = this.instance?.exports.get(name);
    return v === undefined ? undefined : externFromCore(this.store, v);
  }

  /**
   * Fuel left (throws when the engine does not meter fuel). During a call from wasm the running
   * thread holds the fuel, so this reads the thread's count, not the store's stale one.
   */
  getFuel(): number {
    const stored = this.store.getFuel();
    return this.thread !== null ? Math.max(0, this.thread.fuel) : stored;
  }

  /** Sets the fuel left, for the rest of the running call and the store. */
  setFuel(fuel: number): void {
    this.store.setFuel(fuel);
    if (this.thread !== null) this.thread.fuel = fuel;
  }
}
