/**
 * Number literals: integer ranges and separators, hex and decimal floats rounded exactly to f32/f64
 * (nearest, ties to even), NaN payloads. Oracles: float_literals.wast's own expected bit patterns,
 * and JS `Number()` (correctly rounded) for f64 decimals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseF32, parseF64, parseIntBits, parseNat, RangeFailure } from '../../src/text/numbers.js';
import { f64ToBigBits } from '../../src/util/bits.js';
import { locateTestsuite } from '../../spec-tests/locate.js';

describe('integers', () => {
  it('reads decimal and hex with separators', () => {
    expect(parseNat('1_000_000')).toBe(1000000n);
    expect(parseNat('0xff_ff')).toBe(0xffffn);
    expect(parseNat('0xABCdef')).toBe(0xabcdefn);
  });
  it('refuses misplaced separators and empty digits', () => {
    for (const t of ['_1', '1_', '1__0', '0x', '0x_1', '0x1_', '1a', '+1', '', '0X1']) expect(parseNat(t), t).toBeNull();
  });
  it('accepts the signed and unsigned ranges as bit patterns', () => {
    expect(parseIntBits('0xffffffff', 32)).toBe(0xffffffffn);
    expect(parseIntBits('-0x80000000', 32)).toBe(0x80000000n);
    expect(parseIntBits('-1', 32)).toBe(0xffffffffn);
    expect(parseIntBits('+42', 32)).toBe(42n);
    expect(parseIntBits('-9223372036854775808', 64)).toBe(1n << 63n);
    expect(parseIntBits('18446744073709551615', 64)).toBe((1n << 64n) - 1n);
  });
  it('refuses values outside the width', () => {
    for (const [t, w] of [['0x100000000', 32], ['-0x80000001', 32], ['18446744073709551616', 64], ['256', 8], ['-129', 8]] as const) {
      expect(() => parseIntBits(t, w), t).toThrow(RangeFailure);
    }
  });
});

describe('floats', () => {
  it('reads special values with exact NaN payloads', () => {
    expect(parseF32('inf')).toBe(0x7f800000);
    expect(parseF32('-inf')).toBe(0xff800000);
    expect(parseF32('nan')).toBe(0x7fc00000);
    expect(parseF32('-nan')).toBe(0xffc00000);
    expect(parseF32('nan:0x200000')).toBe(0x7fa00000);
    expect(parseF32('-nan:0x7fffff')).toBe(0xffffffff);
    expect(parseF64('nan:0x1')).toBe(0x7ff0000000000001n);
    expect(parseF64('-nan:0xf_ffff_ffff_ffff')).toBe(0xffffffffffffffffn);
    expect(() => parseF32('nan:0x0')).toThrow(RangeFailure);
    expect(() => parseF32('nan:0x800000')).toThrow(RangeFailure);
    expect(() => parseF64('nan:0x10000000000000')).toThrow(RangeFailure);
  });
  it('rounds hex floats to nearest, ties to even, including subnormals', () => {
    expect(parseF32('0x1p-149')).toBe(1);
    expect(parseF32('0x1p-150')).toBe(0); // exactly half the smallest subnormal: ties to even (0)
    expect(parseF32('0x1.000001p-150')).toBe(1); // just above half
    expect(parseF32('0x1.8p-149')).toBe(2); // 1.5 ulp: ties to even (2)
    expect(parseF32('0x1.000001p0')).toBe(0x3f800000); // half an ulp above 1: ties to even (1)
    expect(parseF32('0x1.000003p0')).toBe(0x3f800002); // 1.5 ulp: ties to even (up)
    expect(parseF32('0x1.fffffep127')).toBe(0x7f7fffff);
    expect(parseF32('0x1.fffffefffffffffp127')).toBe(0x7f7fffff); // below the halfway point to 2^128
    expect(() => parseF32('0x1.ffffffp127')).toThrow(RangeFailure); // rounds to 2^128: out of range
    expect(() => parseF32('0x1p128')).toThrow(RangeFailure);
    expect(parseF64('0x1p-1074')).toBe(1n);
    expect(parseF64('-0x0.0p0')).toBe(1n << 63n);
    expect(() => parseF64('0x1.fffffffffffff8p1023')).toThrow(RangeFailure); // halfway to 2^1024: ties up, overflows
    expect(parseF64('0x1.fffffffffffff7ffp1023')).toBe(0x7fefffffffffffffn);
  });
  it('rounds f64 decimals exactly as JS Number() does (a correctly rounded oracle)', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let digits = String(1 + rnd(9));
      const len = rnd(25);
      for (let k = 0; k < len; k++) digits += String(rnd(10));
      const dot = rnd(digits.length + 1);
      const text = `${digits.slice(0, dot) || '0'}.${digits.slice(dot)}e${rnd(700) - 350}`;
      const n = Number(text);
      if (!Number.isFinite(n)) {
        expect(() => parseF64(text), text).toThrow(RangeFailure);
      } else {
        expect(parseF64(text), text).toBe(f64ToBigBits(n));
      }
    }
  });
  it('refuses malformed float text', () => {
    for (const t of ['1e', '.5', '0x.p1', '1.5f', 'nan:1', 'infinity', '0x1p', '1e+', '1__0.0']) {
      expect(parseF64(t), t).toBeNull();
    }
  });
});

const root = locateTestsuite();
describe.skipIf(root === null)('float_literals.wast: every literal gives the bits the suite expects', () => {
  const text = root === null ? '' : readFileSync(join(root, 'float_literals.wast'), 'utf8');
  // (func (export "NAME") (result i32) (i32.reinterpret_f32 (f32.const LITERAL)))
  const funcs = [...text.matchAll(/\(func \(export "([^"]+)"\) \(result i(32|64)\) \(i(?:32|64)\.reinterpret_f(?:32|64) \(f(32|64)\.const ([^)\s]+)\)\)\)/g)];
  const expected = new Map([...text.matchAll(/\(assert_return \(invoke "([^"]+)"\) \(i(?:32|64)\.const ([^)\s]+)\)\)/g)].map((m) => [m[1]!, m[2]!]));
  it('has cases', () => expect(funcs.length).toBeGreaterThan(70));
  for (const [, name, , width, literal] of funcs) {
    it(`${name}: ${literal}`, () => {
      const want = expected.get(name!);
      expect(want).toBeDefined();
      const bits = BigInt.asUintN(width === '32' ? 32 : 64, BigInt(want!.replace(/_/g, '')));
      const got = width === '32' ? BigInt(parseF32(literal!)!) : parseF64(literal!);
      expect(got).toBe(bits);
    });
  }
});
