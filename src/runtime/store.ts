/**
 * The Store: owns every runtime object (functions, memories, tables, globals, instances) created
 * in it, the host's data `T`, and the fuel left for execution. Handles (`Func`, `Memory`, …) are
 * small objects that remember their store; each operation takes the store and refuses another
 * one, as wasmtime does, so objects of different stores never mix. What it does not do: free
 * anything before the store itself is dropped (the spec's store only grows).
 */
import type { Engine } from './engine.js';

let nextStoreId = 1;

/** Owner of all runtime state, with host data of type `T`. */
export class Store<T = undefined> {
  /** A number unique to this store within the process, for error messages and debugging. */
  readonly id: number = nextStoreId++;
  /** @internal Handles already made for core objects, so one object always gets the same handle. */
  readonly handles: WeakMap<object, object> = new WeakMap();
  /** @internal Fuel left; the execution layer reads and writes it around each call. */
  fuel = 0;

  constructor(readonly engine: Engine, public data: T) {}

  /** Fuel left. Throws when the engine does not meter fuel. */
  getFuel(): number {
    this.requireFuel();
    return this.fuel;
  }

  /**
   * Sets the fuel left to `fuel` (a non-negative integer). Cost, as in wasmtime: one unit per
   * executed wasm instruction, except `nop`, `drop`, `block`, `loop`, `else`, `end`, `return` and
   * `unreachable`, which cost nothing; host functions cost only their `call`.
   * The interpreter charges each straight-line stretch of code when it enters it; when the fuel
   * left cannot pay for the stretch, a plain call traps ("all fuel consumed") and a resumable call
   * pauses before the stretch, so the same program and inputs always consume the same fuel.
   */
  setFuel(fuel: number): void {
    this.requireFuel();
    if (!Number.isSafeInteger(fuel) || fuel < 0) throw new RangeError(`fuel must be a non-negative integer, got ${fuel}`);
    this.fuel = fuel;
  }

  /** Whether the engine meters fuel. */
  get fuelEnabled(): boolean {
    return this.engine.config.consumeFuel;
  }

  private requireFuel(): void {
    if (!this.engine.config.consumeFuel) throw new Error('fuel is not configured in this store');
  }
}

/** Any handle that belongs to a store. */
export interface Stored {
  readonly store: Store<unknown>;
}

/** Throws unless `handle` belongs to `store` (wasmtime's wording). */
export function assertSameStore(handle: Stored, store: Store<unknown>): void {
  if (handle.store !== store) throw new Error('object used with the wrong store');
}

/** The handle cached for `core` in `store`, made by `make` the first time. */
export function handleFor<H extends object>(store: Store<unknown>, core: object, make: () => H): H {
  let h = store.handles.get(core) as H | undefined;
  if (h === undefined) {
    h = make();
    store.handles.set(core, h);
  }
  return h;
}
