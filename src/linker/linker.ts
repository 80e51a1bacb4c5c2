/**
 * The Linker: resolves a module's imports by name — Maps keyed by (module, name), so any UTF-8
 * name works, `__proto__` and `""` included — into externs of one store, checks their types and
 * ownership, and instantiates. Its model is wasmtime's `Linker<T>` (same methods in camelCase,
 * same error texts, same Command/Reactor conventions); methods that return the linker in wasmtime
 * return `this` here, so calls chain.
 *
 * Ownership: host functions (`funcNew`, `funcWrap`, …) belong to no store and are materialised in
 * each store that uses them; externs given to `define`, `instance` and `module` belong to their
 * store, and the linker can then instantiate modules that use them only in that store.
 */
import type { RawVal } from '../core/values.js';
import type { Engine } from '../runtime/engine.js';
import { externToCore, type Extern } from '../runtime/extern.js';
import { Func, type Signature } from '../runtime/func.js';
import { Instance } from '../runtime/instance.js';
import type { ImportType, Module } from '../runtime/module.js';
import type { Store } from '../runtime/store.js';
import { F32, F64, I32, I64, isNullable, isRef, V128, valTypeToString, type ValType } from '../syntax/types.js';
import { callRawAsync } from './async.js';
import {
  CROSS_ENGINE, OTHER_ENGINE_STORE, toExtern, WRONG_STORE, definitionType, type Definition,
} from './definition.js';
import { definedTwice, importName, UnknownImportError } from './errors.js';
import {
  HostFuncDef, type HostFuncNew, type HostFuncNewAsync, type HostFuncUnchecked, type HostFuncWrap, type HostFuncWrapAsync,
} from './host-func.js';
import { InstancePre } from './instance-pre.js';
import { categorize, exportedFuncType, isAllowedCommandExport } from './module-kind.js';
import { checkImport } from './typecheck.js';

/** Resolves imports by name into externs of a store; wasmtime's `Linker<T>`. */
export class Linker<T = undefined> {
  private readonly items = new Map<string, Map<string, Definition>>();
  /** One-level names (`defineName`), kept apart from two-level ones. */
  private readonly singles = new Map<string, Definition>();
  private shadowing = false;
  private unknownExports = false;

  /** An empty linker for modules and stores of `engine`. */
  constructor(readonly engine: Engine) {}

  /** Whether a new definition may replace one of the same name (default false: an error). */
  allowShadowing(allow: boolean): this {
    this.shadowing = allow;
    return this;
  }

  /** Whether `module` accepts a Command whose non-function exports are not the usual ones (default false). */
  allowUnknownExports(allow: boolean): this {
    this.unknownExports = allow;
    return this;
  }

  /** Defines `module::name` as `item`, an extern of `store`; the definition is usable only in that store. */
  define(store: Store<T>, module: string, name: string, item: Extern): this {
    this.insert(module, name, this.externDef(store, item));
    return this;
  }

  /** Defines the one-level name `name` as `item` (the old module-linking form; see `get`). */
  defineName(store: Store<T>, name: string, item: Extern): this {
    const def = this.externDef(store, item);
    if (!this.shadowing && this.singles.has(name)) throw definedTwice(name, null);
    this.singles.set(name, def);
    return this;
  }

  /** Defines a host function whose body gets API values and fills `results` (see HostFuncNew). */
  funcNew(module: string, name: string, type: Signature, fn: HostFuncNew<T>): this {
    return this.host(module, name, HostFuncDef.new(type, fn, `${module}::${name}`));
  }

  /** Defines a host function on raw argument/result slots, without conversions (see HostFuncUnchecked). */
  funcNewUnchecked(module: string, name: string, type: Signature, fn: HostFuncUnchecked<T>): this {
    return this.host(module, name, HostFuncDef.unchecked(type, fn, `${module}::${name}`));
  }

  /** Defines a host function of signature `sig` called with the arguments and returning the result(s). */
  funcWrap(module: string, name: string, sig: Signature, fn: HostFuncWrap<T>): this {
    return this.host(module, name, HostFuncDef.wrap(sig, fn, `${module}::${name}`));
  }

  /** `funcNew` whose body returns a Promise; wasm calling it suspends until it settles (async entry points only). */
  funcNewAsync(module: string, name: string, type: Signature, fn: HostFuncNewAsync<T>): this {
    return this.host(module, name, HostFuncDef.newAsync(type, fn, `${module}::${name}`));
  }

  /** `funcWrap` whose body returns a Promise; wasm calling it suspends until it settles (async entry points only). */
  funcWrapAsync(module: string, name: string, sig: Signature, fn: HostFuncWrapAsync<T>): this {
    return this.host(module, name, HostFuncDef.wrapAsync(sig, fn, `${module}::${name}`));
  }

  /** Defines every export of `instance` under `moduleName`. */
  instance(store: Store<T>, moduleName: string, instance: Instance): this {
    this.checkStore(store);
    if (instance.store !== store) throw new Error(WRONG_STORE);
    for (const [name, item] of instance.exports(store)) this.insert(moduleName, name, { kind: 'extern', extern: item });
    return this;
  }

  /**
   * Defines the exports of `module` under `moduleName`, following the WASI conventions: a Command
   * (exports `_start`) gets a fresh instance for every call of any exported function, with its
   * imports resolved now; a Reactor (exports `_initialize`, or neither) is instantiated once and
   * `_initialize` is called once. Throws for a module that is both, and for a Command export that
   * is not a function (unless `allowUnknownExports`), as wasmtime does.
   */
  module(store: Store<T>, moduleName: string, module: Module): this {
    this.checkStore(store);
    if (module.engine !== this.engine) throw new Error(CROSS_ENGINE);
    if (categorize(module) === 'command') {
      const pre = this.commandPre(module);
      this.defineCommandExports(moduleName, module, (ex) => Func.newRaw(store, exportedFuncType(module, ex.index), (args) => {
        const instance = pre.instantiate(store);
        return instance.getFunc(store, ex.name)!.callRaw(store, args);
      }, `${moduleName}::${ex.name}`));
      return this;
    }
    const instance = this.instantiate(store, module);
    runInitialize(store, instance);
    return this.instance(store, moduleName, instance);
  }

  /**
   * `module` for modules that call async host functions: a Reactor's start function and
   * `_initialize` run as async calls, and a Command's exports are async functions (call them with
   * `callAsync`, or from wasm run by an async entry point).
   */
  async moduleAsync(store: Store<T>, moduleName: string, module: Module): Promise<this> {
    this.checkStore(store);
    if (module.engine !== this.engine) throw new Error(CROSS_ENGINE);
    if (categorize(module) === 'command') {
      const pre = this.commandPre(module);
      this.defineCommandExports(moduleName, module, (ex) => HostFuncDef.rawAsync<T>(
        exportedFuncType(module, ex.index),
        async (s, _caller, args) => {
          const instance = await pre.instantiateAsync(s);
          return callRawAsync(s, instance.getFunc(s, ex.name)!.inst, args);
        },
        `${moduleName}::${ex.name}`,
      ).materialise(store));
      return this;
    }
    const instance = await this.instantiateAsync(store, module);
    const init = instance.getFunc(store, '_initialize');
    if (init !== undefined) {
      checkInitType(store, init);
      try {
        await callRawAsync(store, init.inst, []);
      } catch (e) {
        throw new Error('calling the Reactor initialization function', { cause: e });
      }
    }
    return this.instance(store, moduleName, instance);
  }

  /** Defines `asModule::asName` as whatever `module::name` is; throws ``no item named `m::n` defined``. */
  alias(module: string, name: string, asModule: string, asName: string): this {
    const def = this.items.get(module)?.get(name);
    if (def === undefined) throw new Error(`no item named ${importName(module, name)} defined`);
    this.insert(asModule, asName, def);
    return this;
  }

  /** Defines every item of `module` again under `asModule` (nothing happens when `module` has none). */
  aliasModule(module: string, asModule: string): this {
    const m = this.items.get(module);
    if (m !== undefined) for (const [name, def] of [...m]) this.insert(asModule, name, def);
    return this;
  }

  /**
   * Instantiates `module` in `store` with its imports resolved by name. Throws UnknownImportError
   * (``unknown import: `m::n` has not been defined``), LinkError (``incompatible import type for
   * `m::n` `` with the reason as `cause`), Error for cross-store or cross-engine use, or Trap when
   * a segment or the start function traps.
   */
  instantiate(store: Store<T>, module: Module): Instance {
    this.checkStore(store);
    return this.instantiatePre(module).instantiate(store);
  }

  /** `instantiate`, with the start function run as an async call (it may call async host functions). */
  instantiateAsync(store: Store<T>, module: Module): Promise<Instance> {
    this.checkStore(store);
    return this.instantiatePre(module).instantiateAsync(store);
  }

  /**
   * Resolves and type-checks the imports of `module` now, for instantiating it later, many times;
   * in any store of the engine when the imports are all host functions of this linker.
   */
  instantiatePre(module: Module): InstancePre<T> {
    if (module.engine !== this.engine) throw new Error(CROSS_ENGINE);
    const types = this.engine.types;
    const defs = module.ast.imports.map((imp) => {
      const def = this.items.get(imp.module)?.get(imp.name);
      if (def === undefined) throw new UnknownImportError(imp.module, imp.name, imp.desc);
      checkImport(types, module, imp, definitionType(def));
      return def;
    });
    return new InstancePre<T>(module, defs);
  }

  /** Every two-level definition as `[module, name, extern]`, host functions materialised in `store`. */
  *iter(store: Store<T>): IterableIterator<[string, string, Extern]> {
    this.checkStore(store);
    for (const [module, m] of [...this.items]) {
      for (const [name, def] of [...m]) yield [module, name, toExtern(def, store, WRONG_STORE)];
    }
  }

  /**
   * The extern defined as `module::name` (or, without `name`, under the one-level name `module`),
   * as an extern of `store`; undefined when there is none. Throws when it belongs to another store.
   */
  get(store: Store<T>, module: string, name?: string): Extern | undefined {
    this.checkStore(store);
    const def = name === undefined ? this.singles.get(module) : this.items.get(module)?.get(name);
    return def === undefined ? undefined : toExtern(def, store, WRONG_STORE);
  }

  /** The extern that would satisfy `imp` (by name only; the type is not checked), or undefined. */
  getByImport(store: Store<T>, imp: ImportType): Extern | undefined {
    return this.get(store, imp.module, imp.name);
  }

  /**
   * The default function of `module` (the WASI convention): the function named `""`, else
   * `_start`, else a function that does nothing.
   */
  getDefault(store: Store<T>, module: string): Func {
    const d = this.get(store, module, '');
    if (d !== undefined) {
      if (d instanceof Func) return d;
      throw new Error(`default export in '${module}' is not a function`);
    }
    const s = this.get(store, module, '_start');
    if (s instanceof Func) return s;
    return Func.newRaw(store, { params: [], results: [] }, () => undefined, `${module}::<default>`);
  }

  /**
   * Defines every function import of `module` that the linker cannot resolve as a function that
   * throws UnknownImportError when called. Other imports stay undefined (they still fail to link).
   */
  defineUnknownImportsAsTraps(module: Module): this {
    for (const imp of module.ast.imports) {
      if (imp.desc.kind !== 'func' || this.items.get(imp.module)?.has(imp.name)) continue;
      const { module: m, name: n, desc } = imp;
      this.host(m, n, HostFuncDef.unchecked(module.funcType(desc.typeIdx), () => {
        throw new UnknownImportError(m, n, desc);
      }, `${m}::${n}`));
    }
    return this;
  }

  /**
   * Defines every function import of `module` that the linker cannot resolve as a function of
   * `store` that ignores its arguments and returns default values (zeros, null references).
   * Throws when a result type has no default value (a non-nullable reference).
   */
  defineUnknownImportsAsDefaultValues(store: Store<T>, module: Module): this {
    this.checkStore(store);
    for (const imp of module.ast.imports) {
      if (imp.desc.kind !== 'func' || this.items.get(imp.module)?.has(imp.name)) continue;
      const type = module.funcType(imp.desc.typeIdx);
      const defaults = type.results.map(defaultValue);
      const f = Func.newRaw(store, type, () => defaults.map(copyRaw), `${imp.module}::${imp.name}`);
      this.insert(imp.module, imp.name, { kind: 'extern', extern: f });
    }
    return this;
  }

  private host(module: string, name: string, def: HostFuncDef): this {
    const typeId = this.engine.types.internFuncType(def.sig.params, def.sig.results);
    this.insert(module, name, { kind: 'host', host: def, typeId });
    return this;
  }

  private insert(module: string, name: string, def: Definition): void {
    let m = this.items.get(module);
    if (m === undefined) this.items.set(module, (m = new Map()));
    if (!this.shadowing && m.has(name)) throw definedTwice(module, name);
    m.set(name, def);
  }

  private checkStore(store: Store<T>): void {
    if (store.engine !== this.engine) throw new Error(OTHER_ENGINE_STORE);
  }

  private externDef(store: Store<T>, item: Extern): Definition {
    this.checkStore(store);
    if (typeof item !== 'object' || item === null || !('store' in item)) {
      throw new TypeError('not an extern: expected a Func, Memory, Table, Global or Tag');
    }
    if (item.store !== store) throw new Error(WRONG_STORE);
    externToCore(store, item); // refuses anything that is not an extern
    return { kind: 'extern', extern: item };
  }

  /** A Command's InstancePre, after checking its exports (nothing is defined if one is refused). */
  private commandPre(module: Module): InstancePre<T> {
    for (const e of module.exports()) {
      if (e.kind !== 'func' && !isAllowedCommandExport(e.name, e.kind) && !this.unknownExports) {
        throw new Error(`command export '${e.name}' is not a function`);
      }
    }
    return this.instantiatePre(module);
  }

  /** Defines each exported function of a Command as `make` builds it (a store's function). */
  private defineCommandExports(moduleName: string, module: Module, make: (ex: { name: string; index: number }) => Func): void {
    for (const e of module.exports()) {
      if (e.kind === 'func') this.insert(moduleName, e.name, { kind: 'extern', extern: make(e) });
    }
  }
}

/** Calls a Reactor's `_initialize` once, as wasmtime does, naming the step in the error. */
function runInitialize(store: Store<any>, instance: Instance): void {
  const init = instance.getFunc(store, '_initialize');
  if (init === undefined) return;
  checkInitType(store, init);
  try {
    init.callRaw(store, []);
  } catch (e) {
    throw new Error('calling the Reactor initialization function', { cause: e });
  }
}

function checkInitType(store: Store<any>, init: Func): void {
  const t = init.ty(store);
  if (t.params.length !== 0 || t.results.length !== 0) {
    throw new Error('calling the Reactor initialization function', {
      cause: new TypeError('`_initialize` must take no parameters and return nothing'),
    });
  }
}

/** The default value of a result type in raw form; throws for a non-nullable reference. */
function defaultValue(t: ValType): RawVal {
  switch (t) {
    case I32: case F32: return 0;
    case I64: case F64: return 0n;
    case V128: return new Uint8Array(16);
  }
  if (isRef(t) && isNullable(t)) return null;
  throw new Error(`no default value exists for \`${valTypeToString(t)}\``);
}

/** A fresh copy of a raw default (a v128 must not be shared between calls). */
function copyRaw(v: RawVal): RawVal {
  return v instanceof Uint8Array ? v.slice() : v;
}
