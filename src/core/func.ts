/**
 * Function instances. A wasm function points at its module instance and its code (translated on
 * first call by interp/); a host function wraps a JS callback taking and returning raw values.
 * Both carry their canonical type id so `call_indirect` and import matching compare integers.
 */
import type { Code } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import type { ModuleInst } from './instance.js';
import type { RawVal } from './values.js';

export class WasmFuncInst {
  readonly kind = 'wasm';
  /** Translated code, filled in by interp/ on first call (or eagerly). */
  compiled: unknown = null;
  constructor(
    /** Canonical type id (see validate/canonical.ts). */
    readonly typeId: number,
    /** The function type, with concrete heap types given as canonical ids. */
    readonly type: FuncType,
    readonly instance: ModuleInst,
    /** Index in the module's function index space. */
    readonly index: number,
    readonly code: Code,
  ) {}
}

/**
 * A host function: `fn` gets the arguments in raw form and returns the results in raw form (an
 * array, or undefined when there are none). Whatever it throws propagates through the wasm frames.
 */
export class HostFuncInst {
  readonly kind = 'host';
  constructor(
    readonly typeId: number,
    readonly type: FuncType,
    readonly fn: (args: RawVal[]) => RawVal[] | undefined | void,
    /** Optional name for backtraces. */
    readonly name: string = 'host',
  ) {}
}

export type FuncInst = WasmFuncInst | HostFuncInst;
