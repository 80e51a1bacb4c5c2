/**
 * Numeric operations that are too rare or too long for the dispatch loop: rounding to nearest
 * (ties to even), float ⇄ integer conversions (trapping and saturating), and i64 → f32
 * conversion with a single rounding. They read and write the value stack through the thread's
 * views, at absolute word offsets.
 *
 * What it does not do: the common arithmetic, which the loop does inline (exec.ts).
 */
import { Trap, TrapCode } from '../util/errors.js';
import type { StackViews } from './stack.js';

/** `nearest`: round to integral, ties to even, keeping -0 and NaN. */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  if (a >= 4503599627370496) return x; // 2^52: already integral
  let r = Math.round(a); // ties away from zero for positive numbers
  if (r - a === 0.5 && r % 2 !== 0) r -= 1;
  return x < 0 ? -r : r; // -0 for small negatives
}

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

function invalidConversion(): Trap {
  return new Trap(TrapCode.InvalidConversionToInteger);
}
function overflow(): Trap {
  return new Trap(TrapCode.IntegerOverflow);
}

/** Truncation to i32 (signed): traps on NaN and out-of-range values. */
export function truncI32S(x: number): number {
  if (x !== x) throw invalidConversion();
  if (!(x > -2147483649 && x < 2147483648)) throw overflow();
  return Math.trunc(x) | 0;
}

/** Truncation to u32 (result as a signed 32-bit pattern). */
export function truncI32U(x: number): number {
  if (x !== x) throw invalidConversion();
  if (!(x > -1 && x < TWO32)) throw overflow();
  return Math.trunc(x) | 0;
}

/** Truncation to i64. */
export function truncI64S(x: number): bigint {
  if (x !== x) throw invalidConversion();
  if (!(x >= -TWO63 && x < TWO63)) throw overflow();
  return BigInt(Math.trunc(x));
}

/** Truncation to u64 (the caller stores it through an unsigned or wrapping view). */
export function truncI64U(x: number): bigint {
  if (x !== x) throw invalidConversion();
  if (!(x > -1 && x < TWO64)) throw overflow();
  return BigInt(Math.trunc(x));
}

export function truncSatI32S(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

export function truncSatI32U(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}

export function truncSatI64S(x: number): bigint {
  if (x !== x) return 0n;
  if (x <= -TWO63) return -0x8000000000000000n;
  if (x >= TWO63) return 0x7fffffffffffffffn;
  return BigInt(Math.trunc(x));
}

export function truncSatI64U(x: number): bigint {
  if (x !== x || x <= 0) return 0n;
  if (x >= TWO64) return 0xffffffffffffffffn;
  return BigInt(Math.trunc(x));
}

/**
 * A 64-bit integer (given exactly as a bigint) rounded once to f32. `Number(big)` would round to
 * f64 first, and rounding twice can be wrong, so for large magnitudes keep 32 leading bits and fold
 * the rest into a sticky bit before the one rounding to f32.
 */
export function bigToF32(v: bigint): number {
  const neg = v < 0n;
  let a = neg ? -v : v;
  if (a < 9007199254740992n) return Math.fround(Number(v));
  const shift = BigInt(a.toString(2).length - 32);
  const rest = a & ((1n << shift) - 1n);
  a >>= shift;
  if (rest !== 0n) a |= 1n;
  const r = Math.fround(Number(a) * 2 ** Number(shift));
  return neg ? -r : r;
}

/**
 * Conversions 0xA7–0xBF (except the reinterpretations and wrap/extend, which the loop does on
 * words) and the saturating truncations (internal MiscBase + 0–7): `dst`/`src` are absolute words.
 */
export function convert(op: number, s: StackViews, dst: number, src: number): void {
  const d2 = dst >> 1, s2 = src >> 1;
  switch (op) {
    case 0xa8: s.i32[dst] = truncI32S(s.f32[src]!); return;
    case 0xa9: s.i32[dst] = truncI32U(s.f32[src]!); return;
    case 0xaa: s.i32[dst] = truncI32S(s.f64[s2]!); return;
    case 0xab: s.i32[dst] = truncI32U(s.f64[s2]!); return;
    case 0xae: s.i64[d2] = truncI64S(s.f32[src]!); return;
    case 0xaf: s.u64[d2] = truncI64U(s.f32[src]!); return;
    case 0xb0: s.i64[d2] = truncI64S(s.f64[s2]!); return;
    case 0xb1: s.u64[d2] = truncI64U(s.f64[s2]!); return;
    case 0xb2: s.f32[dst] = s.i32[src]!; return;
    case 0xb3: s.f32[dst] = s.i32[src]! >>> 0; return;
    case 0xb4: s.f32[dst] = bigToF32(s.i64[s2]!); return;
    case 0xb5: s.f32[dst] = bigToF32(s.u64[s2]!); return;
    case 0xb6: s.f32[dst] = s.f64[s2]!; return;
    case 0xb7: s.f64[d2] = s.i32[src]!; return;
    case 0xb8: s.f64[d2] = s.i32[src]! >>> 0; return;
    case 0xb9: s.f64[d2] = Number(s.i64[s2]!); return;
    case 0xba: s.f64[d2] = Number(s.u64[s2]!); return;
    case 0xbb: s.f64[d2] = s.f32[src]!; return;
    case 0xc5: s.i32[dst] = truncSatI32S(s.f32[src]!); return;
    case 0xc6: s.i32[dst] = truncSatI32U(s.f32[src]!); return;
    case 0xc7: s.i32[dst] = truncSatI32S(s.f64[s2]!); return;
    case 0xc8: s.i32[dst] = truncSatI32U(s.f64[s2]!); return;
    case 0xc9: s.i64[d2] = truncSatI64S(s.f32[src]!); return;
    case 0xca: s.u64[d2] = truncSatI64U(s.f32[src]!); return;
    case 0xcb: s.i64[d2] = truncSatI64S(s.f64[s2]!); return;
    case 0xcc: s.u64[d2] = truncSatI64U(s.f64[s2]!); return;
  }
  throw new Error(`convert: not a conversion op 0x${op.toString(16)}`);
}

/** Count of trailing zero bits of a 32-bit value (32 for 0). */
export function ctz32(x: number): number {
  if (x === 0) return 32;
  return 31 - Math.clz32(x & -x);
}

/** Count of one bits of a 32-bit value. */
export function popcnt32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const M64 = 0xffffffffffffffffn;

/**
 * Wide arithmetic (internal MiscBase + 0x13–0x16): i64.add128 / i64.sub128 (dstLo dstHi aLo aHi
 * bLo bHi) and i64.mul_wide_s / i64.mul_wide_u (dstLo dstHi a b); operands are frame words.
 */
export function wideArith(op: number, s: StackViews, fw: number, c: Int32Array, pc: number): void {
  const u = (k: number): bigint => s.u64[(fw + c[pc + k]!) >> 1]!;
  let r: bigint;
  switch (op - 0xc5) {
    case 0x13: r = (u(3) | (u(4) << 64n)) + (u(5) | (u(6) << 64n)); break;
    case 0x14: r = (u(3) | (u(4) << 64n)) - (u(5) | (u(6) << 64n)); break;
    case 0x15: r = BigInt.asIntN(64, u(3)) * BigInt.asIntN(64, u(4)); break;
    case 0x16: r = u(3) * u(4); break;
    default: throw new Error(`wideArith: not a wide op 0x${op.toString(16)}`);
  }
  const lo = r & M64, hi = (r >> 64n) & M64;
  s.u64[(fw + c[pc + 1]!) >> 1] = lo;
  s.u64[(fw + c[pc + 2]!) >> 1] = hi;
}
