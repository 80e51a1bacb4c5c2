/**
 * `i32x4.add`/`f32x4.add` of the product an `i32x4.mul`/`f32x4.mul` just computed is translated to
 * one multiply-add op (translate-ext.ts). Its lanes must be exactly the pair's: i32 lanes wrap,
 * the f32 product is rounded to f32 before the add (not fused as in an FMA), NaN lanes come out as
 * the canonical NaN, and the destination may be a local that is also an operand.
 */
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../../src/interp/code.js';
import { translate } from '../../../src/interp/translate.js';
import { call, func, load } from '../helpers.js';

const A = 0, B = 16, C = 32, OUT = 48;
const v = (at: number): string => `(v128.load (i32.const ${at}))`;
const kernels = (s: string): string => `
  (func (export "${s}_mc") (local $c v128)
    (local.set $c ${v(C)})
    (v128.store (i32.const ${OUT}) (${s}.add (${s}.mul ${v(A)} ${v(B)}) (local.get $c))))
  (func (export "${s}_cm") (v128.store (i32.const ${OUT}) (${s}.add ${v(C)} (${s}.mul ${v(A)} ${v(B)}))))
  ;; acc := acc + acc * b, the result retargeted to a local that both operands read
  (func (export "${s}_acc") (local $acc v128)
    (local.set $acc ${v(A)})
    (local.set $acc (${s}.add (local.get $acc) (${s}.mul (local.get $acc) ${v(B)})))
    (v128.store (i32.const ${OUT}) (local.get $acc)))
  ;; an op between the mul and the add: not fused, same lanes
  (func (export "${s}_apart") (v128.store (i32.const ${OUT}) (${s}.add (${s}.mul ${v(A)} ${v(B)}) ${v(C)})))`;
const inst = load(`(module (memory 1) ${kernels('i32x4')} ${kernels('f32x4')})`);
const mem = (): Int32Array => new Int32Array(inst.memories[0]!.bytes.buffer, 0, 16);

function run(name: string, a: number[], b: number[], c: number[]): number[] {
  const m = mem();
  m.set(a, A / 4); m.set(b, B / 4); m.set(c, C / 4);
  call(inst, name);
  return Array.from(mem().subarray(OUT / 4, OUT / 4 + 4));
}

const f32 = (x: number): number => new Int32Array(new Float32Array([x]).buffer)[0]!;
const num = (bits: number): number => new Float32Array(new Int32Array([bits]).buffer)[0]!;
/** The unfused pair's lane: product rounded to f32, sum rounded to f32, NaN canonical. */
function f32MulAdd(a: number, b: number, c: number): number {
  const r = Math.fround(Math.fround(num(a) * num(b)) + num(c));
  return r !== r ? 0x7fc00000 : f32(r);
}

describe('fused multiply-add', () => {
  it('is one op for each operand order and for an accumulator local', () => {
    for (const name of ['i32x4_mc', 'i32x4_cm', 'i32x4_acc', 'f32x4_mc', 'f32x4_cm', 'f32x4_acc']) {
      const f = func(inst, name);
      if (f.kind !== 'wasm') throw new Error('not a wasm function');
      const listing = disassemble(translate(f.instance, f.index).code);
      expect(listing, listing).toMatch(/simd 49[67] /);
      expect(listing).not.toMatch(/simd (181|174|230|228) /);
    }
    const f = func(inst, 'f32x4_apart');
    if (f.kind !== 'wasm') throw new Error('not a wasm function');
    expect(disassemble(translate(f.instance, f.index).code)).not.toMatch(/simd 49[67] /);
  });

  it('i32x4 lanes wrap like mul then add', () => {
    const a = [0x7fffffff, -0x80000000, 0x10001, -1], b = [0x7fffffff, -1, 0x10001, 0x12345678], c = [1, -0x80000000, 0x7fffffff, 5];
    const want = a.map((x, i) => (Math.imul(x, b[i]!) + c[i]!) | 0);
    expect(run('i32x4_mc', a, b, c)).toEqual(want);
    expect(run('i32x4_cm', a, b, c)).toEqual(want);
    expect(run('i32x4_apart', a, b, c)).toEqual(want);
    expect(run('i32x4_acc', a, b, [0, 0, 0, 0])).toEqual(a.map((x, i) => (x + Math.imul(x, b[i]!)) | 0));
  });

  it('f32x4 rounds the product to f32 before the add', () => {
    // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: the f32 product drops 2^-24 (a tie, to even), so the sum
    // with -1 is 2^-11; computed without that rounding it would be 2^-11 + 2^-24.
    const x = f32(1 + 2 ** -12);
    const a = [x, f32(3), f32(1e30), f32(-2.5)], b = [x, f32(1 / 3), f32(1e10), f32(0.1)], c = [f32(-1), f32(-1), f32(-1e38), f32(0.25)];
    const want = a.map((ai, i) => f32MulAdd(ai, b[i]!, c[i]!));
    expect(want[0]).toBe(f32(2 ** -11));
    expect(run('f32x4_mc', a, b, c)).toEqual(want);
    expect(run('f32x4_cm', a, b, c)).toEqual(want);
    expect(run('f32x4_apart', a, b, c)).toEqual(want);
    expect(run('f32x4_acc', a, b, [0, 0, 0, 0])).toEqual(a.map((ai, i) => f32MulAdd(ai, b[i]!, ai)));
  });

  it('f32x4: overflow, signed zeros and canonical NaNs', () => {
    const inf = f32(Infinity), nz = f32(-0), nanP = 0x7fa00001, nanN = -0x00600000 | 0xff800000;
    const a = [inf, nz, nanP, f32(3e38)], b = [0, f32(1), f32(1), f32(10)], c = [f32(1), nz, f32(1), f32(-Infinity)];
    expect(run('f32x4_mc', a, b, c)).toEqual([0x7fc00000, nz, 0x7fc00000, 0x7fc00000]);
    expect(run('f32x4_cm', [f32(2), f32(-1), f32(1), nanN], [f32(3), 0, f32(1), f32(1)], [nanP, 0, inf, f32(1)]))
      .toEqual([0x7fc00000, 0, inf, 0x7fc00000]);
  });
});
