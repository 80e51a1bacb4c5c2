/** Tag: a handle to an exception tag of a store (identity matters: two tags never match). */
import { TagInst } from '../core/instance.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';
import type { Signature } from './func.js';

/** An exception tag of a store. */
export class Tag implements Stored {
  private constructor(readonly store: Store<any>, /** @internal */ readonly inst: TagInst) {}

  /** @internal The handle for a core tag instance. */
  static fromInst(store: Store<any>, inst: TagInst): Tag {
    return handleFor(store, inst, () => new Tag(store, inst));
  }

  /** A new tag whose exceptions carry values of `params` (the signature's results must be empty). */
  static new(store: Store<any>, sig: Signature): Tag {
    if (sig.results.length !== 0) throw new TypeError('a tag type must have no results');
    const typeId = store.engine.types.internFuncType(sig.params, []);
    return Tag.fromInst(store, new TagInst(typeId, [...sig.params]));
  }

  /** The payload types. */
  params(store: Store<any>): readonly number[] {
    assertSameStore(this, store);
    return this.inst.params;
  }
}
