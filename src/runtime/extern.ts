/**
 * Extern: what an import receives and an export provides at the API (a Func, Memory, Table,
 * Global or Tag handle), and the conversions to and from the core ExternVal.
 */
import type { ExternVal } from '../core/instance.js';
import { Func } from './func.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import type { Store } from './store.js';
import { Table } from './table.js';
import { Tag } from './tag.js';

/** An external value at the API. */
export type Extern = Func | Memory | Table | Global | Tag;

/** The core external value of a handle; throws if the handle belongs to another store. */
export function externToCore(store: Store<any>, e: Extern): ExternVal {
  const v = coreOf(e);
  if (e.store !== store) throw new Error('cross-`Store` instantiation is not currently supported');
  return v;
}

function coreOf(e: Extern): ExternVal {
  if (e instanceof Func) return { kind: 'func', value: e.inst };
  if (e instanceof Memory) return { kind: 'memory', value: e.inst };
  if (e instanceof Table) return { kind: 'table', value: e.inst };
  if (e instanceof Global) return { kind: 'global', value: e.inst };
  if (e instanceof Tag) return { kind: 'tag', value: e.inst };
  throw new TypeError('not an extern: expected a Func, Memory, Table, Global or Tag');
}

/** The handle for a core external value. */
export function externFromCore(store: Store<any>, v: ExternVal): Extern {
  switch (v.kind) {
    case 'func': return Func.fromInst(store, v.value);
    case 'memory': return Memory.fromInst(store, v.value);
    case 'table': return Table.fromInst(store, v.value);
    case 'global': return Global.fromInst(store, v.value);
    case 'tag': return Tag.fromInst(store, v.value);
  }
}
