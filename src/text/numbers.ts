/**
 * Number literals of the text format (Text › Values): integers in decimal or hex with `_`
 * separators, and floats in decimal, hex (`0x1.8p3`), `inf`, `nan` and `nan:0x…` forms.
 * Floats are converted to bit patterns exactly (round to nearest, ties to even) with bigint
 * arithmetic, never through a JS double first, so f32 literals avoid double rounding and NaN
 * payloads are exact. These functions return null for text that is not a number of the asked
 * form, and throw only the range error ("constant out of range"); the caller words other errors.
 */

const DEC = /^[0-9](_?[0-9])*$/;
const HEX = /^[0-9a-fA-F](_?[0-9a-fA-F])*$/;

/** A `nat` (unsigned decimal or hex integer) as bigint, or null when `text` is not one. */
export function parseNat(text: string): bigint | null {
  if (text.startsWith('0x')) {
    const h = text.slice(2);
    return HEX.test(h) ? BigInt('0x' + h.replace(/_/g, '')) : null;
  }
  return DEC.test(text) ? BigInt(text.replace(/_/g, '')) : null;
}

/** Thrown for a well-formed literal whose value does not fit. */
export class RangeFailure extends Error {}

/**
 * An integer literal of `bits` width (sign optional), as the unsigned bit pattern. Accepts
 * -2^(bits-1) .. 2^bits-1; null when `text` is no integer literal; RangeFailure when it is out of range.
 */
export function parseIntBits(text: string, bits: number): bigint | null {
  let neg = false;
  let t = text;
  if (t.startsWith('+') || t.startsWith('-')) {
    neg = t.startsWith('-');
    t = t.slice(1);
  }
  const n = parseNat(t);
  if (n === null) return null;
  const lim = 1n << BigInt(bits);
  if (neg ? n > lim >> 1n : n >= lim) throw new RangeFailure();
  return BigInt.asUintN(bits, neg ? -n : n);
}

/** Binary layout of a float format. */
interface FloatFormat {
  /** Significand bits including the implicit one (24, 53). */
  readonly mant: number;
  readonly emin: number;
  readonly emax: number;
  /** Total width (32, 64). */
  readonly width: number;
}
const F32: FloatFormat = { mant: 24, emin: -126, emax: 127, width: 32 };
const F64: FloatFormat = { mant: 53, emin: -1022, emax: 1023, width: 64 };

/** f32 literal → its 32-bit pattern (unsigned number), or null when `text` is no float literal. */
export function parseF32(text: string): number | null {
  const b = parseFloatBits(text, F32);
  return b === null ? null : Number(b);
}

/** f64 literal → its 64-bit pattern (unsigned bigint), or null when `text` is no float literal. */
export function parseF64(text: string): bigint | null {
  return parseFloatBits(text, F64);
}

function parseFloatBits(text: string, fmt: FloatFormat): bigint | null {
  let neg = false;
  let t = text;
  if (t.startsWith('+') || t.startsWith('-')) {
    neg = t.startsWith('-');
    t = t.slice(1);
  }
  const signBit = neg ? 1n << BigInt(fmt.width - 1) : 0n;
  const fracBits = BigInt(fmt.mant - 1);
  const expAll = ((1n << BigInt(fmt.width - fmt.mant)) - 1n) << fracBits;
  if (t === 'inf') return signBit | expAll;
  if (t === 'nan') return signBit | expAll | (1n << (fracBits - 1n));
  if (t.startsWith('nan:0x')) {
    const h = t.slice(6);
    if (!HEX.test(h)) return null;
    const payload = BigInt('0x' + h.replace(/_/g, ''));
    if (payload === 0n || payload >= 1n << fracBits) throw new RangeFailure();
    return signBit | expAll | payload;
  }
  const r = t.startsWith('0x') ? hexRational(t.slice(2)) : decRational(t);
  if (r === null) return null;
  return signBit | roundToFormat(r.num, r.den, r.exp2, fmt);
}

interface Rational {
  /** value = num / den * 2^exp2 */
  num: bigint;
  den: bigint;
  exp2: number;
}

/** Exponents beyond these bounds overflow or underflow every format, whatever the digits. */
const EXP_CLAMP = 20000;

function decRational(t: string): Rational | null {
  const m = /^([0-9](?:_?[0-9])*)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/.exec(t);
  if (m === null) return null;
  const intPart = m[1]!.replace(/_/g, '');
  const fracPart = (m[2] ?? '').replace(/_/g, '');
  let e10 = m[3] === undefined ? 0 : clampExp(m[3].replace(/_/g, ''));
  e10 -= fracPart.length;
  const digits = BigInt(intPart + fracPart);
  if (digits === 0n) return { num: 0n, den: 1n, exp2: 0 };
  const nd = (intPart + fracPart).replace(/^0+/, '').length;
  // Far outside every format: settle without building a huge power of ten.
  if (e10 + nd > 400) return { num: 1n, den: 1n, exp2: EXP_CLAMP };
  if (e10 + nd < -400) return { num: 1n, den: 1n, exp2: -EXP_CLAMP };
  return e10 >= 0
    ? { num: digits * 10n ** BigInt(e10), den: 1n, exp2: 0 }
    : { num: digits, den: 10n ** BigInt(-e10), exp2: 0 };
}

function hexRational(t: string): Rational | null {
  const m = /^([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?))?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/.exec(t);
  if (m === null) return null;
  const intPart = m[1]!.replace(/_/g, '');
  const fracPart = (m[2] ?? '').replace(/_/g, '');
  let e2 = m[3] === undefined ? 0 : clampExp(m[3].replace(/_/g, ''));
  e2 -= 4 * fracPart.length;
  const digits = BigInt('0x' + intPart + fracPart);
  if (digits === 0n) return { num: 0n, den: 1n, exp2: 0 };
  return { num: digits, den: 1n, exp2: Math.max(-EXP_CLAMP * 4, Math.min(EXP_CLAMP * 4, e2)) };
}

function clampExp(s: string): number {
  const v = BigInt(s);
  const lim = BigInt(EXP_CLAMP * 4);
  return Number(v > lim ? lim : v < -lim ? -lim : v);
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/**
 * num/den·2^exp2 (positive, or zero) rounded to nearest-even in `fmt`: the exponent and fraction bits,
 * without sign. Overflow to infinity is a RangeFailure, as the text format requires.
 */
function roundToFormat(num: bigint, den: bigint, exp2: number, fmt: FloatFormat): bigint {
  if (num === 0n) return 0n;
  // k = floor(log2(value))
  let k = bitLength(num) - bitLength(den) + exp2;
  if (!geq(num, den, exp2 - k)) k--;
  if (k > fmt.emax + 1) throw new RangeFailure();
  const e = Math.max(k, fmt.emin);
  // q = value * 2^(mant-1-e), rounded.
  const s = fmt.mant - 1 - e + exp2;
  let n = num, d = den;
  if (s >= 0) n <<= BigInt(s);
  else d <<= BigInt(-s);
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  let exp = e;
  if (q === 1n << BigInt(fmt.mant)) {
    q >>= 1n;
    exp++;
  }
  if (exp > fmt.emax) throw new RangeFailure();
  const fracBits = BigInt(fmt.mant - 1);
  if (q < 1n << fracBits) return q; // subnormal (or zero after rounding)
  return (BigInt(exp + (fmt.emax)) << fracBits) | (q - (1n << fracBits));
}

/** Whether num/den·2^sh >= 1. */
function geq(num: bigint, den: bigint, sh: number): boolean {
  return sh >= 0 ? num << BigInt(sh) >= den : num >= den << BigInt(-sh);
}
