/**
 * Float ⇄ bit-pattern conversions through one shared scratch buffer. Floats are kept as bits
 * wherever the spec requires NaN payloads to survive; these helpers are for the places that
 * need the numeric value.
 */
const scratch = new ArrayBuffer(8);
const f32 = new Float32Array(scratch);
const f64 = new Float64Array(scratch);
const u32 = new Uint32Array(scratch);
const i32 = new Int32Array(scratch);
const u64 = new BigUint64Array(scratch);

/** The f32 bit pattern of `x` rounded to f32 (NaNs become the canonical quiet NaN of JS). */
export function f32ToBits(x: number): number {
  f32[0] = x;
  return i32[0]!;
}

/** The f32 value of a 32-bit pattern (a signalling NaN may be quieted by the host). */
export function bitsToF32(bits: number): number {
  i32[0] = bits;
  return f32[0]!;
}

/** The f64 bit pattern of `x` as [lo, hi] signed 32-bit halves. */
export function f64ToBits(x: number): [number, number] {
  f64[0] = x;
  return [i32[0]!, i32[1]!];
}

/** The f64 value of a bit pattern given as lo/hi 32-bit halves. */
export function bitsToF64(lo: number, hi: number): number {
  i32[0] = lo;
  i32[1] = hi;
  return f64[0]!;
}

/** The f64 bit pattern of `x` as an unsigned 64-bit bigint. */
export function f64ToBigBits(x: number): bigint {
  f64[0] = x;
  return u64[0]!;
}

/** The f64 value of an unsigned 64-bit pattern. */
export function bigBitsToF64(bits: bigint): number {
  u64[0] = BigInt.asUintN(64, bits);
  return f64[0]!;
}

/** Unsigned view of a 32-bit pattern. */
export function toU32(x: number): number {
  u32[0] = x;
  return u32[0]!;
}
