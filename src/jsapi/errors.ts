/**
 * `WebAssembly.CompileError`, `LinkError` and `RuntimeError`: NativeError-like constructors
 * (callable with or without `new`, `message` and `name` on the prototype, no `Symbol.toStringTag`),
 * and the mapping from the engine's own errors (util/errors.ts) to them. Anything that is not an
 * engine error — a JS exception thrown by an import, say — passes through unchanged.
 */
import { CompileError as CoreCompileError, LinkError as CoreLinkError, Trap, TrapCode } from '../util/errors.js';

/** The constructor type of one of the three error interfaces. */
export interface WasmErrorConstructor {
  new (message?: string, options?: { cause?: unknown }): Error;
  (message?: string, options?: { cause?: unknown }): Error;
  readonly prototype: Error;
}

function makeErrorClass(name: string): WasmErrorConstructor {
  // A plain function (not a class) so that calling it without `new` works, as for NativeErrors.
  const ctor = function (this: unknown, message?: string, options?: { cause?: unknown }): Error {
    const target = new.target ?? ctor;
    const args: unknown[] = [message];
    if (options !== undefined && options !== null && typeof options === 'object' && 'cause' in options) args.push({ cause: options.cause });
    // Reflect.construct gives the instance Error's internal slots (stack, [[ErrorData]]) and
    // `target.prototype` as its prototype, so subclasses keep working.
    const e = Reflect.construct(Error, args, target) as Error;
    if (message === undefined) delete (e as { message?: string }).message;
    return e;
  } as unknown as WasmErrorConstructor;
  Object.defineProperty(ctor, 'name', { value: name });
  Object.defineProperty(ctor, 'length', { value: 1 });
  Object.setPrototypeOf(ctor, Error);
  const proto = Object.create(Error.prototype, {
    constructor: { value: ctor, writable: true, enumerable: false, configurable: true },
    name: { value: name, writable: true, enumerable: false, configurable: true },
    message: { value: '', writable: true, enumerable: false, configurable: true },
  });
  Object.defineProperty(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  return ctor;
}

/** A module that is malformed or invalid. */
export const CompileError: WasmErrorConstructor = makeErrorClass('CompileError');
/** An import that is missing or does not match. */
export const LinkError: WasmErrorConstructor = makeErrorClass('LinkError');
/** A trap. */
export const RuntimeError: WasmErrorConstructor = makeErrorClass('RuntimeError');

/**
 * The JS API error for `e`: engine compile/link errors and traps become CompileError, LinkError
 * and RuntimeError with the same message; call stack exhaustion becomes a RangeError, the class JS
 * itself uses for a stack overflow (the spec's error mapping). Everything else is returned as is.
 */
export function toJsError(e: unknown): unknown {
  // The engine's error stays reachable as `cause`, for the details the message does not carry
  // (a trap's code and wasm backtrace, a compile error's kind and byte offset).
  if (e instanceof Trap) {
    if (e.code === TrapCode.StackExhausted) return new RangeError(e.message, { cause: e });
    return new RuntimeError(e.message, { cause: e });
  }
  if (e instanceof CoreCompileError) return new CompileError(e.message, { cause: e });
  if (e instanceof CoreLinkError) return new LinkError(e.message, { cause: e });
  return e;
}
