/**
 * The runner's result patterns, checked on hand-made values: exact float bits, the two NaN
 * classes, v128 lanes in every shape (signed or unsigned lane literals), references, `either`,
 * and the spec's message-prefix rule.
 */
import { describe, expect, test } from 'vitest';
import { matches, matchF32, matchF64, messageMatches } from '../src/cli/wast/expect.js';
import type { WastExpected } from '../src/text/wast-script.js';

const bits = (b: number | bigint) => ({ kind: 'bits' as const, bits: b });
const canonical = { kind: 'nan:canonical' as const };
const arithmetic = { kind: 'nan:arithmetic' as const };

describe('float patterns', () => {
  test.each([
    // [bits, pattern, expected]
    [0x7fc00000, canonical, true],
    [0xffc00000 | 0, canonical, true], // either sign
    [0x7fc00001, canonical, false],
    [0x7fa00000, canonical, false], // signalling
    [0x7fc00001, arithmetic, true],
    [0xffe00000 | 0, arithmetic, true],
    [0x7f800001, arithmetic, false], // signalling NaN is not arithmetic
    [0x7f800000, arithmetic, false], // infinity
    [0x3f800000, bits(0x3f800000), true],
    [0x80000000 | 0, bits(0x80000000), true], // -0, signed or unsigned literal
    [0x80000000 | 0, bits(0), false],
  ] as const)('f32 %i ~ %o = %s', (b, p, want) => {
    expect(matchF32(b, p)).toBe(want);
  });

  test.each([
    [0x7ff8000000000000n, canonical, true],
    [0xfff8000000000000n, canonical, true],
    [0x7ff8000000000001n, canonical, false],
    [0x7ff8000000000001n, arithmetic, true],
    [0x7ff4000000000000n, arithmetic, false],
    [0x8000000000000000n, bits(-0x8000000000000000n), true],
  ] as const)('f64 %s ~ %o = %s', (b, p, want) => {
    expect(matchF64(b, p)).toBe(want);
  });
});

describe('v128 lanes', () => {
  const bytes = new Uint8Array([0xff, 0xff, 0, 0, 0, 0, 0xc0, 0x7f, 1, 0, 0, 0, 0, 0, 0, 0x80]);
  test('integer lanes compare modulo the lane width', () => {
    const e: WastExpected = { type: 'v128', shape: 'i16x8', lanes: [-1n, 0n, 0n, 0x7fc0n, 1n, 0n, 0n, 0x8000n] };
    expect(matches({ type: 'v128', bytes }, e)).toBe(true);
    const wrong: WastExpected = { type: 'v128', shape: 'i16x8', lanes: [-1n, 0n, 0n, 0x7fc0n, 2n, 0n, 0n, 0x8000n] };
    expect(matches({ type: 'v128', bytes }, wrong)).toBe(false);
    expect(matches({ type: 'v128', bytes }, { type: 'v128', shape: 'i64x2', lanes: [0x7fc000000000ffffn, -0x7fffffffffffffffn] })).toBe(true);
  });
  test('float lanes take NaN patterns', () => {
    const e: WastExpected = { type: 'v128', shape: 'f32x4', lanes: [bits(0xffff), arithmetic, bits(1), bits(0x80000000)] };
    expect(matches({ type: 'v128', bytes }, e)).toBe(true);
    const notNan: WastExpected = { type: 'v128', shape: 'f32x4', lanes: [canonical, canonical, bits(1), bits(0x80000000)] };
    expect(matches({ type: 'v128', bytes }, notNan)).toBe(false);
  });
});

describe('scalars, references and either', () => {
  test('i32 and i64 compare as signed values of their width', () => {
    expect(matches({ type: 'i32', value: -1 }, { type: 'i32', value: 0xffffffff })).toBe(true);
    expect(matches({ type: 'i64', value: -1n }, { type: 'i64', value: 0xffffffffffffffffn })).toBe(true);
    expect(matches({ type: 'i64', value: 1n }, { type: 'i32', value: 1 })).toBe(false);
  });
  test('references by kind and host value', () => {
    expect(matches({ type: 'ref', ref: 'null' }, { type: 'ref.null', heap: 'func' })).toBe(true);
    expect(matches({ type: 'ref', ref: 'func' }, { type: 'ref.null', heap: 'func' })).toBe(false);
    expect(matches({ type: 'ref', ref: 'extern', value: 3 }, { type: 'ref.extern', value: 3 })).toBe(true);
    expect(matches({ type: 'ref', ref: 'extern', value: 3 }, { type: 'ref.extern', value: 4 })).toBe(false);
    expect(matches({ type: 'ref', ref: 'i31' }, { type: 'ref.eq' })).toBe(true);
    expect(matches({ type: 'ref', ref: 'func' }, { type: 'ref.eq' })).toBe(false);
  });
  test('either accepts any alternative', () => {
    const e: WastExpected = { type: 'either', options: [{ type: 'i32', value: 1 }, { type: 'i32', value: 2 }] };
    expect(matches({ type: 'i32', value: 2 }, e)).toBe(true);
    expect(matches({ type: 'i32', value: 3 }, e)).toBe(false);
  });
  test('untyped JS results are read by the expected type', () => {
    expect(matches({ type: 'js', value: 1.5 }, { type: 'f32', pattern: bits(0x3fc00000) })).toBe(true);
    expect(matches({ type: 'js', value: NaN }, { type: 'f64', pattern: canonical })).toBe(true);
    expect(matches({ type: 'js', value: 5n }, { type: 'i32', value: 5 })).toBe(false);
  });
});

test('messages match by prefix, as the reference interpreter checks them', () => {
  expect(messageMatches('uninitialized element 2', 'uninitialized element')).toBe(true);
  expect(messageMatches('uninitialized element', 'uninitialized element 2')).toBe(false);
});
