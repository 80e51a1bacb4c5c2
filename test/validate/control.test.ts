/** Function bodies: blocks, branches, calls, select, unreachable code, deep nesting. */
import { describe, expect, it } from 'vitest';
import { F32, F64, I32, I64 } from '../../src/syntax/types.js';
import { body, fn, s, vt } from './build.js';
import { reason } from './helpers.js';
import { CompileError } from '../../src/util/errors.js';
import { validateModule } from '../../src/validate/index.js';

const I32C = (n: number) => [0x41, ...s(n)];
const END = 0x0b;

describe('blocks and results', () => {
  it('accepts a function returning its result', () => {
    expect(reason(body(fn([], [I32]), [I32C(1)]))).toBeNull();
  });
  it('reports a missing result with the reference wording', () => {
    expect(reason(body(fn([], [I32]), []))).toBe('type mismatch: instruction requires [i32] but stack has []');
  });
  it('reports a wrong result type', () => {
    expect(reason(body(fn([], [I32]), [0x42, 0]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
  });
  it('reports a mismatch of several operands as one list', () => {
    expect(reason(body(fn([], [I32]), [0x42, 0, 0x42, 0, 0x6a])))
      .toBe('type mismatch: instruction requires [i32 i32] but stack has [i64 i64]');
    expect(reason(body(fn([], [I32]), [I32C(1), 0x6a]))).toBe('type mismatch: instruction requires [i32 i32] but stack has [i32]');
  });
  it('reports values left over at the end of a block', () => {
    expect(reason(body(fn(), [0x02, 0x40, I32C(1), END]))).toBe('type mismatch: block requires [] but stack has [i32]');
  });
  it('does not let a block read operands from outside', () => {
    expect(reason(body(fn(), [I32C(1), 0x02, 0x40, 0x1a, END, 0x1a]))).toMatch(/^type mismatch/);
  });
  it('types multi-value blocks by type index', () => {
    // type 0: [i32] -> [i32 i32]
    const m = body(fn([], [I32, I32]), [I32C(1), 0x02, ...s(0), I32C(2), END], { types: [fn([I32], [I32, I32])] });
    expect(reason(m)).toBeNull();
  });
  it('refuses an if without else whose params and results differ', () => {
    expect(reason(body(fn([], [I32]), [I32C(0), 0x04, vt(I32), I32C(1), END]))).toMatch(/^type mismatch/);
    expect(reason(body(fn([], [I32]), [I32C(0), 0x04, vt(I32), I32C(1), 0x05, I32C(2), END]))).toBeNull();
  });
  it('checks the condition of if and br_if', () => {
    expect(reason(body(fn(), [0x42, 0, 0x04, 0x40, END]))).toMatch(/^type mismatch/);
  });
});

describe('branches', () => {
  it('refuses unknown labels', () => {
    expect(reason(body(fn(), [0x0c, 1]))).toBe('unknown label 1');
    expect(reason(body(fn(), [0x0c, 0]))).toBeNull();
  });
  it('checks br operands against the label (loop labels take params)', () => {
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), 0x0c, 0, END]))).toMatch(/^type mismatch/);
    expect(reason(body(fn([], [I32]), [0x02, vt(I32), I32C(3), 0x0c, 0, END]))).toBeNull();
    // A loop's label has no results here, so a br to it needs no operands.
    expect(reason(body(fn(), [0x03, 0x40, 0x0c, 0, END]))).toBeNull();
  });
  it('requires br_table targets to agree in arity', () => {
    const bt = (a: number, b: number) => [0x0e, 1, a, b];
    expect(reason(body(fn(), [0x02, vt(I32), I32C(0), I32C(0), ...bt(0, 1), END, 0x1a]))).toMatch(/^type mismatch/);
  });
  it('lets unreachable br_table targets of different types share unknown operands', () => {
    // (block f64 (block f32 unreachable (br_table 0 1 1 (i32.const 1))) drop (f64.const 0))
    const m = body(fn(), [
      0x02, vt(F64), 0x02, vt(F32), 0x00, I32C(1), 0x0e, 2, 0, 1, 1, END, 0x1a,
      0x44, 0, 0, 0, 0, 0, 0, 0, 0, END, 0x1a,
    ]);
    expect(reason(m)).toBeNull();
  });
  it('makes the stack polymorphic after unreachable, return and br', () => {
    expect(reason(body(fn([], [I32]), [0x00]))).toBeNull();
    expect(reason(body(fn([], [I32]), [0x00, 0x6a]))).toBeNull();
    expect(reason(body(fn([], [I32]), [0x00, 0x42, 0, 0x6a]))).toMatch(/^type mismatch/);
    expect(reason(body(fn([], [I64]), [0x42, 0, 0x0f, 0x1a]))).toBeNull();
    expect(reason(body(fn([], [I64]), [0x0f]))).toMatch(/^type mismatch/);
  });
});

describe('calls and select', () => {
  it('checks call arguments and unknown functions', () => {
    expect(reason(body(fn([I32], []), [I32C(1), 0x10, 0]))).toBeNull();
    expect(reason(body(fn([I32], []), [0x10, 0]))).toMatch(/^type mismatch/);
    expect(reason(body(fn(), [0x10, 5]))).toBe('unknown function 5');
  });
  it('types select on numbers only, and typed select with exactly one type', () => {
    expect(reason(body(fn([], [I64]), [0x42, 1, 0x42, 2, I32C(0), 0x1b]))).toBeNull();
    expect(reason(body(fn([], [I64]), [0x42, 1, I32C(2), I32C(0), 0x1b]))).toMatch(/^type mismatch/);
    expect(reason(body(fn(), [I32C(1), I32C(2), I32C(0), 0x1c, 0, 0x1a]))).toBe('invalid result arity');
    expect(reason(body(fn(), [0xd0, 0x70, 0xd0, 0x70, I32C(0), 0x1b, 0x1a]))).toMatch(/^type mismatch/);
  });
});

describe('error offsets', () => {
  it('point at the instruction that breaks the rule', () => {
    // nop nop i64.const 0 i32.eqz: the mismatch is found at i32.eqz, byte 4 of the body.
    const m = body(fn(), [0x01, 0x01, 0x42, 0, 0x45, 0x1a]);
    const shifted = { ...m, codes: [{ ...m.codes[0]!, body: { ...m.codes[0]!.body, offset: 100 } }] };
    try {
      validateModule(shifted);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      expect((e as CompileError).kind).toBe('invalid');
      expect((e as CompileError).offset).toBe(104);
    }
  });
});

describe('nesting without recursion', () => {
  it('validates a function of 1,000,000 nested blocks', () => {
    const n = 1_000_000;
    const bytes = new Array<number>(n * 3);
    for (let i = 0; i < n; i++) { bytes[2 * i] = 0x02; bytes[2 * i + 1] = 0x40; }
    for (let i = 0; i < n; i++) bytes[2 * n + i] = END;
    expect(reason(body(fn(), [bytes]))).toBeNull();
  });
});
