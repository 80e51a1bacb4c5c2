/**
 * The validator's fast paths (validate/func.ts `step` and `checkFixed`) accept only operands whose
 * types equal what an operator needs and hand everything else to the general checks. These tests
 * sit on both sides of each fast path's conditions: what it accepts must be valid, and what it
 * declines must still be accepted when subtyping or unreachable code allows it, or refused with the
 * reference interpreter's wording. Buffers reused from one body to the next must not leak into it.
 */
import { describe, expect, it } from 'vitest';
import { AbsHeap, F64, FUNCREF, I32, I64, refType } from '../../src/syntax/types.js';
import { body, fn, mod, s, vt } from './build.js';
import { reason } from './helpers.js';

const I32C = (n: number) => [0x41, ...s(n)];
const I64C = (n: number) => [0x42, ...s(n)];
const END = 0x0b;
const REF_FUNC = refType(false, AbsHeap.Func);
/** A body with the given locals in a function of type [] -> results. */
const withLocals = (locals: number[], results: number[], code: (number | number[])[]) =>
  body(fn([], results), code, { funcs: [{ type: 0, locals, body: [] }] });
/** ref.func 0 needs function 0 declared: a global initialised with it declares it. */
const declared = { globals: [{ type: FUNCREF, init: [0xd2, 0] }] };

describe('local.get / local.set / local.tee', () => {
  it('accepts reads, writes and tees of matching types', () => {
    expect(reason(withLocals([I32, I64], [I32], [I32C(1), 0x22, 0, 0x21, 0, I64C(2), 0x21, 1, 0x20, 0]))).toBeNull();
  });
  it('refuses the first index past the locals', () => {
    expect(reason(withLocals([I32], [], [0x20, 1, 0x1a]))).toBe('unknown local 1');
    expect(reason(withLocals([I32], [], [I32C(1), 0x21, 1]))).toBe('unknown local 1');
    expect(reason(withLocals([I32], [], [I32C(1), 0x22, 1, 0x1a]))).toBe('unknown local 1');
  });
  it('does not see the locals of a previous, larger body', () => {
    const m = mod({
      types: [fn()],
      funcs: [
        { type: 0, locals: [I32, I32, I32, I32], body: [0x20, 3, 0x1a] },
        { type: 0, locals: [I32], body: [0x20, 3, 0x1a] },
      ],
    });
    expect(reason(m)).toBe('unknown local 3');
  });
  it('does not carry initialisation of non-defaultable locals into the next body', () => {
    const setAndGet = [0xd2, 0, 0x21, 0, 0x20, 0, 0x1a];
    const m = mod({
      types: [fn()],
      funcs: [
        { type: 0, locals: [REF_FUNC], body: setAndGet },
        { type: 0, locals: [REF_FUNC], body: [0x20, 0, 0x1a] },
      ],
      ...declared,
    });
    expect(reason(m)).toBe('uninitialized local');
  });
  it('refuses a write of the wrong type, or from an empty stack, with the reference wording', () => {
    expect(reason(withLocals([I32], [], [I64C(1), 0x21, 0]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(withLocals([I32], [], [0x21, 0]))).toBe('type mismatch: instruction requires [i32] but stack has []');
    expect(reason(withLocals([I32], [], [I64C(1), 0x22, 0, 0x1a]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
  });
  it('does not let a write pop an operand from outside its block', () => {
    expect(reason(withLocals([I32], [], [I32C(1), 0x02, 0x40, 0x21, 0, END, 0x1a])))
      .toBe('type mismatch: instruction requires [i32] but stack has []');
  });
  it('accepts a write of a subtype (the general path decides)', () => {
    expect(reason(body(fn(), [0xd2, 0, 0x21, 0, 0x20, 0, 0x1a], { ...declared, funcs: [{ type: 0, locals: [FUNCREF], body: [] }] }))).toBeNull();
  });
  it('accepts writes in unreachable code from an empty stack', () => {
    expect(reason(withLocals([I32], [], [0x00, 0x21, 0, 0x22, 0, 0x1a]))).toBeNull();
  });
});

describe('block / loop / if and end', () => {
  it('accepts blocks of every numeric result type', () => {
    expect(reason(body(fn([], [F64]), [0x02, vt(F64), 0x44, 0, 0, 0, 0, 0, 0, 0, 0, END]))).toBeNull();
    expect(reason(body(fn([], [I64]), [0x03, vt(I64), I64C(1), END]))).toBeNull();
    expect(reason(body(fn([], [I32]), [I32C(1), 0x04, vt(I32), I32C(2), 0x05, I32C(3), END]))).toBeNull();
  });
  it('refuses a block ending with the wrong type, too few or too many values', () => {
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I64C(1), END]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), END]))).toBe('type mismatch: instruction requires [i32] but stack has []');
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I32C(1), I32C(2), END]))).toBe('type mismatch: block requires [i32] but stack has [i32 i32]');
  });
  it('refuses an if whose condition is not i32, or is missing', () => {
    expect(reason(body(fn(), [I64C(0), 0x04, 0x40, END]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(body(fn(), [0x04, 0x40, END]))).toBe('type mismatch: instruction requires [i32] but stack has []');
  });
  it('does not take a condition from outside the enclosing block', () => {
    expect(reason(body(fn(), [I32C(1), 0x02, 0x40, 0x04, 0x40, END, END, 0x1a]))).toBe('type mismatch: instruction requires [i32] but stack has []');
  });
  it('refuses an if with a result but no else', () => {
    expect(reason(body(fn([], [I32]), [I32C(1), 0x04, vt(I32), I32C(2), END]))).toBe('type mismatch: block requires [i32] but stack has []');
  });
  it('accepts a block whose result is a reference type and ends with a subtype', () => {
    expect(reason(body(fn(), [0x02, vt(FUNCREF), 0xd2, 0, END, 0x1a], declared))).toBeNull();
  });
  it('accepts an unreachable block end with missing values', () => {
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), 0x00, END]))).toBeNull();
  });
  it('unsets locals initialised inside a block at its end', () => {
    const code = [0x02, 0x40, 0xd2, 0, 0x21, 0, END, 0x20, 0, 0x1a];
    expect(reason(body(fn(), code, { ...declared, funcs: [{ type: 0, locals: [REF_FUNC], body: [] }] }))).toBe('uninitialized local');
  });
  it('refuses a function end with values left over', () => {
    expect(reason(body(fn(), [I32C(1)]))).toBe('type mismatch: block requires [] but stack has [i32]');
  });
});

describe('br_if', () => {
  it('accepts branches carrying exactly the label types', () => {
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I32C(1), I32C(0), 0x0d, 0, END]))).toBeNull();
    expect(reason(body(fn(), [0x03, 0x40, I32C(0), 0x0d, 0, END]))).toBeNull();
  });
  it('takes a loop label to carry its params, not its results', () => {
    // type 0: [i32] -> [i64]; the loop's label carries an i32.
    const types = [fn([I32], [I64])];
    const ok = [I32C(1), 0x03, ...s(0), I32C(0), 0x0d, 0, 0x1a, I64C(2), END, 0x1a];
    expect(reason(body(fn(), ok, { types }))).toBeNull();
    const bad = [I32C(1), 0x03, ...s(0), 0x1a, I64C(2), I32C(0), 0x0d, 0, END, 0x1a];
    expect(reason(body(fn(), bad, { types }))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
  });
  it('refuses a wrong condition, a wrong or missing label value, and unknown labels', () => {
    expect(reason(body(fn(), [0x02, 0x40, I64C(0), 0x0d, 0, END]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I64C(1), I32C(0), 0x0d, 0, 0x1a, I32C(1), END])))
      .toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I32C(0), 0x0d, 0, END]))).toBe('type mismatch: instruction requires [i32] but stack has []');
    expect(reason(body(fn(), [I32C(0), 0x0d, 1]))).toBe('unknown label 1');
  });
  it('does not take the label value from outside the enclosing block', () => {
    // Were the i32 outside taken, the block would go on to end validly with its own i32.
    expect(reason(body(fn([], [I32, I32]), [I32C(1), 0x02, vt(I32), I32C(0), 0x0d, 0, I32C(5), END])))
      .toBe('type mismatch: instruction requires [i32] but stack has []');
  });
  it('types the values passed on as the label types (a subtype becomes the label type)', () => {
    // block (result funcref): ref.func 0 is a (ref func), a subtype: the general path passes it on.
    const code = [0x02, vt(FUNCREF), 0xd2, 0, I32C(0), 0x0d, 0, END, 0x1a];
    expect(reason(body(fn(), code, declared))).toBeNull();
  });
});

describe('fixed signatures', () => {
  it('accepts operands of exactly the signature types', () => {
    expect(reason(body(fn([], [I32]), [I32C(1), I32C(2), 0x6a]))).toBeNull();
  });
  it('refuses wrong or missing operands as one list', () => {
    expect(reason(body(fn([], [I32]), [I32C(1), I64C(2), 0x6a]))).toBe('type mismatch: instruction requires [i32 i32] but stack has [i32 i64]');
    expect(reason(body(fn([], [I32]), [0x6a]))).toBe('type mismatch: instruction requires [i32 i32] but stack has []');
  });
  it('does not take operands from outside the enclosing block', () => {
    expect(reason(body(fn([], [I32]), [I32C(1), 0x02, vt(I32), I32C(2), 0x6a, END])))
      .toBe('type mismatch: instruction requires [i32 i32] but stack has [i32]');
  });
  it('accepts missing operands in unreachable code', () => {
    expect(reason(body(fn([], [I32]), [0x00, 0x6a]))).toBeNull();
    expect(reason(body(fn([], [I32]), [0x00, I32C(1), 0x6a]))).toBeNull();
    expect(reason(body(fn([], [I32]), [0x00, I64C(1), 0x6a]))).toBe('type mismatch: instruction requires [i32 i32] but stack has [i64]');
  });
});
