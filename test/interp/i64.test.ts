/** i64 operations done on 32-bit word pairs: carries, borrows, mul's partial products, shift and rotation boundaries, signed/unsigned order. */
import { describe, expect, it } from 'vitest';
import { call1, load } from './helpers.js';

const ops = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'] as const;
const cmps = ['lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'] as const;
const inst = load(`(module
  ${ops.map((o) => `(func (export "${o}") (param i64 i64) (result i64) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${cmps.map((o) => `(func (export "${o}") (param i64 i64) (result i32) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
)`);

const M = (1n << 64n) - 1n;
const wrap = (x: bigint): bigint => BigInt.asIntN(64, x & M);
const ref: Record<(typeof ops)[number], (a: bigint, b: bigint) => bigint> = {
  add: (a, b) => wrap(a + b), sub: (a, b) => wrap(a - b), mul: (a, b) => wrap(a * b), and: (a, b) => wrap(a & b), or: (a, b) => wrap(a | b),
  xor: (a, b) => wrap(a ^ b), shl: (a, b) => wrap(a << (b & 63n)), shr_s: (a, b) => wrap(a >> (b & 63n)),
  shr_u: (a, b) => wrap(BigInt.asUintN(64, a) >> (b & 63n)),
  rotl: (a, b) => wrap((BigInt.asUintN(64, a) << (b & 63n)) | (BigInt.asUintN(64, a) >> ((64n - (b & 63n)) & 63n))),
  rotr: (a, b) => wrap((BigInt.asUintN(64, a) >> (b & 63n)) | (BigInt.asUintN(64, a) << ((64n - (b & 63n)) & 63n))),
};
const u = (x: bigint): bigint => BigInt.asUintN(64, x);
const refCmp: Record<(typeof cmps)[number], (a: bigint, b: bigint) => boolean> = {
  lt_s: (a, b) => a < b, lt_u: (a, b) => u(a) < u(b), gt_s: (a, b) => a > b, gt_u: (a, b) => u(a) > u(b),
  le_s: (a, b) => a <= b, le_u: (a, b) => u(a) <= u(b), ge_s: (a, b) => a >= b, ge_u: (a, b) => u(a) >= u(b),
};

const values = [0n, 1n, -1n, 0xffffffffn, 0x100000000n, -0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n,
  0x80000000n, 0x123456789abcdefn, -0x123456789abcdefn];
const shifts = [0n, 1n, 15n, 31n, 32n, 33n, 47n, 63n, 64n, -1n];
const isShift = (op: string): boolean => op.startsWith('sh') || op.startsWith('rot');

/** Deterministic pseudo-random i64s (xorshift64), so mul's 16-bit partial products all get exercised. */
function randoms(n: number): bigint[] {
  let x = 0x9e3779b97f4a7c15n;
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    x ^= (x << 13n) & M; x ^= x >> 7n; x ^= (x << 17n) & M;
    out.push(BigInt.asIntN(64, x));
  }
  return out;
}

describe('i64 on word pairs matches BigInt arithmetic', () => {
  for (const op of ops) {
    it(op, () => {
      const bs = isShift(op) ? shifts : values;
      for (const a of values) for (const b of bs) expect(call1(inst, op, a, b), `${a} ${op} ${b}`).toBe(ref[op](a, b));
    });
  }
  it('mul and rotations on pseudo-random operands', () => {
    const rs = randoms(64);
    for (let i = 0; i + 1 < rs.length; i++) {
      const a = rs[i]!, b = rs[i + 1]!;
      expect(call1(inst, 'mul', a, b), `${a} * ${b}`).toBe(ref.mul(a, b));
      expect(call1(inst, 'rotl', a, b), `${a} rotl ${b}`).toBe(ref.rotl(a, b));
      expect(call1(inst, 'rotr', a, b), `${a} rotr ${b}`).toBe(ref.rotr(a, b));
    }
  });
  it('comparisons', () => {
    for (const op of cmps) {
      for (const a of values) for (const b of values) {
        expect(call1(inst, op, a, b), `${a} ${op} ${b}`).toBe(refCmp[op](a, b) ? 1 : 0);
      }
    }
  });
});
