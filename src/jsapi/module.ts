/**
 * `WebAssembly.Module`: a compiled (decoded and validated) module within the JS API's limits
 * (limits.ts), with the static reflection functions `exports`, `imports` and `customSections`. Compilation is synchronous here; the
 * namespace's `compile` wraps the same work in a promise.
 */
import { Module as RuntimeModule } from '../runtime/module.js';
import type { ExternKind } from '../syntax/types.js';
import { engine } from './agent.js';
import { toJsError } from './errors.js';
import { checkStaticLimits } from './limits.js';
import { bufferSourceBytes, NS, toString } from './webidl.js';

/** The kind names of the JS API's ImportExportKind enum. */
const KIND_NAMES: Record<ExternKind, string> = {
  func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
};

const moduleOf = new WeakMap<object, RuntimeModule>();
let adopting: RuntimeModule | null = null;

/** Compiles `bytes` with the agent's engine; throws WebAssembly.CompileError. */
export function compileBytes(bytes: Uint8Array): RuntimeModule {
  let m: RuntimeModule;
  try {
    m = RuntimeModule.new(engine, bytes);
  } catch (e) {
    throw toJsError(e);
  }
  checkStaticLimits(m.ast, bytes.length);
  return m;
}

/** The `WebAssembly.Module` object for an already compiled module. */
export function moduleObject(m: RuntimeModule): Module {
  adopting = m;
  try {
    return new Module(undefined as never);
  } finally {
    adopting = null;
  }
}

/** The compiled module of a `WebAssembly.Module`, or undefined for any other value. */
export function runtimeModuleOf(v: unknown): RuntimeModule | undefined {
  return typeof v === 'object' && v !== null ? moduleOf.get(v) : undefined;
}

function requireModule(v: unknown, what: string): RuntimeModule {
  const m = runtimeModuleOf(v);
  if (m === undefined) throw new TypeError(`${what}: the argument must be a ${NS}.Module`);
  return m;
}

/** One entry of `WebAssembly.Module.exports`. */
export interface ModuleExportDescriptor {
  name: string;
  kind: string;
}

/** One entry of `WebAssembly.Module.imports`. */
export interface ModuleImportDescriptor {
  module: string;
  name: string;
  kind: string;
}

/** WebAssembly.Module. */
export class Module {
  /** `new WebAssembly.Module(bytes)`: CompileError for a malformed or invalid module. */
  constructor(bytes: BufferSource, options?: unknown) {
    void options;
    const m = adopting ?? compileBytes(bufferSourceBytes(bytes, `${NS}.Module(): bytes`));
    moduleOf.set(this, m);
  }

  /** The module's exports, in order, as `{name, kind}`. */
  static exports(moduleObject: Module): ModuleExportDescriptor[] {
    const m = requireModule(moduleObject, `${NS}.Module.exports()`);
    return m.exports().map((e) => ({ name: e.name, kind: KIND_NAMES[e.kind] }));
  }

  /** The module's imports, in order, as `{module, name, kind}`. */
  static imports(moduleObject: Module): ModuleImportDescriptor[] {
    const m = requireModule(moduleObject, `${NS}.Module.imports()`);
    return m.imports().map((i) => ({ module: i.module, name: i.name, kind: KIND_NAMES[i.type.kind] }));
  }

  /** A fresh ArrayBuffer with the contents of each custom section called `sectionName`. */
  static customSections(moduleObject: Module, sectionName: string): ArrayBuffer[] {
    const m = requireModule(moduleObject, `${NS}.Module.customSections()`);
    // eslint-disable-next-line prefer-rest-params
    if (arguments.length < 2) throw new TypeError(`${NS}.Module.customSections(): the section name is required`);
    const name = toString(sectionName);
    return m.customSections(name).map((bytes) => bytes.slice().buffer);
  }
}
