/**
 * Text-format spellings that must survive a round trip exactly: identifiers (plain `$id` when the
 * characters allow, else `$"…"`), strings as escaped bytes, and floats from their bit patterns
 * (hexadecimal significands, `nan:0x…` payloads), so that parsing the text gives back the same bits.
 */
import { encodeUtf8 } from '../util/utf8.js';

/** Characters allowed in a plain identifier (Text › Values › Identifiers). */
const ID_CHAR = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/;

/** `$name`, or `$"name"` when the name has characters a plain identifier cannot hold. */
export function idText(name: string): string {
  return ID_CHAR.test(name) ? `$${name}` : `$${stringText(encodeUtf8(name))}`;
}

const HEX = '0123456789abcdef';

/** A string literal for arbitrary bytes: printable ASCII as is, everything else as `\hh`. */
export function stringText(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let s = '"';
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) s += String.fromCharCode(b);
    else s += '\\' + HEX[b >> 4] + HEX[b & 15];
  }
  return s + '"';
}

/** Byte strings split into literals of at most `chunk` bytes (the text format concatenates them). */
export function stringChunks(bytes: Uint8Array, chunk = 48): string[] {
  if (bytes.length === 0) return ['""'];
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(stringText(bytes, i, Math.min(bytes.length, i + chunk)));
  return out;
}

/**
 * A float literal from its sign, biased exponent and significand fields.
 * `mantBits` is 23 (f32) or 52 (f64); `mant` is a bigint so both widths share one path.
 */
function floatText(neg: boolean, exp: number, mant: bigint, mantBits: number, maxExp: number, bias: number): string {
  const sign = neg ? '-' : '';
  if (exp === maxExp) {
    if (mant === 0n) return `${sign}inf`;
    const canonical = 1n << BigInt(mantBits - 1);
    return mant === canonical ? `${sign}nan` : `${sign}nan:0x${mant.toString(16)}`;
  }
  if (exp === 0 && mant === 0n) return `${sign}0x0p+0`;
  // Significand as hex digits: pad to a whole number of nibbles, then drop trailing zeros.
  const nibbles = Math.ceil(mantBits / 4);
  const shifted = mant << BigInt(nibbles * 4 - mantBits);
  const digits = shifted.toString(16).padStart(nibbles, '0').replace(/0+$/, '');
  const lead = exp === 0 ? '0' : '1';
  const e = exp === 0 ? 1 - bias : exp - bias;
  return `${sign}0x${lead}${digits ? '.' + digits : ''}p${e >= 0 ? '+' : ''}${e}`;
}

/** The exact text of an f32 given as its 32-bit pattern. */
export function f32Text(bits: number): string {
  const u = bits >>> 0;
  return floatText(u >>> 31 === 1, (u >>> 23) & 0xff, BigInt(u & 0x7fffff), 23, 0xff, 127);
}

/** The exact text of an f64 given as its low and high 32-bit halves. */
export function f64Text(lo: number, hi: number): string {
  const h = hi >>> 0;
  const mant = (BigInt(h & 0xfffff) << 32n) | BigInt(lo >>> 0);
  return floatText(h >>> 31 === 1, (h >>> 20) & 0x7ff, mant, 52, 0x7ff, 1023);
}

const f32Scratch = new Float32Array(1);
const i32Scratch = new Int32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const u32Pair = new Uint32Array(f64Scratch.buffer);

/**
 * A block comment with a finite float's shortest decimal (`(;=0.1;)`), for readers: the hex
 * literal before it is what carries the exact bits. Empty for infinities and NaNs.
 */
export function f32Comment(bits: number): string {
  i32Scratch[0] = bits;
  const x = f32Scratch[0]!;
  if (!Number.isFinite(x)) return '';
  // The shortest decimal that reads back to the same f32 (f64's shortest form can be longer).
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return ` (;=${Number(s)};)`;
  }
  return ` (;=${x};)`;
}

/** Like f32Comment, for an f64 given as its halves. */
export function f64Comment(lo: number, hi: number): string {
  u32Pair[0] = lo >>> 0;
  u32Pair[1] = hi >>> 0;
  const x = f64Scratch[0]!;
  return Number.isFinite(x) ? ` (;=${x};)` : '';
}

/** `v128.const`'s operands as four i32 lanes in hex (every bit pattern is representable). */
export function v128Text(bytes: Uint8Array): string {
  const lanes: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const v = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    lanes.push('0x' + v.toString(16).padStart(8, '0'));
  }
  return `i32x4 ${lanes.join(' ')}`;
}
