/**
 * Differential test of every SIMD instruction against V8's native WebAssembly (test-only oracle,
 * see v8-oracle.ts): many seeded random and boundary operands per instruction, results compared
 * bit for bit. Where the spec lets a float result be any NaN, V8's bits are hardware-dependent, so
 * there we require only that both are NaN — and that ours is the canonical NaN we promise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryInst } from '../../../src/core/memory.js';
import {
  simdBinary, simdExtractLane, simdLoad, simdLoadLane, simdReplaceLane, simdShift, simdShuffle, simdSplat,
  simdStore, simdStoreLane, simdTernary, simdTest, simdUnary, v128ToWords,
} from '../../../src/interp/simd/index.js';
import { Imm, type OpInfo } from '../../../src/syntax/opcodes.js';
import { Trap, TrapCode } from '../../../src/util/errors.js';
import { buildOracle, DATA, exportName, laneCountFor, nanLaneBits, SHUFFLES, SIMD_OPS, type Oracle } from './v8-oracle.js';

// Word indices of the operand areas (byte offsets / 4, as in the oracle's memory).
const WA = 0, WB = 4, WC = 8, WS = 12, WR = 16;

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const f32bits = (x: number): number => new Int32Array(new Float32Array([x]).buffer)[0]!;
const F32_SPECIAL = [
  0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800001, 0xff812345,
  0x7f7fffff, 0xff7fffff, 1, 0x80000001, 0x00800000, 0x4f000000, 0xcf000000, 0x4f800000, 0x4effffff, 0x4f7fffff,
  0xcf000001, 0x4b000001, 0x4b7fffff,
  ...[0.5, -0.5, 1.5, 2.5, -2.5, 3.5, -1, 1, 0.49999997, -0.99999994, 4294967040, 2147483520, -2147483904, 8388609.5, 1e-40]
    .map(f32bits),
];
const f64words = (x: number): [number, number] => {
  const i = new Int32Array(new Float64Array([x]).buffer);
  return [i[0]!, i[1]!];
};
const F64_SPECIAL: [number, number][] = [
  [0, 0], [0, 0x80000000 | 0], [0, 0x7ff00000], [0, 0xfff00000 | 0], [0, 0x7ff80000], [0, 0xfff80000 | 0],
  [1, 0x7ff00000], [0x12345678, 0x7ff4abcd], [-1, 0x7fefffff], [1, 0], [1, 0x80000000 | 0],
  ...[0.5, -0.5, 1.5, 2.5, -2.5, 4503599627370495.5, 2147483647.9, 2147483648, -2147483648.9, -2147483649,
    4294967295.5, 4294967296, 3.4028235677973366e38, 3.4028234663852886e38, 1.401298464324817e-45,
    7.006492321624085e-46, 1e-310, 0.1, 123456789.123].map(f64words),
];
const I16_SPECIAL = [0, 1, -1, 0x7fff, -0x8000, 0x7ffe, -0x7fff, 0x4000, 0xff, 0x100, 0x80, 0x7f];
const I8_SPECIAL = [0, 1, -1, 0x7f, -0x80, 0x7e, -0x7f, 0x40, 0x10, 0x0f];

/** A v128 as 4 words, drawn from one of several distributions that reach the edge cases. */
function vector(next: () => number): number[] {
  const mode = next() % 6;
  const out = new Int32Array(4);
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!;
  if (mode === 0) for (let k = 0; k < 4; k++) out[k] = next();
  else if (mode === 1) for (let k = 0; k < 4; k++) out[k] = next() % 3 ? pick(F32_SPECIAL) : next();
  else if (mode === 2) for (let k = 0; k < 4; k += 2) [out[k], out[k + 1]] = pick(F64_SPECIAL);
  else if (mode === 3) { const v = new Int16Array(out.buffer); for (let i = 0; i < 8; i++) v[i] = next() % 4 ? pick(I16_SPECIAL) : next(); }
  else if (mode === 4) { const v = new Int8Array(out.buffer); for (let i = 0; i < 16; i++) v[i] = next() % 4 ? pick(I8_SPECIAL) : next(); }
  else { const v = new Int8Array(out.buffer); for (let i = 0; i < 16; i++) v[i] = (next() % 40) - 8; } // small lanes: swizzle/shuffle indices
  return [...out];
}

function scalar(next: () => number, t: string): [number, number] {
  if (t === 'F') return next() % 2 ? F64_SPECIAL[next() % F64_SPECIAL.length]! : [next() | 0, next() | 0];
  if (t === 'f') return [next() % 2 ? F32_SPECIAL[next() % F32_SPECIAL.length]! | 0 : next() | 0, 0];
  const x = next() % 3 === 0 ? [0, 1, -1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 0x7fffffff, -0x80000000][next() % 15]! : next() | 0;
  return [x, next() | 0];
}

/** NaN lane width of the result: 0 for non-v128 results and fully determined ones. */
function nanBits(op: OpInfo): 0 | 32 | 64 {
  return op.sig!.endsWith('>v') ? nanLaneBits(op.name) : 0;
}

function runOurs(op: OpInfo, w: Int32Array, lane: number, shuffleWords: Int32Array | null): void {
  const [params, result] = op.sig!.split('>') as [string, string];
  const c = op.code;
  if (op.imm === Imm.Shuffle) simdShuffle(w, WR, WA, WB, shuffleWords!, 0);
  else if (op.imm === Imm.Lane && result === 'v') simdReplaceLane(c, w, WR, WA, lane, w[WS]!, w[WS + 1]!);
  else if (op.imm === Imm.Lane) simdExtractLane(c, w, WR, WA, lane);
  else if (params === 'v' && result === 'i') w[WR] = simdTest(c, w, WA);
  else if (params.length === 1 && params !== 'v') simdSplat(c, w, WR, w[WS]!, w[WS + 1]!);
  else if (params === 'vi') simdShift(c, w, WR, WA, w[WS]!);
  else if (params === 'v') simdUnary(c, w, WR, WA);
  else if (params === 'vv') simdBinary(c, w, WR, WA, WB);
  else if (params === 'vvv') simdTernary(c, w, WR, WA, WB, WC);
  else throw new Error(`no runner for ${op.name}`);
}

function resultWords(op: OpInfo): number {
  const result = op.sig!.split('>')[1]!;
  return result === 'v' ? 4 : result === 'I' || result === 'F' ? 2 : 1;
}

function compare(op: OpInfo, ours: Int32Array, theirs: Int32Array, what: string): void {
  const n = resultWords(op);
  const bits = nanBits(op);
  const got = [...ours.subarray(WR, WR + n)];
  const want = [...theirs.subarray(WR, WR + n)];
  if (bits === 0) {
    expect(got, what).toEqual(want);
    return;
  }
  const step = bits / 32;
  for (let k = 0; k < n; k += step) {
    const isNaN = (x: Int32Array): boolean => bits === 32
      ? (x[WR + k]! & 0x7fffffff) > 0x7f800000
      : (x[WR + k + 1]! & 0x7fffffff) > 0x7ff00000 || ((x[WR + k + 1]! & 0x7fffffff) === 0x7ff00000 && x[WR + k] !== 0);
    if (isNaN(theirs)) {
      const canonical = bits === 32 ? [0x7fc00000] : [0, 0x7ff80000];
      expect(got.slice(k, k + step), `${what} lane word ${k}: NaN expected, canonical promised`).toEqual(canonical);
    } else {
      expect(got.slice(k, k + step), `${what} lane word ${k}`).toEqual(want.slice(k, k + step));
    }
  }
}

let oracle: Oracle;
beforeAll(async () => {
  oracle = await buildOracle();
});

const VALUE_OPS = SIMD_OPS.filter((o) => o.imm !== Imm.Memarg && o.imm !== Imm.MemargLane && o.name !== 'v128.const');
const ROUNDS = Number(process.env.SIMD_DIFF_ROUNDS ?? 150);

describe('SIMD value instructions agree with V8', () => {
  it.each(VALUE_OPS.map((o) => [o.name, o] as const))('%s', (_name, op) => {
    const mem = new Int32Array(oracle.memory.buffer, 0, 20);
    const ours = new Int32Array(20);
    const next = rng(op.code);
    const params = op.sig!.split('>')[0]!;
    const lanes = op.imm === Imm.Lane ? laneCountFor(op) : op.imm === Imm.Shuffle ? SHUFFLES.length : 1;
    const shuffleWords = new Int32Array(4);
    for (let round = 0; round < ROUNDS; round++) {
      for (const at of [WA, WB, WC]) mem.set(vector(next), at);
      const [lo, hi] = scalar(next, params.replace(/v/g, '') || 'i');
      mem[WS] = lo; mem[WS + 1] = hi;
      for (let l = 0; l < lanes; l++) {
        mem.fill(0x5a5a5a5a, WR, WR + 4);
        ours.set(mem);
        const name = op.imm === Imm.Shuffle ? `${op.name}/${l}` : exportName(op, op.imm === Imm.Lane ? l : -1);
        oracle.exports[name]!();
        if (op.imm === Imm.Shuffle) v128ToWords(new Uint8Array(SHUFFLES[l]!), shuffleWords, 0);
        runOurs(op, ours, l, shuffleWords);
        compare(op, ours, mem, `${name} A=${[...mem.subarray(WA, WA + 4)]} B=${[...mem.subarray(WB, WB + 4)]} S=${lo},${hi}`);
      }
    }
  });
});

describe('SIMD memory instructions agree with V8', () => {
  const MEM_OPS = SIMD_OPS.filter((o) => o.imm === Imm.Memarg || o.imm === Imm.MemargLane);
  it.each(MEM_OPS.map((o) => [o.name, o] as const))('%s', (_name, op) => {
    const bytes = new Uint8Array(oracle.memory.buffer);
    const ours = new MemoryInst({ limits: { min: 1, max: null }, shared: false, addrType: 'i32', pageSizeLog2: 16 });
    const next = rng(op.code ^ 0x5eed);
    const size = 1 << op.align;
    const end = bytes.length;
    const addrs = [DATA, DATA + 1, DATA + 7, end - size, end - size + 1, end - 1, end, end + 5, 0x7fffffff, -1];
    for (let i = 0; i < 40; i++) addrs.push(DATA + (next() % 256));
    const lanes = op.imm === Imm.MemargLane ? laneCountFor(op) : 1;
    const isStore = op.name.includes('store');
    for (const addr of addrs) {
      for (let l = 0; l < lanes; l++) {
        for (let i = 0; i < bytes.length; i += 4096) bytes.fill(next() & 0xff, i, i + 4096);
        for (let i = DATA; i < DATA + 300; i++) bytes[i] = next();
        for (let i = end - 24; i < end; i++) bytes[i] = next();
        new Int32Array(oracle.memory.buffer, 0, 4).set(vector(next));
        new Int32Array(oracle.memory.buffer, 64, 4).fill(0x5a5a5a5a);
        ours.bytes.set(bytes);
        const w = new Int32Array(bytes.buffer.slice(0, 80));
        let theirTrap = false, ourTrap: unknown = null;
        try { oracle.exports[exportName(op, op.imm === Imm.MemargLane ? l : -1)]!(addr); } catch { theirTrap = true; }
        const ea = addr >>> 0; // the wasm address operand is an unsigned i32
        try {
          if (op.name === 'v128.store') simdStore(ours, ea, w, WA);
          else if (op.imm === Imm.Memarg) simdLoad(op.code, ours, ea, w, WR);
          else if (isStore) simdStoreLane(op.code, ours, ea, w, WA, l);
          else simdLoadLane(op.code, ours, ea, w, WR, WA, l);
        } catch (e) { ourTrap = e; }
        const what = `${op.name} lane ${l} at ${addr}`;
        expect(ourTrap !== null, what).toBe(theirTrap);
        if (ourTrap) {
          expect(ourTrap).toBeInstanceOf(Trap);
          expect((ourTrap as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
        }
        if (isStore) expect(Buffer.compare(ours.bytes, bytes), what).toBe(0);
        else if (!theirTrap) expect([...w.subarray(WR, WR + 4)], what).toEqual([...new Int32Array(bytes.buffer, 64, 4)]);
      }
    }
  });
});
