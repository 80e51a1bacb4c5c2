/**
 * ByteReader: the binary format's primitive values (bytes, LEB128 integers, floats as bits, names)
 * read from a window of a byte array. Every failure is a CompileError('malformed') carrying the
 * absolute byte offset and the spec interpreter's wording. No allocation on the integer paths.
 */
import { malformed } from '../util/errors.js';
import { decodeUtf8 } from '../util/utf8.js';

export class ByteReader {
  /** Current position (index into `bytes`). */
  pos: number;
  /**
   * The reason given when a read runs past `end`. The spec interpreter says "unexpected end" for
   * the module header and section framing, and "unexpected end of section or function" inside a
   * section or body; section readers set the latter.
   */
  endReason = 'unexpected end';

  /**
   * @param bytes the whole buffer
   * @param start first readable index
   * @param end one past the last readable index
   * @param base absolute offset of `bytes[0]` in the module (for error offsets)
   */
  constructor(
    // Not readonly: InstrReader.reset points one reader at body after body.
    public bytes: Uint8Array,
    start = 0,
    public end: number = bytes.length,
    public base = 0,
  ) {
    this.pos = start;
  }

  /** Absolute offset of the current position. */
  get offset(): number {
    return this.base + this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** Throws a malformed error at the current position (or at `at`). */
  fail(reason: string, at: number = this.pos): never {
    throw malformed(reason, this.base + at);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail(this.endReason);
    return this.bytes[this.pos++]!;
  }

  peekU8(): number {
    if (this.pos >= this.end) this.fail(this.endReason);
    return this.bytes[this.pos]!;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        if (b & 0x70) this.fail('integer too large', this.pos - 1);
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Signed LEB128 of at most 32 bits. */
  s32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        // The 4 unused bits must all equal the sign bit (bit 3 of this byte).
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) this.fail('integer too large', this.pos - 1);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
      }
    }
  }

  /** Signed LEB128 of at most 33 bits (block types, heap types); returns a safe integer. */
  s33(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) this.fail('integer too large', this.pos - 1);
        // Bits 0–4 of this byte are value bits 28–32 (bit 32 the sign); the rest repeat the sign.
        result += (b & 0x1f) * mul;
        return b & 0x10 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) {
        return b & 0x40 ? result - mul : result;
      }
    }
  }

  /**
   * Signed LEB128 of at most 64 bits, as a bigint. Encodings of up to 7 bytes (|v| < 2^48: most
   * constants) are summed as exact doubles and converted once; longer ones take the bigint path.
   */
  s64(): bigint {
    const start = this.pos;
    let acc = 0;
    let mul = 1;
    for (let i = 0; i < 7 && this.pos < this.end; i++) {
      const b = this.bytes[this.pos++]!;
      acc += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return BigInt(b & 0x40 ? acc - mul : acc);
    }
    this.pos = start;
    return this.s64Slow();
  }

  private s64Slow(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        // Only bit 0 is used; the other 6 value bits must repeat it.
        const high = b & 0x7f;
        if (high !== 0 && high !== 0x7f) this.fail('integer too large', this.pos - 1);
        result |= BigInt(b & 1) << 63n;
        return BigInt.asIntN(64, result);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        return b & 0x40 ? BigInt.asIntN(64, result - (1n << shift)) : result;
      }
    }
  }

  /** Unsigned LEB128 of at most 64 bits, as a bigint. */
  u64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        if (b & 0x7e) this.fail('integer too large', this.pos - 1);
        return result | (BigInt(b) << 63n);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return result;
    }
  }

  /** Unsigned LEB128 of at most 64 bits as a number (exact below 2^53, rounded above). */
  u64AsNumber(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) this.fail(this.endReason);
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    this.pos = start;
    return Number(this.u64());
  }

  /** 32 raw bits, little-endian, as a signed int (an f32's bit pattern). */
  bits32(): number {
    if (this.end - this.pos < 4) this.fail(this.endReason);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** `n` raw bytes as a view (no copy). */
  bytesView(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(this.endReason);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /**
   * A vector's element count, refused when the remaining bytes cannot hold that many elements of
   * at least `minSize` bytes each, so that no caller allocates from an attacker's count.
   */
  count(minSize = 1): number {
    const n = this.lengthU32();
    if (n * minSize > this.end - this.pos) this.fail(this.endReason);
    return n;
  }

  /**
   * A u32 length or count, "length out of bounds" when it exceeds the bytes left counting from
   * the length itself (the spec interpreter's check, which is one byte lenient; reads past the end
   * then fail with `endReason`).
   */
  lengthU32(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - at) this.fail('length out of bounds', at);
    return n;
  }

  /** A length-prefixed byte vector, as a view (no copy). */
  byteVec(): Uint8Array {
    return this.bytesView(this.lengthU32());
  }

  /** A name: a length-prefixed, strictly valid UTF-8 string. */
  name(): string {
    const len = this.lengthU32();
    if (len > this.end - this.pos) this.fail(this.endReason);
    const at = this.pos;
    const s = decodeUtf8(this.bytes.subarray(at, at + len));
    if (s === null) this.fail('malformed UTF-8 encoding', at);
    this.pos += len;
    return s;
  }
}
