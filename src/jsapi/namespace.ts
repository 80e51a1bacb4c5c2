/**
 * The namespace's operations: `validate`, `compile`, `instantiate` (bytes and Module overloads)
 * and the Web API's `compileStreaming` / `instantiateStreaming`. Compilation itself is
 * synchronous; the promise-returning forms copy their bytes and read the imports at once, as the
 * spec says, and do the work in a later job, so every failure is a rejected promise, never a throw.
 */
import type { Module as RuntimeModule } from '../runtime/module.js';
import { instanceObject, instantiateCore, readImports, type Instance } from './instance.js';
import { compileBytes, moduleObject, runtimeModuleOf, type Module } from './module.js';
import { bufferSourceBytes, NS } from './webidl.js';

/** What `instantiate` gives for bytes: the compiled module and its instance. */
export interface WebAssemblyInstantiatedSource {
  module: Module;
  instance: Instance;
}

/** Whether `bytes` is a valid module (TypeError when it is not a BufferSource). */
export function validate(bytes: BufferSource): boolean {
  const b = bufferSourceBytes(bytes, `${NS}.validate(): bytes`);
  try {
    compileBytes(b);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` in a later job; its result or exception settles the promise. */
function later<T>(work: () => T): Promise<T> {
  return Promise.resolve().then(work);
}

/** Compiles `bytes` into a Module (rejects with CompileError or TypeError). */
export function compile(bytes: BufferSource): Promise<Module> {
  let b: Uint8Array;
  try {
    b = bufferSourceBytes(bytes, `${NS}.compile(): bytes`);
  } catch (e) {
    return Promise.reject(e);
  }
  return later(() => moduleObject(compileBytes(b)));
}

/** Reads the imports now and instantiates in a later job. */
function instantiateModule(m: RuntimeModule, importObject: unknown): Promise<Instance> {
  let imports;
  try {
    imports = readImports(m, importObject);
  } catch (e) {
    return Promise.reject(e);
  }
  return later(() => instanceObject(instantiateCore(m, imports)));
}

function instantiatePromiseOfModule(p: Promise<Module>, importObject: unknown): Promise<WebAssemblyInstantiatedSource> {
  return p.then((module) => instantiateModule(runtimeModuleOf(module)!, importObject).then((instance) => ({ module, instance })));
}

/**
 * `instantiate(moduleObject, importObject?)` → Promise<Instance>;
 * `instantiate(bytes, importObject?)` → Promise<{module, instance}>.
 */
export function instantiate(source: Module, importObject?: object): Promise<Instance>;
export function instantiate(source: BufferSource, importObject?: object): Promise<WebAssemblyInstantiatedSource>;
export function instantiate(source: unknown, importObject?: object): Promise<Instance | WebAssemblyInstantiatedSource> {
  const m = runtimeModuleOf(source);
  if (m !== undefined) return instantiateModule(m, importObject);
  return instantiatePromiseOfModule(compile(source as BufferSource), importObject);
}

interface ResponseLike {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The body of a Response (or a promise of one) that may be compiled, or a TypeError. */
async function responseBytes(source: unknown): Promise<Uint8Array> {
  const response = await source;
  const R = (globalThis as { Response?: new () => unknown }).Response;
  const isResponse = R !== undefined
    ? response instanceof R
    : typeof response === 'object' && response !== null && typeof (response as ResponseLike).arrayBuffer === 'function';
  if (!isResponse) throw new TypeError('WebAssembly: the argument must be a Response or a promise of one');
  const r = response as ResponseLike;
  const type = r.headers.get('Content-Type');
  const essence = type === null ? '' : type.split(';')[0]!.trim().toLowerCase();
  if (essence !== 'application/wasm') throw new TypeError(`WebAssembly: the response's MIME type must be 'application/wasm', got '${type ?? ''}'`);
  if (!r.ok) throw new TypeError('WebAssembly: the response status is not ok');
  return new Uint8Array(await r.arrayBuffer());
}

/** Compiles the body of a Response whose MIME type is application/wasm. */
export function compileStreaming(source: unknown): Promise<Module> {
  return responseBytes(source).then((b) => moduleObject(compileBytes(b)));
}

/** Compiles and instantiates the body of a Response whose MIME type is application/wasm. */
export function instantiateStreaming(source: unknown, importObject?: object): Promise<WebAssemblyInstantiatedSource> {
  return instantiatePromiseOfModule(compileStreaming(source), importObject);
}
