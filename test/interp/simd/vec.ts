/**
 * Test helpers: build the 4 little-endian words of a v128 from lane values of a given shape, and
 * read lanes back, independently of src/ (plain typed arrays over a fresh buffer). f32/f64 lanes
 * are given as numbers; `bits32(...)` / `bits64(...)` pass exact bit patterns (NaN payloads).
 */
export type Shape = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'f32' | 'f64';

/** A lane value given as an exact bit pattern rather than a number. */
export class Bits {
  constructor(readonly lo: number, readonly hi = 0) {}
}
export const bits32 = (x: number): Bits => new Bits(x | 0);
export const bits64 = (lo: number, hi: number): Bits => new Bits(lo | 0, hi | 0);

type Lane = number | bigint | Bits;

export function vec(shape: Shape, lanes: readonly Lane[]): number[] {
  const buf = new ArrayBuffer(16);
  const i32 = new Int32Array(buf);
  lanes.forEach((x, i) => {
    if (x instanceof Bits) {
      if (shape === 'f64' || shape === 'i64') { i32[2 * i] = x.lo; i32[2 * i + 1] = x.hi; } else i32[i] = x.lo;
      return;
    }
    switch (shape) {
      case 'i8': case 'u8': new Int8Array(buf)[i] = Number(x); break;
      case 'i16': case 'u16': new Int16Array(buf)[i] = Number(x); break;
      case 'i32': case 'u32': i32[i] = Number(x); break;
      case 'i64': new BigInt64Array(buf)[i] = BigInt.asIntN(64, BigInt(x)); break;
      case 'f32': new Float32Array(buf)[i] = Number(x); break;
      case 'f64': new Float64Array(buf)[i] = Number(x); break;
    }
  });
  return [...i32];
}

/** The lanes of 4 words read as `shape`; floats are returned as numbers (use `raw` for bits). */
export function lanes(shape: Shape, words: ArrayLike<number>): (number | bigint)[] {
  const buf = new Int32Array(Array.from(words)).buffer;
  switch (shape) {
    case 'i8': return [...new Int8Array(buf)];
    case 'u8': return [...new Uint8Array(buf)];
    case 'i16': return [...new Int16Array(buf)];
    case 'u16': return [...new Uint16Array(buf)];
    case 'i32': return [...new Int32Array(buf)];
    case 'u32': return [...new Uint32Array(buf)];
    case 'i64': return [...new BigInt64Array(buf)];
    case 'f32': return [...new Float32Array(buf)];
    case 'f64': return [...new Float64Array(buf)];
  }
}

/** Word array with operands placed at word 0 (A), 4 (B), 8 (C); results go to word 12 (R). */
export function slots(...vs: number[][]): Int32Array {
  const w = new Int32Array(16);
  vs.forEach((v, k) => w.set(v, 4 * k));
  return w;
}
export const A = 0, B = 4, C = 8, R = 12;

/** The result vector (words 12..15). */
export const result = (w: Int32Array): number[] => [...w.subarray(R, R + 4)];
