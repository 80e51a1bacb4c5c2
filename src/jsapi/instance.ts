/**
 * `WebAssembly.Instance` and the spec's "read the imports": each import is looked up as
 * `importObject[module][name]` in the module's order, checked for its kind (LinkError when it is
 * of the wrong kind, TypeError when the module object is missing), and turned into a store
 * object — JS callables become host functions, Numbers and BigInts immutable globals. Matching the
 * types is the runtime's (LinkError). The exports object is a frozen null-prototype object.
 */
import type { ExternVal } from '../core/instance.js';
import type { Extern } from '../runtime/extern.js';
import { Func } from '../runtime/func.js';
import { Global as RuntimeGlobal } from '../runtime/global.js';
import { Instance as RuntimeInstance } from '../runtime/instance.js';
import { Memory as RuntimeMemory } from '../runtime/memory.js';
import type { Module as RuntimeModule } from '../runtime/module.js';
import { Table as RuntimeTable } from '../runtime/table.js';
import { Tag as RuntimeTag } from '../runtime/tag.js';
import { F32, F64, heapOf, I32, I64, isNullable, isRef, refType, V128, type ValType } from '../syntax/types.js';
import { store } from './agent.js';
import { LinkError } from './errors.js';
import { toJsThrow } from './exceptions.js';
import { checkDynamicLimits } from './limits.js';
import { exportedFunction, funcInstOf, hostFunction } from './function.js';
import { globalInstOf, globalObject } from './global.js';
import { suspendingFunctionOf, suspendingHostFunction } from './jspi.js';
import { memoryInstOf, memoryObject } from './memory.js';
import { runtimeModuleOf, type Module } from './module.js';
import { tableInstOf, tableObject } from './table.js';
import { tagInstOf, tagObject } from './tag.js';
import { toWebAssemblyValue } from './values.js';
import { NS } from './webidl.js';

/** A module-relative value type made canonical (concrete type indices become engine type ids). */
function canonical(t: ValType, typeIds: readonly number[]): ValType {
  if (!isRef(t) || heapOf(t) < 0) return t;
  return refType(isNullable(t), typeIds[heapOf(t)]!);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** The spec's "read the imports": the store objects for `module`'s imports, in order. */
export function readImports(module: RuntimeModule, importObject: unknown): Extern[] {
  const imports = module.ast.imports;
  if (importObject !== undefined && !isObject(importObject)) throw new TypeError(`${NS}.Instance(): the import object must be an object`);
  if (imports.length > 0 && importObject === undefined) throw new TypeError(`${NS}.Instance(): imports must be given for a module that has some`);
  const out: Extern[] = [];
  let funcIndex = 0;
  for (const im of imports) {
    const where = `import ${JSON.stringify(im.module)} ${JSON.stringify(im.name)}`;
    const o = (importObject as Record<string, unknown>)[im.module];
    if (!isObject(o)) throw new TypeError(`${NS}.Instance(): ${where}: module ${JSON.stringify(im.module)} is not an object`);
    const v = o[im.name];
    const d = im.desc;
    switch (d.kind) {
      case 'func': {
        const suspending = suspendingFunctionOf(v);
        if (suspending !== undefined) {
          out.push(suspendingHostFunction(suspending, module.funcType(d.typeIdx), funcIndex));
          funcIndex++;
          break;
        }
        if (typeof v !== 'function') throw new LinkError(`${NS}.Instance(): ${where}: function import requires a callable`);
        const inst = funcInstOf(v);
        out.push(inst !== undefined ? Func.fromInst(store, inst) : hostFunction(v as (...a: unknown[]) => unknown, module.funcType(d.typeIdx), funcIndex));
        funcIndex++;
        break;
      }
      case 'global': {
        const g = globalInstOf(v);
        if (g !== undefined) {
          out.push(RuntimeGlobal.fromInst(store, g));
          break;
        }
        const type = canonical(d.type.type, module.typeIds);
        if (type === I64 && typeof v !== 'bigint') throw new LinkError(`${NS}.Instance(): ${where}: global import of type i64 requires a BigInt or a ${NS}.Global`);
        if ((type === I32 || type === F32 || type === F64) && typeof v !== 'number') {
          throw new LinkError(`${NS}.Instance(): ${where}: global import requires a Number or a ${NS}.Global`);
        }
        if (type === V128) throw new LinkError(`${NS}.Instance(): ${where}: a v128 global import requires a ${NS}.Global`);
        if (d.type.mutable) throw new LinkError(`${NS}.Instance(): ${where}: a mutable global import requires a ${NS}.Global`);
        out.push(RuntimeGlobal.newRaw(store, { type, mutable: false }, toWebAssemblyValue(v, type)));
        break;
      }
      case 'memory': {
        const m = memoryInstOf(v);
        if (m === undefined) throw new LinkError(`${NS}.Instance(): ${where}: memory import requires a ${NS}.Memory`);
        out.push(RuntimeMemory.fromInst(store, m));
        break;
      }
      case 'table': {
        const t = tableInstOf(v);
        if (t === undefined) throw new LinkError(`${NS}.Instance(): ${where}: table import requires a ${NS}.Table`);
        out.push(RuntimeTable.fromInst(store, t));
        break;
      }
      case 'tag': {
        const t = tagInstOf(v);
        if (t === undefined) throw new LinkError(`${NS}.Instance(): ${where}: tag import requires a ${NS}.Tag`);
        out.push(RuntimeTag.fromInst(store, t));
        break;
      }
    }
  }
  return out;
}

/** Instantiates with imports already read; engine errors become JS API errors. */
export function instantiateCore(module: RuntimeModule, imports: readonly Extern[]): RuntimeInstance {
  checkDynamicLimits(module.ast);
  try {
    return RuntimeInstance.new(store, module, imports);
  } catch (e) {
    throw toJsThrow(e);
  }
}

function exportValue(ev: ExternVal): unknown {
  switch (ev.kind) {
    case 'func': return exportedFunction(ev.value);
    case 'memory': return memoryObject(ev.value);
    case 'table': return tableObject(ev.value);
    case 'global': return globalObject(ev.value);
    case 'tag': return tagObject(ev.value);
  }
}

/** The exports object: null prototype, one property per export in order, frozen. */
function exportsObject(inst: RuntimeInstance): Record<string, unknown> {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [name, ev] of inst.inst.exports) {
    Object.defineProperty(o, name, { value: exportValue(ev), writable: true, enumerable: true, configurable: true });
  }
  return Object.freeze(o);
}

let adopting: RuntimeInstance | null = null;

/** The `WebAssembly.Instance` object for an instance made by `instantiateCore`. */
export function instanceObject(inst: RuntimeInstance): Instance {
  adopting = inst;
  try {
    return new Instance(undefined as never);
  } finally {
    adopting = null;
  }
}

/** WebAssembly.Instance. */
export class Instance {
  #exports: Record<string, unknown>;

  /** `new WebAssembly.Instance(module, importObject?)`: instantiates synchronously. */
  constructor(module: Module, importObject?: object) {
    let inst = adopting;
    if (inst === null) {
      const m = runtimeModuleOf(module);
      if (m === undefined) throw new TypeError(`${NS}.Instance(): the first argument must be a ${NS}.Module`);
      inst = instantiateCore(m, readImports(m, importObject));
    }
    this.#exports = exportsObject(inst);
  }

  /** The exports object (the same object every time). */
  get exports(): Record<string, unknown> {
    return this.#exports;
  }
}
