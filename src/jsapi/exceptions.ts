/**
 * How exceptions cross between JS and wasm (the JS API's exception mapping). Leaving wasm: an
 * uncaught wasm exception becomes its `WebAssembly.Exception` object, except one with the JSTag,
 * which is a JS exception that crossed wasm and is rethrown as the original value; traps become
 * RuntimeError (errors.ts). Entering wasm from a host function: a `WebAssembly.Exception` becomes
 * its exception instance again (catchable by tag), any other thrown value an exception with the
 * JSTag and the value as its externref payload (catchable by `catch_all`, or by JSTag imported),
 * so wasm handlers can see JS exceptions and an uncaught one reaches JS unchanged.
 */
import { ExnInst, WasmException } from '../core/exn.js';
import { ExternRef } from '../core/values.js';
import { Trap } from '../util/errors.js';
import { toJsError } from './errors.js';
import { exceptionObject, exnInstOf, jsTagInst } from './tag.js';
import { refToJS } from './values.js';

/** What JS code sees for something thrown out of wasm (or out of instantiation). */
export function toJsThrow(e: unknown): unknown {
  if (e instanceof WasmException) {
    const exn = e.exn;
    return exn.tag === jsTagInst ? refToJS(exn.payload[0]!) : exceptionObject(exn);
  }
  return toJsError(e);
}

/** What wasm sees for something a host function threw. */
export function toWasmThrow(e: unknown): unknown {
  // Traps raised by the engine itself (fuel, stack exhaustion) and wasm exceptions already
  // on their way stay as they are.
  if (e instanceof Trap) return e;
  const exn = exnInstOf(e);
  return new WasmException(exn ?? new ExnInst(jsTagInst, [new ExternRef(e)]));
}
