/**
 * purewasm's public API: a WebAssembly engine in TypeScript that never uses the host's
 * `WebAssembly`. The vocabulary follows wasmtime and wasmi: an `Engine` (configuration, shared
 * types), a `Store` (all runtime state and the host's data), a compiled `Module`, and handles —
 * `Instance`, `Func`, `Memory`, `Table`, `Global`, `Tag` — that belong to one store.
 *
 * ```ts
 * const engine = new Engine();
 * const store = new Store(engine, undefined);
 * const module = Module.new(engine, bytes);
 * const log = Func.new(store, { params: [I32], results: [] }, (x) => console.log(x));
 * const instance = Instance.new(store, module, [log]);
 * const [sum] = instance.getFunc(store, 'add')!.call(store, 1, 2);
 * ```
 *
 * Values at the API: i32 number, i64 bigint, f32/f64 number, v128 16-byte Uint8Array, funcref a
 * `Func` or null, externref any JS value. Errors: CompileError, LinkError, Trap (with `code` and
 * `backtrace`), and whatever a host function throws, unchanged.
 */
export { Engine, DEFAULT_CONFIG, type Config, type CompilationMode, type Executor, type ResolvedConfig } from './runtime/engine.js';
export { FEATURES, type Feature } from './runtime/features.js';
export { Store } from './runtime/store.js';
export { Module, type ImportType, type ExportType } from './runtime/module.js';
export { Instance } from './runtime/instance.js';
export { Func, type Signature, type HostFunction, type RawHostFunction } from './runtime/func.js';
export { Memory, type MemoryDescriptor } from './runtime/memory.js';
export { Table, type TableDescriptor } from './runtime/table.js';
export { Global } from './runtime/global.js';
export { Tag } from './runtime/tag.js';
export type { Extern } from './runtime/extern.js';
export { matchImport, limitsMatch } from './runtime/matching.js';
export type { ResumableCall, FinishedCall, PausedCall } from './runtime/exec.js';
export { formatTrap, formatFrame } from './runtime/trap.js';
export { ExternRef, type RawVal, type Ref } from './core/values.js';
export {
  I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, ANYREF, EQREF, I31REF, STRUCTREF, ARRAYREF, EXNREF,
  valTypeToString, type ValType, type FuncType, type GlobalType, type MemType, type TableType, type ExternType,
} from './syntax/types.js';
export {
  CompileError, LinkError, ParseError, Trap, TrapCode, TRAP_MESSAGES, type FrameInfo, type CompileErrorKind,
} from './util/errors.js';
export {
  Linker, InstancePre, Caller, callAsync, instantiateAsync, UnknownImportError, formatErrorChain,
  type HostFuncNew, type HostFuncNewAsync, type HostFuncUnchecked, type HostFuncWrap, type HostFuncWrapAsync,
} from './linker/index.js';
