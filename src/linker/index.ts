/**
 * The Linker layer: name-based import resolution in wasmtime's style (`Linker`, `InstancePre`,
 * `Caller`), its errors, and the async entry points that let wasm call host functions returning
 * Promises. Embedders (WASI, the JS API) build on this rather than on the runtime's positional
 * `Instance.new`.
 */
export { Linker } from './linker.js';
export { InstancePre } from './instance-pre.js';
export { Caller } from './caller.js';
export { callAsync, instantiateAsync } from './async.js';
export { UnknownImportError, formatErrorChain } from './errors.js';
export { funcTypeToString } from './typecheck.js';
export { categorize, type ModuleKind } from './module-kind.js';
export type {
  HostFuncNew, HostFuncNewAsync, HostFuncUnchecked, HostFuncWrap, HostFuncWrapAsync,
} from './host-func.js';
