/**
 * The surrounding agent of the JS API: one Engine and one Store shared by every `WebAssembly.*`
 * object, as the spec's single "associated store" of an agent. Nothing here is per-module; the
 * caches that give each store object one JS wrapper live beside the wrappers themselves.
 */
import { Engine } from '../runtime/engine.js';
import { Store } from '../runtime/store.js';

/** The engine every JS API module is compiled with. */
export const engine: Engine = new Engine();

/** The store every JS API object lives in. */
export const store: Store<undefined> = new Store(engine, undefined);
