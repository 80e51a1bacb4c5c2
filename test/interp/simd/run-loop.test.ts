/**
 * execSimd's run loop: after a Simd op it keeps running Simd ops and the scalar ops SIMD loops are
 * made of (constants, copies, i32.add, every branch form) without the main loop. Checked here: each
 * of those scalar ops means exactly what it means in the main loop (compare-and-branch forms at the
 * signed/unsigned boundary), a trap on a later op reports that op's code offset and leaves the
 * effects of the ops before it, and fuel is charged and paused on exactly as without the run loop.
 */
import { describe, expect, it } from 'vitest';
import { invoke } from '../../../src/interp/index.js';
import { Trap, TrapCode } from '../../../src/util/errors.js';
import { encodeModule } from '../../../src/encoder/encode.js';
import { parseWat } from '../../../src/text/index.js';
import { call1, func, load, runFueled, type FueledRun, listing } from '../helpers.js';

const CMPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'] as const;

function cmp(op: (typeof CMPS)[number], a: number, b: number): boolean {
  const ua = a >>> 0, ub = b >>> 0;
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'lt_s': return a < b;
    case 'lt_u': return ua < ub;
    case 'gt_s': return a > b;
    case 'gt_u': return ua > ub;
    case 'le_s': return a <= b;
    case 'le_u': return ua <= ub;
    case 'ge_s': return a >= b;
    case 'ge_u': return ua >= ub;
  }
}

/**
 * A do-while loop over SIMD ops whose back edge is `br_if (i32.<op> i bound)`, `bound` a constant
 * (immediate form) or the parameter $b (register form). Returns lane 0 of the sum of splat(i)
 * over the passes plus 10^6 × the number of passes, capped at 64 passes by a second exit.
 */
function loopFunc(name: string, op: string, bound: string): string {
  return `(func (export "${name}") (param $i i32) (param $step i32) (param $b i32) (result i32)
    (local $v v128) (local $w v128) (local $k i32)
    (block $out
      (loop $l
        (local.set $w (i32x4.splat (local.get $i)))
        (local.set $v (i32x4.add (local.get $v) (local.get $w)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $out (i32.eq (local.get $k) (i32.const 64)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (br_if $l (i32.${op} (local.get $i) ${bound}))))
    (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32.mul (local.get $k) (i32.const 1000000))))`;
}

const BOUNDS = [0, 5, -5, 0x7ffffff0, -0x7ffffff0];
const loops = load(`(module
  ${CMPS.map((op) => BOUNDS.map((b, j) => loopFunc(`${op}_imm${j}`, op, `(i32.const ${b})`)).join('\n')).join('\n')}
  ${CMPS.map((op) => loopFunc(`${op}_reg`, op, '(local.get $b)')).join('\n')})`);

/** The same loop in JS: the expected result. */
function expected(op: (typeof CMPS)[number], i: number, step: number, b: number): number {
  let v = 0, k = 0;
  for (;;) {
    v = (v + i) | 0;
    k++;
    if (k === 64) break;
    i = (i + step) | 0;
    if (!cmp(op, i, b)) break;
  }
  return (v + Math.imul(k, 1000000)) | 0;
}

describe('SIMD run loop: scalar ops', () => {
  it('sees the fused compare-and-branch forms it handles', () => {
    expect(listing(loops, 'lt_u_reg')).toMatch(/br_if_lt_u \d/);
    expect(listing(loops, 'lt_u_imm1')).toMatch(/br_if_lt_u_imm /);
  });

  it.each(CMPS)('br_if i32.%s, immediate and register forms, across the sign boundary', (op) => {
    const starts = [0, 3, -3, 0x7ffffff8, -0x7ffffff8, -1];
    const steps = [1, -1, 4, 0x10000000];
    for (const [j, b] of BOUNDS.entries()) {
      for (const i of starts) {
        for (const step of steps) {
          const want = expected(op, i, step, b);
          expect(call1(loops, `${op}_imm${j}`, i, step, 0), `${op} imm i=${i} step=${step} b=${b}`).toBe(want);
          expect(call1(loops, `${op}_reg`, i, step, b), `${op} reg i=${i} step=${step} b=${b}`).toBe(want);
        }
      }
    }
  });
});

const TRAPS = `(module
  (memory 1)
  (func (export "load") (param $p i32) (result i32) (local $v v128)
    (local.set $v (i32x4.splat (i32.const 7)))
    (v128.store (i32.const 0) (local.get $v))
    (local.set $v (v128.load (local.get $p)))
    (i32x4.extract_lane 0 (local.get $v)))
  (func (export "store") (param $p i32) (result i32) (local $v v128)
    (local.set $v (i32x4.splat (i32.const 8)))
    (v128.store (i32.const 0) (local.get $v))
    (v128.store (local.get $p) (local.get $v))
    (i32x4.extract_lane 0 (local.get $v)))
  (func (export "load32_zero") (param $p i32) (result i32) (local $v v128)
    (local.set $v (i32x4.splat (i32.const 9)))
    (v128.store (i32.const 0) (local.get $v))
    (local.set $v (v128.load32_zero (local.get $p)))
    (i32x4.extract_lane 0 (local.get $v)))
  (func (export "store8_lane") (param $p i32) (result i32) (local $v v128)
    (local.set $v (i32x4.splat (i32.const 10)))
    (v128.store (i32.const 0) (local.get $v))
    (v128.store8_lane 1 (local.get $p) (local.get $v))
    (i32x4.extract_lane 0 (local.get $v))))`;

describe('SIMD run loop: traps', () => {
  const bytes = encodeModule(parseWat(TRAPS));
  const inst = load(TRAPS);
  it.each([
    ['load', 0x00, 7], ['store', 0x0b, 8], ['load32_zero', 0x5c, 9], ['store8_lane', 0x58, 10],
  ] as const)('%s out of bounds after other SIMD ops: trap at its own offset', (name, sub, fill) => {
    expect(call1(inst, name, 0)).toBe(fill);
    inst.memories[0]!.bytes.fill(0, 0, 16);
    let trap: Trap | undefined;
    try { invoke(func(inst, name), [65536]); } catch (e) { trap = e as Trap; }
    expect(trap).toBeInstanceOf(Trap);
    expect(trap!.code).toBe(TrapCode.MemoryOutOfBounds);
    const at = trap!.backtrace[0]!.codeOffset;
    expect([bytes[at], bytes[at + 1]]).toEqual([0xfd, sub]);
    // The store before the trapping op ran; its result is in memory.
    expect(new Int32Array(inst.memories[0]!.bytes.buffer, 0, 4)[3]).toBe(fill);
  });
});

const FUEL = load(`(module
  ;; wasmtime's costs (loop and end free): 12 per pass + 2 (local.get, extract_lane)
  (func (export "f") (param $n i32) (result i32) (local $i i32) (local $v v128)
    (loop $l
      (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 2 3 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32x4.extract_lane 3 (local.get $v))))`, [], { fuel: true });

/** Runs `f(n)` adding `step` fuel at each pause (see runFueled). */
function runFuel(n: number, step: number): FueledRun {
  return runFueled(FUEL, 'f', [n], step);
}

describe('SIMD run loop: fuel', () => {
  it('hands the fuel-charging back edge to the main loop', () => {
    expect(listing(FUEL, 'f', true)).toMatch(/br_if_lt_u_fuel/);
  });
  it('charges each executed instruction its cost', () => {
    for (const n of [1, 2, 10, 100]) expect(runFuel(n, 1e6)).toMatchObject({ result: 4 * n, used: 12 * n + 2 });
  });
  it('pauses on short budgets and resumes to the same result and total', () => {
    const full = runFuel(30, 1e6).used;
    for (const step of [1, 2, 12, 13, 14, 50]) {
      const r = runFuel(30, step);
      expect(r).toMatchObject({ result: 120, used: full });
      expect(r.pauses).toBeGreaterThanOrEqual(Math.ceil(full / step) - 1);
    }
  });
});
