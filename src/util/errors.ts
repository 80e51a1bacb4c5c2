/**
 * The error classes purewasm throws, typed by outcome as the spec does: a module is
 * malformed or invalid (CompileError), cannot be linked (LinkError), or traps at run time (Trap).
 * Callers branch on the class and on `kind` / `code`, never on message text; the message carries
 * the spec's wording so that people (and the spec suite's assertions) recognise it.
 */

/** Why a module was refused before it could run. */
export type CompileErrorKind = 'malformed' | 'invalid';

/**
 * A module that is malformed (the bytes or text do not follow the format) or invalid (well-formed but
 * rejected by validation). `reason` is the spec's wording; `offset` the byte offset in the binary
 * where the problem was found (-1 when there is none, e.g. an error found in text).
 */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(
    readonly kind: CompileErrorKind,
    readonly reason: string,
    readonly offset: number = -1,
  ) {
    super(offset >= 0 ? `${reason} (at byte offset ${offset})` : reason);
  }
}

/** Shorthand for a malformed-binary error at `offset`. */
export function malformed(reason: string, offset: number): CompileError {
  return new CompileError('malformed', reason, offset);
}

/** Shorthand for a validation error at `offset`. */
export function invalid(reason: string, offset: number = -1): CompileError {
  return new CompileError('invalid', reason, offset);
}

/** Text that cannot be parsed as WAT/WAST: the line and column (1-based) where parsing stopped. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (at line ${line}, column ${column})`);
  }
}

/** An import could not be satisfied, or an extern does not match what a module needs. */
export class LinkError extends Error {
  override name = 'LinkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Numbered trap codes. The numbers are stable API (they appear in traces and replays); each has the
 * spec's message, which the spec suite's `assert_trap` checks.
 */
export const enum TrapCode {
  Unreachable = 1,
  IntegerDivideByZero = 2,
  IntegerOverflow = 3,
  InvalidConversionToInteger = 4,
  MemoryOutOfBounds = 5,
  TableOutOfBounds = 6,
  IndirectCallTypeMismatch = 7,
  UninitializedElement = 8,
  StackExhausted = 9,
  NullReference = 10,
  CastFailure = 11,
  ArrayOutOfBounds = 12,
  DataSegmentOutOfBounds = 13,
  ElementSegmentOutOfBounds = 14,
  UnalignedAtomic = 15,
  OutOfFuel = 16,
  NullFunctionReference = 17,
  NullI31Reference = 18,
  ArrayTooLarge = 19,
  UncaughtException = 20,
  ExpectedSharedMemory = 21,
  HostError = 22,
}

/** The message for each trap code, in the spec interpreter's wording. */
export const TRAP_MESSAGES: Readonly<Record<number, string>> = {
  [TrapCode.Unreachable]: 'unreachable',
  [TrapCode.IntegerDivideByZero]: 'integer divide by zero',
  [TrapCode.IntegerOverflow]: 'integer overflow',
  [TrapCode.InvalidConversionToInteger]: 'invalid conversion to integer',
  [TrapCode.MemoryOutOfBounds]: 'out of bounds memory access',
  [TrapCode.TableOutOfBounds]: 'out of bounds table access',
  [TrapCode.IndirectCallTypeMismatch]: 'indirect call type mismatch',
  [TrapCode.UninitializedElement]: 'uninitialized element',
  [TrapCode.StackExhausted]: 'call stack exhausted',
  [TrapCode.NullReference]: 'null reference',
  [TrapCode.CastFailure]: 'cast failure',
  [TrapCode.ArrayOutOfBounds]: 'out of bounds array access',
  [TrapCode.DataSegmentOutOfBounds]: 'out of bounds memory access',
  [TrapCode.ElementSegmentOutOfBounds]: 'out of bounds table access',
  [TrapCode.UnalignedAtomic]: 'unaligned atomic',
  [TrapCode.OutOfFuel]: 'all fuel consumed',
  [TrapCode.NullFunctionReference]: 'null function reference',
  [TrapCode.NullI31Reference]: 'null i31 reference',
  [TrapCode.ArrayTooLarge]: 'array too large',
  [TrapCode.UncaughtException]: 'uncaught exception',
  [TrapCode.ExpectedSharedMemory]: 'expected shared memory',
  [TrapCode.HostError]: 'host error',
};

/** One wasm frame of a trap's backtrace, innermost first. */
export interface FrameInfo {
  /** Function index in its module. */
  funcIndex: number;
  /** Name from the name section, if any. */
  funcName?: string;
  /** Module name from the name section, if any. */
  moduleName?: string;
  /** Byte offset in the module binary of the instruction executing in this frame, or -1. */
  codeOffset: number;
}

/** A WebAssembly trap: execution stopped by the spec's rules. */
export class Trap extends Error {
  override name = 'Trap';
  /** Wasm frames active when the trap happened, innermost first (filled in by the runtime). */
  backtrace: FrameInfo[] = [];
  constructor(
    readonly code: TrapCode,
    message: string = TRAP_MESSAGES[code] ?? 'trap',
  ) {
    super(message);
  }
}
