/**
 * Exceptions (the exception-handling proposal, WebAssembly 3.0): an exception instance is a tag
 * and its payload in raw form; `exnref` values are ExnInst objects. An exception that leaves wasm
 * uncaught is thrown to JS as a WasmException — a Trap with TrapCode.UncaughtException, so
 * callers that only know traps still see a trap — and wasm code further out (across a host
 * function) can still catch it, since it carries the exception instance.
 */
import { Trap, TrapCode } from '../util/errors.js';
import type { TagInst } from './instance.js';
import type { RawVal } from './values.js';

/** An exception instance (the value of an `exnref`). */
export class ExnInst {
  constructor(readonly tag: TagInst, readonly payload: readonly RawVal[]) {}
}

/** A wasm exception propagating through JS. */
export class WasmException extends Trap {
  constructor(readonly exn: ExnInst) {
    super(TrapCode.UncaughtException);
  }
}
