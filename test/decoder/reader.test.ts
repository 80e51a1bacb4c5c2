/**
 * ByteReader's LEB128 readers against an independent bigint decoder on random encodings (minimal,
 * padded, every width), plus the spec's errors for encodings that are too long or too large.
 */
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../src/decoder/index.js';
import { CompileError } from '../../src/util/errors.js';
import { rng } from '../../tools/fuzz-decoder-lib.js';

/** Signed LEB128 of `v`, padded with redundant bytes up to `minLen`. */
function slebBytes(v: bigint, minLen = 1): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && !(b & 0x40)) || (v === -1n && (b & 0x40) !== 0);
    if (done && out.length + 1 >= minLen) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

function ulebBytes(v: bigint, minLen = 1): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if (v === 0n && out.length + 1 >= minLen) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const reader = (bytes: number[]) => new ByteReader(Uint8Array.from(bytes));

function reason(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('LEB128', () => {
  const next = rng(128);
  const randBig = (bits: number) => {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(next() * 65536));
    return BigInt.asIntN(bits, v);
  };

  it('s64 reads every width, minimal and padded, and consumes exactly the encoding', () => {
    for (let i = 0; i < 20000; i++) {
      const width = 1 + Math.floor(next() * 64);
      const v = BigInt.asIntN(64, randBig(64) >> BigInt(64 - width));
      const enc = slebBytes(v, Math.floor(next() * 11));
      if (enc.length > 10) continue;
      const r = reader([...enc, 0x55]);
      expect(r.s64()).toBe(v);
      expect(r.pos).toBe(enc.length);
    }
  });

  it('s32, s33 and u32 agree with the bigint decoder', () => {
    for (let i = 0; i < 20000; i++) {
      const v32 = randBig(32) >> BigInt(Math.floor(next() * 32));
      const enc = slebBytes(v32, Math.floor(next() * 6));
      if (enc.length <= 5) {
        expect(reader(enc).s32()).toBe(Number(v32));
        expect(reader(enc).s33()).toBe(Number(v32));
      }
      const u = BigInt.asUintN(32, v32);
      const uenc = ulebBytes(u, Math.floor(next() * 6));
      if (uenc.length <= 5) expect(reader(uenc).u32()).toBe(Number(u));
    }
  });

  it.each([
    ['u32', [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'integer representation too long'],
    ['u32', [0xff, 0xff, 0xff, 0xff, 0x1f], 'integer too large'],
    ['s32', [0xff, 0xff, 0xff, 0xff, 0x4f], 'integer too large'],
    ['s32', [0x80, 0x80, 0x80, 0x80, 0x70], 'integer too large'],
    ['s64', [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'integer representation too long'],
    ['s64', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41], 'integer too large'],
    ['s64', [0x80, 0x80, 0x80], 'unexpected end'],
    ['u64', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], 'integer too large'],
  ] as const)('%s %j → %s', (kind, bytes, expected) => {
    expect(reason(() => reader([...bytes])[kind]())).toBe(expected);
  });

  it('reads the extreme values', () => {
    expect(reader(slebBytes(-(2n ** 63n))).s64()).toBe(-(2n ** 63n));
    expect(reader(slebBytes(2n ** 63n - 1n)).s64()).toBe(2n ** 63n - 1n);
    expect(reader(ulebBytes(2n ** 64n - 1n)).u64()).toBe(2n ** 64n - 1n);
    expect(reader(slebBytes(-(2n ** 31n))).s32()).toBe(-(2 ** 31));
    expect(reader(ulebBytes(2n ** 32n - 1n)).u32()).toBe(2 ** 32 - 1);
    expect(reader(slebBytes(-(2n ** 32n))).s33()).toBe(-(2 ** 32));
  });
});

describe('block types', () => {
  it('reads type indices as s33 and refuses negative ones', async () => {
    const { InstrReader } = await import('../../src/decoder/index.js');
    const read = (bytes: number[]) => {
      const r = new InstrReader(Uint8Array.from(bytes));
      r.next();
      return r;
    };
    expect(read([0x02, 0x40]).blockTypeIdx).toBe(-1);
    expect(read([0x02, 0x05]).blockTypeIdx).toBe(5);
    expect(read([0x02, 0x80, 0x01]).blockTypeIdx).toBe(128);
    expect(read([0x02, 0x7f]).blockType).toBe(-1); // i32
    expect(reason(() => read([0x02, 0x80, 0x7f]))).toBe('integer representation too long');
  });
});
