/**
 * Instance: a handle to an instantiated module of a store. `Instance.new` checks each import
 * against the module (matching.ts; positional imports — name resolution is the Linker's job)
 * and then instantiates in the spec's order (imports, allocation, element and data segments,
 * start function) through the interpreter. A trap in a segment or the start function throws
 * Trap and leaves the effects that happened before it, as the spec says.
 */
import type { ModuleInst } from '../core/instance.js';
import { LinkError } from '../util/errors.js';
import { instantiateCore } from './exec.js';
import { externFromCore, externToCore, type Extern } from './extern.js';
import { Func } from './func.js';
import { Global } from './global.js';
import { matchImport } from './matching.js';
import { Memory } from './memory.js';
import type { Module } from './module.js';
import { assertSameStore, handleFor, type Store, type Stored } from './store.js';
import { Table } from './table.js';
import { Tag } from './tag.js';

/** An instance of a module in a store. */
export class Instance implements Stored {
  private constructor(
    readonly store: Store<any>,
    /** The module it was instantiated from. */
    readonly module: Module,
    /** @internal The core module instance. */
    readonly inst: ModuleInst,
  ) {}

  /**
   * Instantiates `module` in `store` with `imports` given in the order of `module.imports()`.
   * Throws LinkError when an import is missing or does not match, Trap when initialisation traps.
   */
  static new(store: Store<any>, module: Module, imports: readonly Extern[]): Instance {
    if (module.engine !== store.engine) throw new Error('cross-`Engine` instantiation is not currently supported');
    const wanted = module.ast.imports;
    if (imports.length !== wanted.length) {
      throw new LinkError(`expected ${wanted.length} imports, found ${imports.length}`);
    }
    const externs = imports.map((e, i) => {
      const ev = externToCore(store, e);
      matchImport(store.engine.types, wanted[i]!, module.typeIds, ev);
      return ev;
    });
    const inst = instantiateCore(store, module, externs);
    return handleFor(store, inst, () => new Instance(store, module, inst));
  }

  /** The export called `name`, or undefined. */
  getExport(store: Store<any>, name: string): Extern | undefined {
    assertSameStore(this, store);
    const v = this.inst.exports.get(name);
    return v === undefined ? undefined : externFromCore(store, v);
  }

  /** The exported function `name`, or undefined (also when `name` is not a function). */
  getFunc(store: Store<any>, name: string): Func | undefined {
    const e = this.getExport(store, name);
    return e instanceof Func ? e : undefined;
  }

  /** The exported memory `name`, or undefined. */
  getMemory(store: Store<any>, name: string): Memory | undefined {
    const e = this.getExport(store, name);
    return e instanceof Memory ? e : undefined;
  }

  /** The exported table `name`, or undefined. */
  getTable(store: Store<any>, name: string): Table | undefined {
    const e = this.getExport(store, name);
    return e instanceof Table ? e : undefined;
  }

  /** The exported global `name`, or undefined. */
  getGlobal(store: Store<any>, name: string): Global | undefined {
    const e = this.getExport(store, name);
    return e instanceof Global ? e : undefined;
  }

  /** The exported tag `name`, or undefined. */
  getTag(store: Store<any>, name: string): Tag | undefined {
    const e = this.getExport(store, name);
    return e instanceof Tag ? e : undefined;
  }

  /** All exports, in the module's order. */
  exports(store: Store<any>): [string, Extern][] {
    assertSameStore(this, store);
    return [...this.inst.exports].map(([n, v]) => [n, externFromCore(store, v)]);
  }
}
