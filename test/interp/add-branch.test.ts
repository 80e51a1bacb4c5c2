/**
 * Translator fusions around loop control: `i32.add` (with an immediate or of two words) whose sum a
 * compare-immediate branch tests becomes one op; selects write a destination (retargeted by
 * local.set); local.set of a constant is one op; br_if reads a local condition in place. Each
 * loop below is checked against a JS model across sign and wrap boundaries, where a signed/unsigned
 * mix-up or a missing 32-bit wrap would change the iteration count.
 */
import { describe, expect, it } from 'vitest';
import { call1, f64bits, func, load, listing } from './helpers.js';
import type { RawVal } from '../../src/core/values.js';
import { Thread } from '../../src/interp/thread.js';

const CMPS = ['ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u'] as const;
type Cmp = (typeof CMPS)[number];

function holds(cmp: Cmp, x: number, imm: number): boolean {
  switch (cmp) {
    case 'ne': return x !== imm;
    case 'lt_s': return x < imm;
    case 'lt_u': return x >>> 0 < imm >>> 0;
    case 'gt_s': return x > imm;
    case 'gt_u': return x >>> 0 > imm >>> 0;
  }
}

/** Iterations of `do { x = (x + step) | 0; n++ } while (x cmp imm)`, capped; and the final x. */
function model(cmp: Cmp, x: number, step: number, imm: number, cap: number): number {
  let n = 0;
  do { x = (x + step) | 0; n++; } while (holds(cmp, x, imm) && n < cap);
  return n;
}

const CAP = 64;
function loopFunc(name: string, cmp: Cmp, addend: string, imm: number): string {
  // The cap is tested first so the add is right before the fused compare-and-branch.
  return `(func (export "${name}") (param $x i32) (param $step i32) (result i32) (local $n i32)
    (block $b (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $b (i32.ge_u (local.get $n) (i32.const ${CAP})))
      (br_if $l (i32.${cmp} (local.tee $x (i32.add (local.get $x) ${addend})) (i32.const ${imm})))))
    (local.get $n))`;
}

const IMMS = [0, 5, -2, 0x7fffffff, -0x80000000];
const STEPS = [1, -1, 3, 0x7fffffff, -0x80000000];
const STARTS = [0, -3, 0x7ffffffe, -0x7fffffff, 10];

let text = '(module';
for (const cmp of CMPS) {
  for (const [j, imm] of IMMS.entries()) {
    for (const [k, step] of STEPS.entries()) text += loopFunc(`k_${cmp}_${j}_${k}`, cmp, `(i32.const ${step})`, imm);
    text += loopFunc(`r_${cmp}_${j}`, cmp, '(local.get $step)', imm);
  }
}
text += `
  (func (export "sel32") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (select (local.get 0) (local.get 1) (local.get 2))) (local.get 3))
  (func (export "sel_self") (param i32 i32 i32) (result i32)
    (local.set 0 (select (local.get 1) (local.get 0) (local.get 2))) (local.get 0))
  (func (export "self64") (param f64 f64 i32) (result i64) (local f64)
    (local.set 3 (select (local.get 0) (local.get 1) (local.get 2))) (i64.reinterpret_f64 (local.get 3)))
  (func (export "sel_f32") (param f32 f32 i32) (result i32) (local f32)
    (local.set 3 (select (local.get 0) (local.get 1) (local.get 2))) (i32.reinterpret_f32 (local.get 3)))
  (func (export "setk") (result i32) (local i32) (local.set 0 (i32.const 7)) (local.get 0))
  (func (export "brif_local") (param i32) (result i32)
    (block (br_if 0 (local.get 0)) (return (i32.const 1))) (i32.const 2))
)`;
const inst = load(text);

describe('i32.add fused with a compare-immediate branch on its sum', () => {
  it('is translated to one op', () => {
    const a = listing(inst, 'k_lt_u_1_0');
    expect(a, a).toMatch(/i32\.add_imm_br_if_lt_u_imm/);
    const b = listing(inst, 'r_gt_s_2');
    expect(b, b).toMatch(/i32\.add_br_if_gt_s_imm/);
  });

  it('counts iterations as the unfused pair would, across sign and wrap boundaries', () => {
    for (const cmp of CMPS) {
      for (const [j, imm] of IMMS.entries()) {
        for (const x of STARTS) {
          for (const [k, step] of STEPS.entries()) {
            expect(call1(inst, `k_${cmp}_${j}_${k}`, x, 0), `${cmp} ${x}+${step} vs ${imm}`).toBe(model(cmp, x, step, imm, CAP));
            expect(call1(inst, `r_${cmp}_${j}`, x, step), `reg ${cmp} ${x}+${step} vs ${imm}`).toBe(model(cmp, x, step, imm, CAP));
          }
        }
      }
    }
  });
});

describe('select with a destination', () => {
  it('writes the chosen operand straight into the local', () => {
    const a = listing(inst, 'sel32');
    expect(a, a).toMatch(/select32 6 /);
    expect(a, a).not.toMatch(/copy1 6/);
    expect(call1(inst, 'sel32', 11, 22, 1)).toBe(11);
    expect(call1(inst, 'sel32', 11, 22, 0)).toBe(22);
    expect(call1(inst, 'sel32', 11, 22, -0x80000000)).toBe(11);
  });

  it('gives the same results on the closure executor', () => {
    const on = (executor: 'switch' | 'closures', name: string, args: RawVal[]): RawVal => {
      const t = new Thread({ executor });
      t.start(func(inst, name), args);
      t.run();
      return t.results()[0]!;
    };
    for (const [name, args] of [
      ['sel32', [11, 22, 1]], ['sel32', [11, 22, 0]], ['sel_self', [5, 9, 1]], ['sel_self', [5, 9, 0]],
      ['self64', [0x7ff0000000000001n, f64bits(1.5), 1]], ['self64', [f64bits(1.5), 0xfff8000000000abcn, 0]],
    ] as Array<[string, RawVal[]]>) {
      expect(on('closures', name, args), name).toEqual(on('switch', name, args));
    }
    expect(on('closures', 'sel32', [11, 22, 0])).toBe(22);
  });

  it('may write a local it reads', () => {
    expect(call1(inst, 'sel_self', 5, 9, 1)).toBe(9);
    expect(call1(inst, 'sel_self', 5, 9, 0)).toBe(5);
  });

  it('keeps NaN payloads bit-exact (f32 and f64, signalling NaNs included)', () => {
    // Raw f32/f64 values are their bits (i32 number / u64 bigint), so no host conversion is involved.
    const snan64 = 0x7ff0000000000001n, qnan64 = 0xfff8000000000abcn;
    expect(BigInt.asUintN(64, call1(inst, 'self64', snan64, f64bits(1.5), 1) as bigint)).toBe(snan64);
    expect(BigInt.asUintN(64, call1(inst, 'self64', f64bits(1.5), qnan64, 0) as bigint)).toBe(qnan64);
    expect(BigInt.asUintN(64, call1(inst, 'self64', f64bits(1.5), f64bits(-0), 0) as bigint)).toBe(f64bits(-0));
    const snan32 = 0x7f800001, nnan32 = 0xffc00123 | 0;
    expect(call1(inst, 'sel_f32', snan32, 0x3f800000, 1)).toBe(snan32);
    expect(call1(inst, 'sel_f32', 0x3f800000, nnan32, 0)).toBe(nnan32);
  });
});

describe('small translation savings', () => {
  it('local.set of a constant is one op', () => {
    const a = listing(inst, 'setk');
    expect(a.match(/const32/g)?.length, a).toBe(1);
    expect(call1(inst, 'setk')).toBe(7);
  });

  it('br_if reads a local condition without copying it', () => {
    const a = listing(inst, 'brif_local');
    expect(a, a).toMatch(/^\s*0: br_if 0 /);
    expect(call1(inst, 'brif_local', 0)).toBe(1);
    expect(call1(inst, 'brif_local', 1)).toBe(2);
    expect(call1(inst, 'brif_local', -1)).toBe(2);
  });
});
