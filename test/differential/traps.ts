/**
 * Trap classes: the common vocabulary in which V8's RuntimeError messages and purewasm's TrapCodes
 * are compared. A class is named by the spec's message. Where V8 says less than the spec (one
 * message for a null entry and a signature mismatch in `call_indirect`; memory.init and memory
 * access alike) the class is the coarser of the two, so neither engine is asked to say more than V8
 * can. Stack exhaustion and fuel are engine limits, not wasm behaviour: compare.ts stops comparing a
 * module at the first one.
 */
import { TrapCode } from '../../src/util/errors.js';

/** Class of an engine limit: execution was cut short, not trapped by the program. */
export const STACK_EXHAUSTED = 'call stack exhausted';
export const OUT_OF_FUEL = 'all fuel consumed';
/** Limits: a run that hits one is compared only up to that point. */
export const LIMIT_CLASSES: ReadonlySet<string> = new Set([STACK_EXHAUSTED, OUT_OF_FUEL]);

const INDIRECT_CALL = 'indirect call to null or mismatched function';
/** V8 has one message for a NaN and for an out-of-range float in `trunc`; the spec has two. */
const FLOAT_TO_INT = 'invalid conversion to integer or integer overflow';

/** V8 (Node 20) RuntimeError message → class. */
const V8_TRAPS: ReadonlyMap<string, string> = new Map([
  ['unreachable', 'unreachable'],
  ['divide by zero', 'integer divide by zero'],
  ['remainder by zero', 'integer divide by zero'],
  ['divide result unrepresentable', 'integer overflow'],
  ['float unrepresentable in integer range', FLOAT_TO_INT],
  ['memory access out of bounds', 'out of bounds memory access'],
  ['data segment out of bounds', 'out of bounds memory access'],
  ['table index is out of bounds', 'out of bounds table access'],
  ['element segment out of bounds', 'out of bounds table access'],
  ['null function or function signature mismatch', INDIRECT_CALL],
]);

/** purewasm TrapCode → class. */
const OUR_TRAPS: ReadonlyMap<number, string> = new Map([
  [TrapCode.Unreachable, 'unreachable'],
  [TrapCode.IntegerDivideByZero, 'integer divide by zero'],
  [TrapCode.IntegerOverflow, 'integer overflow'],
  [TrapCode.InvalidConversionToInteger, 'invalid conversion to integer'],
  [TrapCode.MemoryOutOfBounds, 'out of bounds memory access'],
  [TrapCode.DataSegmentOutOfBounds, 'out of bounds memory access'],
  [TrapCode.TableOutOfBounds, 'out of bounds table access'],
  [TrapCode.ElementSegmentOutOfBounds, 'out of bounds table access'],
  [TrapCode.IndirectCallTypeMismatch, INDIRECT_CALL],
  [TrapCode.UninitializedElement, INDIRECT_CALL],
  [TrapCode.StackExhausted, STACK_EXHAUSTED],
  [TrapCode.OutOfFuel, OUT_OF_FUEL],
]);

/** The class of a V8 RuntimeError message (unknown messages keep their text, so they show up). */
export function v8TrapClass(message: string): string {
  return V8_TRAPS.get(message) ?? `v8: ${message}`;
}

/** The class of a purewasm trap code. */
export function ourTrapClass(code: number, message: string): string {
  return OUR_TRAPS.get(code) ?? `purewasm ${code}: ${message}`;
}

/**
 * Whether V8's trap class and ours describe the same trap. Equal classes do; V8's float-to-integer
 * class also covers ours for a NaN ('invalid conversion to integer') and for a float out of range
 * ('integer overflow', which purewasm also uses for `i32.div_s` overflow: V8 says that one apart).
 */
export function sameTrap(v8Class: string, ourClass: string): boolean {
  if (v8Class === ourClass) return true;
  return v8Class === FLOAT_TO_INT && (ourClass === 'invalid conversion to integer' || ourClass === 'integer overflow');
}

/** V8's message for JS stack overflow, a RangeError: the limit that matches our StackExhausted. */
export const V8_STACK_OVERFLOW = 'Maximum call stack size exceeded';
