/**
 * How values cross the boundary between the interpreter and the runtime (arguments, results,
 * globals, host calls). Floats travel as bit patterns so NaN payloads survive; the public API
 * in runtime/ converts to and from friendly JS values.
 *
 * - i32: number (signed 32-bit)         - i64: bigint (signed 64-bit)
 * - f32: number, the f32 bit pattern (signed 32-bit)
 * - f64: bigint, the f64 bit pattern (unsigned 64-bit)
 * - v128: Uint8Array of 16 bytes, little-endian lanes
 * - references: Ref
 */

/** A host value carried as an `externref`. Wrapping keeps JS `null`/`undefined` distinct from ref.null. */
export class ExternRef {
  constructor(readonly value: unknown) {}
}

/**
 * A reference: null, a function, a host reference, or (with GC) an i31 as a number or a struct/array
 * object. Anything non-null is an object or a number, so `=== null` is the null test.
 */
export type Ref = null | object | number;

/** A value in the raw form described above. */
export type RawVal = number | bigint | Uint8Array | Ref;
