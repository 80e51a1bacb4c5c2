/**
 * The value stack: one ArrayBuffer of 32-bit words seen through typed arrays of every width, plus a
 * parallel array of references indexed by word. Values sit at even word offsets (8-byte slots), so
 * i64/f64 are read through the 64-bit views at `word >> 1`; a v128 takes 4 consecutive words.
 *
 * The stack grows by doubling up to a limit; growing replaces the views, so holders must re-read
 * them after anything that can grow the stack (a call).
 */
import type { Ref } from '../core/values.js';

/** The views of the value stack. */
export interface StackViews {
  i32: Int32Array;
  f32: Float32Array;
  f64: Float64Array;
  i64: BigInt64Array;
  u64: BigUint64Array;
  refs: Ref[];
}

/** Default largest value stack, in words (16 MiB of words plus the parallel reference array). */
export const MAX_STACK_WORDS = 1 << 22;

/** A growable value stack. */
export class ValueStack implements StackViews {
  i32!: Int32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  i64!: BigInt64Array;
  u64!: BigUint64Array;
  refs: Ref[] = [];
  /** Capacity in words. */
  capacity = 0;

  constructor(initialWords = 4096, readonly maxWords = MAX_STACK_WORDS) {
    this.resize(initialWords);
  }

  private resize(words: number): void {
    const buf = new ArrayBuffer(words * 4);
    const i32 = new Int32Array(buf);
    if (this.capacity > 0) i32.set(this.i32);
    this.i32 = i32;
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i64 = new BigInt64Array(buf);
    this.u64 = new BigUint64Array(buf);
    for (let i = this.capacity; i < words; i++) this.refs.push(null);
    this.capacity = words;
  }

  /** Makes room for `words` words; false when that would pass the limit. */
  ensure(words: number): boolean {
    if (words <= this.capacity) return true;
    if (words > this.maxWords) return false;
    let n = this.capacity * 2;
    while (n < words) n *= 2;
    this.resize(Math.min(n, this.maxWords));
    return true;
  }
}
