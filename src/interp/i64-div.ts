/**
 * i64 division and remainder on the 32-bit halves, for the operands where doubles give the exact
 * answer: an unsigned divisor below 2^32 (long division in 16-bit digits, every partial dividend
 * below 2^48) and signed operands that both fit in 32 bits. Everything else falls back to
 * BigInt (divRem64), which allocates: with a 24-bit divisor the bench's i64 kernel spent
 * most of its division time creating BigInts.
 *
 * Exactness: for integers t < 2^53 and d ≥ 1, `Math.floor(t / d)` is the true quotient — the gap
 * between t/d and the next integer is at least 1/d, more than half an ulp of the quotient.
 *
 * `divRem64` is the whole instruction (traps included) for the dispatch loop; the two halves
 * functions are its fast paths.
 */
import { Trap, TrapCode } from '../util/errors.js';
import type { StackViews } from './stack.js';

const I64_MIN = -0x8000000000000000n;

/**
 * Executes i64.div_s, div_u, rem_s or rem_u (`op`, its wasm opcode 0x7F–0x82) on the stack words
 * a and b into d (absolute word offsets), with the spec's traps.
 */
export function divRem64(s: StackViews, op: number, d: number, a: number, b: number): void {
  const w = s.i32;
  if (w[b] === 0 && w[b + 1] === 0) throw new Trap(TrapCode.IntegerDivideByZero);
  const rem = op === 0x81 || op === 0x82;
  if (op === 0x80 || op === 0x82) {
    if (!divRemU64(w, d, a, b, rem)) {
      const x = s.u64[a >> 1]!, y = s.u64[b >> 1]!;
      s.i64[d >> 1] = rem ? x % y : x / y;
    }
  } else if (!divRemS64(w, d, a, b, rem)) {
    const x = s.i64[a >> 1]!, y = s.i64[b >> 1]!;
    if (rem) s.i64[d >> 1] = x % y;
    else if (y === -1n && x === I64_MIN) throw new Trap(TrapCode.IntegerOverflow);
    else s.i64[d >> 1] = x / y;
  }
}

/**
 * Unsigned i64 `a / b` (rem = false) or `a % b` (rem = true) into words d, d+1 of `w`, when b's high
 * word is zero. Returns false (writing nothing) when it is not.
 */
export function divRemU64(w: Int32Array, d: number, a: number, b: number, rem: boolean): boolean {
  if (w[b + 1] !== 0) return false;
  const y = w[b]! >>> 0;
  const ah = w[a + 1]! >>> 0, al = w[a]! >>> 0;
  const qh = Math.floor(ah / y);
  let r = ah - qh * y;
  let t = r * 65536 + (al >>> 16);
  const q1 = Math.floor(t / y);
  r = t - q1 * y;
  t = r * 65536 + (al & 0xffff);
  const q0 = Math.floor(t / y);
  if (rem) {
    w[d] = t - q0 * y;
    w[d + 1] = 0;
  } else {
    w[d] = q1 * 65536 + q0;
    w[d + 1] = qh;
  }
  return true;
}

/**
 * Signed i64 `a / b` or `a % b` (truncating, remainder with the dividend's sign) when both operands
 * are sign extensions of 32-bit values; returns false (writing nothing) otherwise.
 */
export function divRemS64(w: Int32Array, d: number, a: number, b: number, rem: boolean): boolean {
  const x = w[a]!, y = w[b]!;
  if (w[a + 1] !== x >> 31 || w[b + 1] !== y >> 31) return false;
  const v = rem ? x % y : Math.trunc(x / y);
  // |x / y| ≤ 2^31 and |x % y| < 2^31: exact; -0 from `%` becomes 0 in the Int32Array.
  w[d] = v;
  w[d + 1] = v < 0 ? -1 : 0;
  return true;
}
