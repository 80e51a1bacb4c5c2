/**
 * A module instance (the spec's moduleinst): the resolved index spaces of one instantiated module.
 * Imports come first in each space, as in the module's own numbering.
 */
import type { Module } from '../syntax/module.js';
import type { FuncInst } from './func.js';
import type { GlobalInst } from './global.js';
import type { MemoryInst } from './memory.js';
import type { TableInst } from './table.js';
import type { Ref } from './values.js';

/** An exception tag instance; identity is the object. */
export class TagInst {
  constructor(readonly typeId: number, readonly params: readonly number[]) {}
}

/** A passive element segment's remaining references (emptied by elem.drop). */
export interface ElemInst {
  elements: Ref[];
}

/** A passive data segment's remaining bytes (emptied by data.drop). */
export interface DataInst {
  bytes: Uint8Array;
}

export interface ModuleInst {
  readonly module: Module;
  /** Canonical type id of each of the module's type indices. */
  readonly typeIds: readonly number[];
  readonly funcs: FuncInst[];
  readonly tables: TableInst[];
  readonly memories: MemoryInst[];
  readonly globals: GlobalInst[];
  readonly tags: TagInst[];
  readonly elems: ElemInst[];
  readonly datas: DataInst[];
  /** Exports by name (a Map: names are data, `__proto__` included). */
  readonly exports: Map<string, ExternVal>;
}

/** An external value: what an import receives and an export provides. */
export type ExternVal =
  | { kind: 'func'; value: FuncInst }
  | { kind: 'table'; value: TableInst }
  | { kind: 'memory'; value: MemoryInst }
  | { kind: 'global'; value: GlobalInst }
  | { kind: 'tag'; value: TagInst };
