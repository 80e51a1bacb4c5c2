/**
 * The disassembler's literals: floats printed from their bits must read back to the same bits
 * (checked against the text parser's float reader and against the host's numbers), identifiers
 * quoted only when needed, strings escaped byte by byte.
 */
import { describe, expect, it } from 'vitest';
import { f32Comment, f32Text, f64Comment, f64Text, idText, stringText } from '../../src/disasm/index.js';
import { parseF32, parseF64 } from '../../src/text/numbers.js';
import { rng } from '../../tools/fuzz-decoder-lib.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * The value of a hex float literal computed with host numbers, independently of the text parser
 * (exact while the significand fits 53 bits and the scaling stays in the normal range).
 */
function hexFloatValue(text: string): number {
  const m = /^(-?)0x([01])(?:\.([0-9a-f]+))?p([+-]\d+)$/.exec(text)!;
  const frac = m[3] ? parseInt(m[3], 16) / 16 ** m[3].length : 0;
  const v = (Number(m[2]) + frac) * 2 ** Number(m[4]);
  return m[1] ? -v : v;
}

describe('f32Text', () => {
  it.each([
    [0x3f800000, '0x1p+0'],
    [0xbf800000, '-0x1p+0'],
    [0x00000000, '0x0p+0'],
    [0x80000000, '-0x0p+0'],
    [0x7f800000, 'inf'],
    [0xff800000, '-inf'],
    [0x7fc00000, 'nan'],
    [0xffc00000, '-nan'],
    [0x7fa00000, 'nan:0x200000'],
    [0x7f800001, 'nan:0x1'],
    [0x00000001, '0x0.000002p-126'],
    [0x00800000, '0x1p-126'],
    [0x7f7fffff, '0x1.fffffep+127'],
    [0x40490fdb, '0x1.921fb6p+1'],
  ])('%i → %s', (bits, text) => {
    expect(f32Text(bits | 0)).toBe(text);
    expect(parseF32(text)).toBe(bits >>> 0);
  });

  it('reads back to the same bits for random patterns', () => {
    const next = rng(32);
    for (let i = 0; i < 20000; i++) {
      const bits = Math.floor(next() * 2 ** 32);
      const text = f32Text(bits | 0);
      expect(parseF32(text)).toBe(bits);
      u32[0] = bits;
      if (Number.isFinite(f32[0]!)) expect(hexFloatValue(text)).toBe(f32[0]);
    }
  });
});

describe('f64Text', () => {
  it.each([
    [0x3ff00000, 0, '0x1p+0'],
    [0x80000000 | 0, 0, '-0x0p+0'],
    [0x7ff00000, 0, 'inf'],
    [0x7ff80000, 0, 'nan'],
    [0x7ff40000, 0, 'nan:0x4000000000000'],
    [0x7ff00000, 1, 'nan:0x1'],
    [0, 1, '0x0.0000000000001p-1022'],
    [0x400921fb, 0x54442d18, '0x1.921fb54442d18p+1'],
  ])('hi %i lo %i → %s', (hi, lo, text) => {
    expect(f64Text(lo, hi)).toBe(text);
    expect(parseF64(text)).toBe((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  });

  it('reads back to the same bits for random patterns, and to the same number as the host', () => {
    const next = rng(64);
    for (let i = 0; i < 20000; i++) {
      const hi = Math.floor(next() * 2 ** 32);
      const lo = Math.floor(next() * 2 ** 32);
      const bits = (BigInt(hi) << 32n) | BigInt(lo);
      const text = f64Text(lo | 0, hi | 0);
      expect(parseF64(text)).toBe(bits);
      u64[0] = bits;
      const x = f64[0]!;
      if (Number.isFinite(x)) {
        if (Math.abs(x) >= 2 ** -1000) expect(hexFloatValue(text)).toBe(x);
      }
    }
  });
});

describe('identifiers and strings', () => {
  it.each([
    ['f', '$f'],
    ['a.b/c:d', '$a.b/c:d'],
    ['with space', '$"with space"'],
    ['', '$""'],
    ['quote"', '$"quote\\22"'],
    ['é', '$"\\c3\\a9"'],
    ['(', '$"("'],
  ])('%j → %s', (name, text) => {
    expect(idText(name)).toBe(text);
  });

  it('escapes every byte that is not printable ASCII, and quotes and backslashes', () => {
    expect(stringText(Uint8Array.from([0x61, 0x00, 0x22, 0x5c, 0x7f, 0xff, 0x20]))).toBe('"a\\00\\22\\5c\\7f\\ff "');
  });
});

describe('decimal comments', () => {
  it('give the shortest decimal that reads back to the same float, and nothing for NaN or infinity', () => {
    expect(f32Comment(0x3dcccccd)).toBe(' (;=0.1;)');
    expect(f32Comment(0x3f800000)).toBe(' (;=1;)');
    expect(f32Comment(0x7fc00000)).toBe('');
    expect(f32Comment(0xff800000 | 0)).toBe('');
    expect(f64Comment(0x9999999a | 0, 0x3fb99999)).toBe(' (;=0.1;)');
    expect(f64Comment(0, 0x7ff00000)).toBe('');
  });
});
