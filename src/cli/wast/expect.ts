/**
 * Result patterns of `assert_return`, as the spec defines them: exact bits for floats,
 * `nan:canonical` / `nan:arithmetic` classes, v128 compared lane by lane in the expected shape,
 * reference results by kind, and `(either …)`. Also the spec's message check for traps (the
 * actual message must start with the expected one). Pure functions; no engine knowledge.
 */
import type { FloatPattern, WastConst, WastExpected } from '../../text/wast-script.js';
import type { SpecValue } from './engine.js';

const F32_CANONICAL = 0x7fc00000;
const F64_CANONICAL = 0x7ff8000000000000n;
const F64_ABS = 0x7fffffffffffffffn;
const scratch = new DataView(new ArrayBuffer(8));

/** The f32 bit pattern of a JS number (rounded to f32). */
function f32Bits(x: number): number {
  scratch.setFloat32(0, x, true);
  return scratch.getUint32(0, true);
}
/** The f64 bit pattern of a JS number. */
function f64Bits(x: number): bigint {
  scratch.setFloat64(0, x, true);
  return scratch.getBigUint64(0, true);
}

/** Whether an f32 bit pattern matches a pattern. */
export function matchF32(bits: number, p: FloatPattern): boolean {
  const u = bits >>> 0;
  switch (p.kind) {
    case 'bits': return u === Number(p.bits) >>> 0;
    // canonical: exponent all ones, only the quiet bit of the payload set, either sign
    case 'nan:canonical': return (u & 0x7fffffff) === F32_CANONICAL;
    // arithmetic: exponent all ones and the quiet bit set, any other payload bits
    case 'nan:arithmetic': return (u & F32_CANONICAL) === F32_CANONICAL;
  }
}

/** Whether an f64 bit pattern matches a pattern. */
export function matchF64(bits: bigint, p: FloatPattern): boolean {
  const u = BigInt.asUintN(64, bits);
  switch (p.kind) {
    case 'bits': return u === BigInt.asUintN(64, BigInt(p.bits));
    case 'nan:canonical': return (u & F64_ABS) === F64_CANONICAL;
    case 'nan:arithmetic': return (u & F64_CANONICAL) === F64_CANONICAL;
  }
}

const LANE_BITS = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64, f32x4: 32, f64x2: 64 } as const;

/** Whether 16 little-endian bytes match the expected lanes of `shape`. */
export function matchV128(bytes: Uint8Array, e: Extract<WastExpected, { type: 'v128' }>): boolean {
  const bits = LANE_BITS[e.shape];
  const width = bits / 8;
  if (bytes.length !== 16 || e.lanes.length !== 16 / width) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  for (let i = 0; i < e.lanes.length; i++) {
    const lane = e.lanes[i]!;
    const at = i * width;
    if (e.shape === 'f32x4') {
      if (!matchF32(view.getUint32(at, true), lane as FloatPattern)) return false;
    } else if (e.shape === 'f64x2') {
      if (!matchF64(view.getBigUint64(at, true), lane as FloatPattern)) return false;
    } else {
      let actual: bigint;
      switch (width) {
        case 1: actual = BigInt(view.getUint8(at)); break;
        case 2: actual = BigInt(view.getUint16(at, true)); break;
        case 4: actual = BigInt(view.getUint32(at, true)); break;
        default: actual = view.getBigUint64(at, true);
      }
      // Lanes may be written signed or unsigned in the script: compare modulo 2^bits.
      if (actual !== BigInt.asUintN(bits, lane as bigint)) return false;
    }
  }
  return true;
}

function matchRef(v: SpecValue, e: WastExpected): boolean {
  if (v.type !== 'ref') return false;
  switch (e.type) {
    case 'ref.null': return v.ref === 'null';
    case 'ref.extern':
      if (e.value === null) return v.ref !== 'null' && v.ref !== 'func' && v.ref !== 'exn';
      return v.ref === 'extern' && v.value === e.value;
    case 'ref.host': return v.ref === 'extern' && v.value === e.value;
    case 'ref.func': return v.ref === 'func';
    case 'ref.struct': return v.ref === 'struct';
    case 'ref.array': return v.ref === 'array';
    case 'ref.i31': return v.ref === 'i31';
    case 'ref.eq': return v.ref === 'i31' || v.ref === 'struct' || v.ref === 'array';
    case 'ref.any': return v.ref === 'i31' || v.ref === 'struct' || v.ref === 'array' || v.ref === 'extern' || v.ref === 'other';
    case 'ref.exn': return v.ref === 'exn';
    default: return false;
  }
}

/** Interprets an untyped JS result by the expected type (see SpecValue 'js'). */
function typedFromJs(value: unknown, e: WastExpected): SpecValue | null {
  switch (e.type) {
    case 'i32': return typeof value === 'number' ? { type: 'i32', value: value | 0 } : null;
    case 'i64': return typeof value === 'bigint' ? { type: 'i64', value } : null;
    case 'f32': return typeof value === 'number' ? { type: 'f32', bits: f32Bits(value) } : null;
    case 'f64': return typeof value === 'number' ? { type: 'f64', bits: f64Bits(value) } : null;
    default: return null;
  }
}

/** Whether `v` matches `e`. */
export function matches(v: SpecValue, e: WastExpected): boolean {
  if (e.type === 'either') return e.options.some((o) => matches(v, o));
  if (v.type === 'js') {
    const t = typedFromJs(v.value, e);
    return t !== null && matches(t, e);
  }
  switch (e.type) {
    case 'i32': return v.type === 'i32' && (v.value | 0) === (e.value | 0);
    case 'i64': return v.type === 'i64' && BigInt.asIntN(64, v.value) === BigInt.asIntN(64, e.value);
    case 'f32': return v.type === 'f32' && matchF32(v.bits, e.pattern);
    case 'f64': return v.type === 'f64' && matchF64(v.bits, e.pattern);
    case 'v128': return v.type === 'v128' && matchV128(v.bytes, e);
    default: return matchRef(v, e);
  }
}

function hex(n: number | bigint, digits: number): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

function patternToString(p: FloatPattern, digits: number): string {
  return p.kind === 'bits' ? hex(typeof p.bits === 'bigint' ? BigInt.asUintN(64, p.bits) : p.bits >>> 0, digits) : p.kind;
}

/** A readable form of a result, for failure messages. */
export function valueToString(v: SpecValue): string {
  switch (v.type) {
    case 'i32': return `i32 ${v.value | 0}`;
    case 'i64': return `i64 ${v.value}`;
    case 'f32': return `f32 ${hex(v.bits >>> 0, 8)}`;
    case 'f64': return `f64 ${hex(BigInt.asUintN(64, v.bits), 16)}`;
    case 'v128': return `v128 ${Array.from(v.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
    case 'ref': return v.value === undefined ? `ref.${v.ref}` : `ref.${v.ref} ${v.value}`;
    case 'js': return `${typeof v.value} ${String(v.value)}`;
  }
}

/** A readable form of an expected result. */
export function expectedToString(e: WastExpected): string {
  switch (e.type) {
    case 'i32': return `i32 ${e.value | 0}`;
    case 'i64': return `i64 ${e.value}`;
    case 'f32': return `f32 ${patternToString(e.pattern, 8)}`;
    case 'f64': return `f64 ${patternToString(e.pattern, 16)}`;
    case 'v128':
      return `v128 ${e.shape} ${e.lanes.map((l) => (typeof l === 'bigint' ? String(l) : patternToString(l, e.shape === 'f32x4' ? 8 : 16))).join(' ')}`;
    case 'either': return `(either ${e.options.map(expectedToString).join(' | ')})`;
    case 'ref.null': return `ref.null${e.heap ? ' ' + e.heap : ''}`;
    default: return 'value' in e && e.value !== undefined && e.value !== null ? `${e.type} ${e.value}` : e.type;
  }
}

/** The spec's message check: the actual message starts with the expected one. */
export function messageMatches(actual: string, expected: string): boolean {
  return actual.startsWith(expected);
}

/** Whether a constant needs exact float bits or v128 (which some engines cannot pass). */
export function constNeedsExactValues(c: WastConst): boolean {
  if (c.type === 'v128') return true;
  if (c.type === 'f32') return (c.bits & 0x7f800000) === 0x7f800000 && (c.bits & 0x7fffff) !== 0;
  if (c.type === 'f64') return (BigInt.asUintN(64, c.bits) & 0x7ff0000000000000n) === 0x7ff0000000000000n && (c.bits & 0xfffffffffffffn) !== 0n;
  return false;
}

/** Whether an expected result needs exact float payload bits or v128. */
export function expectedNeedsExactValues(e: WastExpected): boolean {
  switch (e.type) {
    case 'v128': return true;
    case 'either': return e.options.some(expectedNeedsExactValues);
    case 'f32': return e.pattern.kind === 'bits' && (Number(e.pattern.bits) & 0x7f800000) === 0x7f800000 && (Number(e.pattern.bits) & 0x7fffff) !== 0 && (Number(e.pattern.bits) & 0x7fffff) !== 0x400000;
    case 'f64': {
      if (e.pattern.kind !== 'bits') return false;
      const u = BigInt.asUintN(64, BigInt(e.pattern.bits));
      return (u & 0x7ff0000000000000n) === 0x7ff0000000000000n && (u & 0xfffffffffffffn) !== 0n && (u & 0xfffffffffffffn) !== 0x8000000000000n;
    }
    default: return false;
  }
}
