/**
 * i64 div/rem (signed and unsigned) against BigInt on operands chosen to hit every path: divisors
 * below 2^16, 2^32 and above (the halves fast path and the BigInt fallback), dividends with the high
 * word set, 32-bit signed values at the edges, and the spec's traps.
 */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call1, load } from './helpers.js';

const inst = load(`(module
  (func (export "div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
)`);

/** A deterministic stream of 64-bit values of mixed magnitudes (xorshift64*, then masked). */
function* operands(count: number): Generator<bigint> {
  let s = 0x9e3779b97f4a7c15n;
  const edges = [0n, 1n, 2n, 3n, 7n, 0xffffn, 0x10000n, 0x1fffffn, 0xffffffffn, 0x100000000n, 0x7fffffffn,
    0x80000000n, -1n, -2n, -0x80000000n, -0x80000001n, 0x7fffffffffffffffn, -0x8000000000000000n];
  yield* edges;
  for (let i = 0; i < count; i++) {
    s ^= s >> 12n; s ^= (s << 25n) & 0xffffffffffffffffn; s ^= s >> 27n;
    const r = (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
    const bits = [8n, 16n, 24n, 31n, 32n, 40n, 53n, 63n, 64n][i % 9]!;
    yield BigInt.asIntN(64, r & ((1n << bits) - 1n));
  }
}

function trapOf(f: () => unknown): TrapCode | 'none' {
  try {
    f();
    return 'none';
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
}

describe('i64 division and remainder', () => {
  const values = [...operands(120)];
  it('agree with BigInt for every operand pair', () => {
    let checked = 0;
    for (const x of values) {
      for (const y of values) {
        if (y === 0n) continue;
        const ux = BigInt.asUintN(64, x), uy = BigInt.asUintN(64, y);
        expect(BigInt.asUintN(64, call1(inst, 'div_u', x, y) as bigint)).toBe(ux / uy);
        expect(BigInt.asUintN(64, call1(inst, 'rem_u', x, y) as bigint)).toBe(ux % uy);
        expect(call1(inst, 'rem_s', x, y)).toBe(x % y);
        if (!(x === -0x8000000000000000n && y === -1n)) expect(call1(inst, 'div_s', x, y)).toBe(BigInt.asIntN(64, x / y));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15000);
  });

  it('trap on a zero divisor and on signed overflow', () => {
    for (const f of ['div_u', 'rem_u', 'div_s', 'rem_s']) {
      expect(trapOf(() => call1(inst, f, 5n, 0n))).toBe(TrapCode.IntegerDivideByZero);
      expect(trapOf(() => call1(inst, f, -0x8000000000000000n, 0n))).toBe(TrapCode.IntegerDivideByZero);
    }
    expect(trapOf(() => call1(inst, 'div_s', -0x8000000000000000n, -1n))).toBe(TrapCode.IntegerOverflow);
    expect(call1(inst, 'rem_s', -0x8000000000000000n, -1n)).toBe(0n);
    // 32-bit extremes take the halves path: -2^31 / -1 = 2^31 does not overflow i64.
    expect(call1(inst, 'div_s', -0x80000000n, -1n)).toBe(0x80000000n);
    expect(call1(inst, 'rem_s', -7n, 2n)).toBe(-1n);
  });
});
