/**
 * What a Linker holds under a name: an extern of one store (from `define`, `instance`, `module`),
 * or a host function that belongs to no store (from `funcNew`, `funcWrap`, …). This file turns a
 * definition into the extern of a given store, with the ownership rules: a store's extern works
 * only in that store; a host function is materialised in whichever store asks.
 */
import type { Extern } from '../runtime/extern.js';
import { externToCore } from '../runtime/extern.js';
import type { Store } from '../runtime/store.js';
import type { HostFuncDef } from './host-func.js';
import { definitionTypeOf, type DefinitionType } from './typecheck.js';

/** A linker entry. */
export type Definition =
  | { readonly kind: 'extern'; readonly extern: Extern }
  | { readonly kind: 'host'; readonly host: HostFuncDef; readonly typeId: number };

/** Whether `def` can be used in `store` (host functions can be used in any store of the engine). */
export function usableIn(def: Definition, store: Store<any>): boolean {
  return def.kind === 'host' || def.extern.store === store;
}

/**
 * The extern `def` stands for in `store`. `wrongStore` is the message when `def` belongs to
 * another store (instantiation and lookup word it differently, as wasmtime does).
 */
export function toExtern(def: Definition, store: Store<any>, wrongStore: string): Extern {
  if (def.kind === 'host') return def.host.materialise(store);
  if (def.extern.store !== store) throw new Error(wrongStore);
  return def.extern;
}

/** The type the import check compares (the current size for memories and tables). */
export function definitionType(def: Definition): DefinitionType {
  if (def.kind === 'host') return { kind: 'func', typeId: def.typeId, type: { kind: 'func', params: def.host.sig.params, results: def.host.sig.results } };
  return definitionTypeOf(externToCore(def.extern.store, def.extern));
}

/** wasmtime's message for using an import of one store to instantiate in another. */
export const CROSS_STORE = 'cross-`Store` instantiation is not currently supported';
/** wasmtime's message for a module or definition of another engine. */
export const CROSS_ENGINE = 'cross-`Engine` instantiation is not currently supported';
/** wasmtime's message for a handle used with the wrong store. */
export const WRONG_STORE = 'object used with the wrong store';
/** wasmtime's message for a store of another engine than the linker's. */
export const OTHER_ENGINE_STORE = 'different engines for this linker and the store provided';
