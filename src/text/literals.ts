/**
 * Literals where instructions and scripts expect them: integers of a width, floats as exact bit
 * patterns, v128 constants by shape, and u32 immediates, with the reference interpreter's wording
 * for each failure ("constant out of range", "unknown operator" for text that is no number at all,
 * "wrong number of lane literals").
 */
import { ByteWriter } from '../encoder/writer.js';
import type { Cursor } from './cursor.js';
import { Tok, type Token } from './lexer.js';
import { parseF32, parseF64, parseIntBits, parseNat, RangeFailure } from './numbers.js';

/**
 * A token where a literal belongs that is not one. The reference lexer reads text such as `0x` or
 * `1.e` as no number at all, so the parser reports the word as an unknown operator.
 */
export function badLiteral(cur: Cursor, t: Token): never {
  // NaN classes are result patterns of scripts: a known word, just not here.
  if (t.kind === Tok.Atom && !/^nan:(canonical|arithmetic)$/.test(t.text)) cur.fail(`unknown operator ${t.text}`, t);
  return cur.unexpected(t);
}

/** An integer literal of `bits` width as its unsigned pattern; wording as the reference interpreter's. */
export function intLit(cur: Cursor, bits: number): bigint {
  const t = cur.next();
  try {
    const v = t.kind === Tok.Atom ? parseIntBits(t.text, bits) : null;
    if (v === null) return badLiteral(cur, t);
    return v;
  } catch (e) {
    if (e instanceof RangeFailure) cur.fail('constant out of range', t);
    throw e;
  }
}

const SHAPES: Record<string, [number, number]> = {
  i8x16: [16, 8], i16x8: [8, 16], i32x4: [4, 32], i64x2: [2, 64], f32x4: [4, -32], f64x2: [2, -64],
};

/** `shape lane*` of a v128 constant, as its 16 bytes. */
export function v128Literal(cur: Cursor): Uint8Array {
  const st = cur.next();
  const shape = st.kind === Tok.Atom ? SHAPES[st.text] : undefined;
  if (shape === undefined) return cur.unexpected(st);
  const [n, bits] = shape;
  // The lane count is checked before the lanes' values, as the reference interpreter does. In the
  // flat form an instruction may follow: only number-like words count as lanes.
  let count = 0;
  while (count <= n && isNumberLike(cur.peek(count))) count++;
  if (count !== n) cur.fail('wrong number of lane literals', cur.peek(Math.min(count, n)));
  const out = new ByteWriter();
  for (let i = 0; i < n; i++) {
    if (bits === -32) {
      out.fixed32(f32Lit(cur));
    } else if (bits === -64) {
      out.fixed64(f64Lit(cur));
    } else {
      const v = intLit(cur, bits);
      for (let k = 0; k < bits / 8; k++) out.u8(Number((v >> BigInt(8 * k)) & 0xffn));
    }
  }
  return out.finish();
}

/** An f32 literal as its bit pattern. */
export function f32Lit(cur: Cursor): number {
  const t = cur.next();
  try {
    const b = t.kind === Tok.Atom ? parseF32(t.text) : null;
    if (b === null) return badLiteral(cur, t);
    return b;
  } catch (e) {
    if (e instanceof RangeFailure) cur.fail('constant out of range', t);
    throw e;
  }
}

/** An f64 literal as its bit pattern. */
export function f64Lit(cur: Cursor): bigint {
  const t = cur.next();
  try {
    const b = t.kind === Tok.Atom ? parseF64(t.text) : null;
    if (b === null) return badLiteral(cur, t);
    return b;
  } catch (e) {
    if (e instanceof RangeFailure) cur.fail('constant out of range', t);
    throw e;
  }
}

/**
 * Whether `t` reads as a number literal (or a malformed one such as `.0` or `_1`) rather than a
 * keyword: keywords start with a lowercase letter, numbers do not, except `inf` and `nan` forms.
 */
export function isNumberLike(t: Token): boolean {
  return t.kind === Tok.Atom && (!/^[a-z]/.test(t.text) || /^(inf|nan)/.test(t.text));
}

/** A u32 immediate (a count or a numeric label). */
export function natU32(cur: Cursor): number {
  const t = cur.peek();
  const n = t.kind === Tok.Atom ? parseNat(t.text) : null;
  if (n === null) return badLiteral(cur, t);
  if (n > 0xffffffffn) cur.fail('constant out of range', t);
  cur.pos++;
  return Number(n);
}
