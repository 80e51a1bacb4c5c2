/**
 * purewasm's drop-in `WebAssembly` object: the WebAssembly JS API (validate, compile,
 * instantiate, the streaming forms, Module, Instance, Memory, Table, Global, Tag, Exception, JSTag
 * and the three error classes) on purewasm's runtime, never on the host's WebAssembly. The
 * properties are laid out as WebIDL lays out a namespace and its interfaces (enumerable
 * operations, `Symbol.toStringTag`, `length`s), so code that inspects them sees what it expects.
 *
 * ```js
 * import { WebAssembly } from 'purewasm/webassembly';
 * const { instance } = await WebAssembly.instantiate(bytes, { env: { log: console.log } });
 * ```
 * `purewasm/polyfill` installs it as `globalThis.WebAssembly` where there is none.
 *
 * JS Promise Integration (`Suspending`, `promising`) is there too (jspi.ts).
 *
 * Not provided: JS String Builtins and the compile options (ignored), type reflection,
 * `Memory.prototype.toResizableBuffer`, `SuspendError`; a shared memory's buffer is an ordinary
 * ArrayBuffer. Where the host can neither `transfer` nor `structuredClone` an ArrayBuffer (some
 * embedded engines), an old `buffer` is not detached on grow. One store serves every object, as
 * in the spec.
 */
import { CompileError, LinkError, RuntimeError } from './errors.js';
import { Exception, JSTag, Tag } from './tag.js';
import { Global } from './global.js';
import { Instance } from './instance.js';
import { Memory } from './memory.js';
import { Module } from './module.js';
import { compile, compileStreaming, instantiate, instantiateStreaming, validate } from './namespace.js';
import { promising, Suspending } from './jspi.js';
import { Table } from './table.js';
import { NS } from './webidl.js';

/** `length` of each function as WebIDL counts it (required arguments only). */
const LENGTHS: ReadonlyArray<readonly [object, number]> = [
  [validate, 1], [compile, 1], [instantiate, 1], [compileStreaming, 1], [instantiateStreaming, 1], [promising, 1], [Suspending, 1],
  [Module, 1], [Instance, 1], [Memory, 1], [Table, 1], [Global, 1], [Tag, 1], [Exception, 2],
  [Memory.prototype.grow, 1], [Table.prototype.grow, 1], [Table.prototype.get, 1], [Table.prototype.set, 1],
  [Exception.prototype.getArg, 2], [Exception.prototype.is, 1], [Module.exports, 1], [Module.imports, 1], [Module.customSections, 2],
];
for (const [f, n] of LENGTHS) Object.defineProperty(f, 'length', { value: n });

/** WebIDL interface layout: enumerable operations and attributes, and a toStringTag. */
function interfaceLayout(ctor: { prototype: object }, tag: string): void {
  for (const target of [ctor, ctor.prototype]) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (target === ctor ? key === 'prototype' || key === 'length' || key === 'name' : key === 'constructor') continue;
      Object.defineProperty(target, key, { enumerable: true });
    }
  }
  Object.defineProperty(ctor.prototype, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}
for (const [ctor, name] of [[Module, 'Module'], [Instance, 'Instance'], [Memory, 'Memory'], [Table, 'Table'], [Global, 'Global'], [Tag, 'Tag'], [Exception, 'Exception'], [Suspending, 'Suspending']] as const) {
  interfaceLayout(ctor, `${NS}.${name}`);
}

/** The type of the `WebAssembly` namespace object. */
export interface WebAssemblyNamespace {
  validate: typeof validate;
  compile: typeof compile;
  instantiate: typeof instantiate;
  compileStreaming: typeof compileStreaming;
  instantiateStreaming: typeof instantiateStreaming;
  Module: typeof Module;
  Instance: typeof Instance;
  Memory: typeof Memory;
  Table: typeof Table;
  Global: typeof Global;
  Tag: typeof Tag;
  Exception: typeof Exception;
  readonly JSTag: Tag;
  CompileError: typeof CompileError;
  LinkError: typeof LinkError;
  RuntimeError: typeof RuntimeError;
  promising: typeof promising;
  Suspending: typeof Suspending;
}

function makeNamespace(): WebAssemblyNamespace {
  const ns = {} as WebAssemblyNamespace;
  for (const [name, f] of Object.entries({ validate, compile, instantiate, compileStreaming, instantiateStreaming, promising })) {
    Object.defineProperty(ns, name, { value: f, writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(ns, 'JSTag', { get: function JSTag_get() { return JSTag; }, enumerable: true, configurable: true });
  Object.defineProperty(Object.getOwnPropertyDescriptor(ns, 'JSTag')!.get!, 'name', { value: 'get JSTag' });
  const interfaces = { Module, Instance, Memory, Table, Global, Tag, Exception, CompileError, LinkError, RuntimeError, Suspending };
  for (const [name, c] of Object.entries(interfaces)) {
    Object.defineProperty(ns, name, { value: c, writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', writable: false, enumerable: false, configurable: true });
  return ns;
}

/** purewasm's implementation of the `WebAssembly` namespace object. */
export const WebAssembly: WebAssemblyNamespace = makeNamespace();
export default WebAssembly;

export {
  CompileError, LinkError, RuntimeError, Module, Instance, Memory, Table, Global, Tag, Exception, JSTag,
  validate, compile, instantiate, compileStreaming, instantiateStreaming, promising, Suspending,
};
export type { ModuleExportDescriptor, ModuleImportDescriptor } from './module.js';
export type { WebAssemblyInstantiatedSource } from './namespace.js';
