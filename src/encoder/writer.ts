/**
 * ByteWriter: a growable byte buffer with the binary format's primitive encodings (LEB128 integers,
 * little-endian float bit patterns, names, value and heap types). The encoder and the text parser
 * both write through it. It does not know about sections or instructions.
 */
import { encodeUtf8 } from '../util/utf8.js';
import { isRef, heapOf, isNullable, isAbstractHeap, type HeapType, type ValType } from '../syntax/types.js';

/** A growable little-endian byte buffer. */
export class ByteWriter {
  private buf = new Uint8Array(64);
  /** Number of bytes written so far. */
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** One byte (the low 8 bits of `b`). */
  u8(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  /** Raw bytes, as they are. */
  bytes(bs: Uint8Array): this {
    this.reserve(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  u32(n: number): this {
    let v = n;
    for (;;) {
      const low = v % 128;
      v = Math.floor(v / 128);
      if (v === 0) return this.u8(low);
      this.u8(low | 0x80);
    }
  }

  /** Unsigned LEB128 of a 64-bit value given as bigint (taken modulo 2^64). */
  u64(n: bigint): this {
    let v = BigInt.asUintN(64, n);
    for (;;) {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      if (v === 0n) return this.u8(low);
      this.u8(low | 0x80);
    }
  }

  /** Signed LEB128 of a safe integer (s32, s33). */
  s32(n: number): this {
    return this.s64(BigInt(n));
  }

  /** Signed LEB128 of a 64-bit value (taken modulo 2^64 as two's complement). */
  s64(n: bigint): this {
    let v = BigInt.asIntN(64, n);
    for (;;) {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (low & 0x40) === 0) || (v === -1n && (low & 0x40) !== 0);
      if (done) return this.u8(low);
      this.u8(low | 0x80);
    }
  }

  /** A 32-bit pattern, little-endian (f32 bits). */
  fixed32(bits: number): this {
    return this.u8(bits).u8(bits >>> 8).u8(bits >>> 16).u8(bits >>> 24);
  }

  /** A 64-bit pattern, little-endian (f64 bits). */
  fixed64(bits: bigint): this {
    const v = BigInt.asUintN(64, bits);
    this.fixed32(Number(v & 0xffffffffn));
    return this.fixed32(Number(v >> 32n));
  }

  /** A name: its UTF-8 length then bytes. */
  name(s: string): this {
    const b = encodeUtf8(s);
    return this.u32(b.length).bytes(b);
  }

  /** A length-prefixed byte vector. */
  vecBytes(bs: Uint8Array): this {
    return this.u32(bs.length).bytes(bs);
  }

  /** A heap type: abstract types as their one-byte code, type indices as s33. */
  heapType(ht: HeapType): this {
    return isAbstractHeap(ht) ? this.u8(ht & 0x7f) : this.s32(ht);
  }

  /** A value or storage type, using the one-byte shorthand for nullable abstract references. */
  valType(t: ValType): this {
    if (!isRef(t)) return this.u8(t & 0x7f);
    const ht = heapOf(t);
    if (isNullable(t) && isAbstractHeap(ht)) return this.u8(ht & 0x7f);
    return this.u8(isNullable(t) ? 0x63 : 0x64).heapType(ht);
  }

  /** Drops everything written after the first `n` bytes. */
  truncate(n: number): void {
    if (n < this.length) this.length = n;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
