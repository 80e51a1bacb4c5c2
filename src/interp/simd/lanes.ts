/**
 * The scratch registers every SIMD operation works in: four 16-byte vectors — A, B and C for the
 * operands, R for the result — in one module-level buffer, each seen through one typed array per
 * lane shape. An operation copies its operands from the slot array into A/B/C, computes R lane by
 * lane, then copies R out. Copying first makes it safe for the destination to alias an operand and
 * means no operation allocates.
 *
 * Lanes are little-endian on every host we target (typed arrays use the platform's byte order; we
 * check it once at load time rather than pay for DataView on every lane).
 *
 * This file does not interpret lanes; the family files (integer.ts, float.ts, …) do.
 */

const buffer = new ArrayBuffer(64);

if (new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] !== 0x04) {
  throw new Error('purewasm SIMD needs a little-endian host');
}

function view<T>(make: new (b: ArrayBuffer, offset: number, length: number) => T, offset: number, bytesPerLane: number): T {
  return new make(buffer, offset, 16 / bytesPerLane);
}

// Operand A (bytes 0-15)
export const aI8 = view(Int8Array, 0, 1);
export const aU8 = view(Uint8Array, 0, 1);
export const aI16 = view(Int16Array, 0, 2);
export const aU16 = view(Uint16Array, 0, 2);
export const aI32 = view(Int32Array, 0, 4);
export const aU32 = view(Uint32Array, 0, 4);
export const aF32 = view(Float32Array, 0, 4);
export const aF64 = view(Float64Array, 0, 8);
// Operand B (bytes 16-31)
export const bI8 = view(Int8Array, 16, 1);
export const bU8 = view(Uint8Array, 16, 1);
export const bI16 = view(Int16Array, 16, 2);
export const bU16 = view(Uint16Array, 16, 2);
export const bI32 = view(Int32Array, 16, 4);
export const bU32 = view(Uint32Array, 16, 4);
export const bF32 = view(Float32Array, 16, 4);
export const bF64 = view(Float64Array, 16, 8);
// Operand C (bytes 32-47): ternary operations only
export const cI8 = view(Int8Array, 32, 1);
export const cI16 = view(Int16Array, 32, 2);
export const cI32 = view(Int32Array, 32, 4);
export const cF32 = view(Float32Array, 32, 4);
export const cF64 = view(Float64Array, 32, 8);
/** A and B as one 32-byte array: i8x16.shuffle's lane index 0-31 addresses it directly. */
export const abU8 = new Uint8Array(buffer, 0, 32);
// Result R (bytes 48-63)
export const rI8 = view(Int8Array, 48, 1);
export const rU8 = view(Uint8Array, 48, 1);
/** Clamped view of R: storing an integer saturates it to 0..255 (add_sat_u, sub_sat_u, narrow_u). */
export const rU8Clamped = view(Uint8ClampedArray, 48, 1);
export const rI16 = view(Int16Array, 48, 2);
export const rU16 = view(Uint16Array, 48, 2);
export const rI32 = view(Int32Array, 48, 4);
export const rU32 = view(Uint32Array, 48, 4);
export const rF32 = view(Float32Array, 48, 4);
export const rF64 = view(Float64Array, 48, 8);

/** f32 canonical NaN bits: what every float lane operation writes for a NaN result (see float.ts). */
export const F32_CANONICAL_NAN = 0x7fc00000;
/** High word of the f64 canonical NaN (the low word is 0). */
export const F64_CANONICAL_NAN_HI = 0x7ff80000;

/** Copies the v128 at word index `a` of `w` into A. */
export function loadA(w: Int32Array, a: number): void {
  aI32[0] = w[a];
  aI32[1] = w[a + 1];
  aI32[2] = w[a + 2];
  aI32[3] = w[a + 3];
}

/** Copies the v128 at word index `b` of `w` into B. */
export function loadB(w: Int32Array, b: number): void {
  bI32[0] = w[b];
  bI32[1] = w[b + 1];
  bI32[2] = w[b + 2];
  bI32[3] = w[b + 3];
}

/** Copies the v128 at word index `c` of `w` into C. */
export function loadC(w: Int32Array, c: number): void {
  cI32[0] = w[c];
  cI32[1] = w[c + 1];
  cI32[2] = w[c + 2];
  cI32[3] = w[c + 3];
}

/** Copies R to word index `dst` of `w`. */
export function storeR(w: Int32Array, dst: number): void {
  w[dst] = rI32[0];
  w[dst + 1] = rI32[1];
  w[dst + 2] = rI32[2];
  w[dst + 3] = rI32[3];
}
