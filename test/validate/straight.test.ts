/**
 * The straight-line fast loop (validate/straight.ts) reads operators from the body bytes itself and
 * accepts only short encodings with operands of exactly the right types. These tests give it what
 * it must hand to the general path — multi-byte indices and constants, truncated immediates, memargs
 * it does not cover, other memories — and check the outcome is the general path's, and that it is
 * not used in constant expressions.
 */
import { describe, expect, it } from 'vitest';
import { F64, I32, I64 } from '../../src/syntax/types.js';
import { body, expr, fn, mem, mod, s, u } from './build.js';
import { reason } from './helpers.js';

const I32C = (n: number) => [0x41, ...s(n)];
const I64C = (n: number) => [0x42, ...s(n)];
const load = (align: number, offset: number, memIdx = -1) =>
  memIdx < 0 ? [0x28, ...u(align), ...u(offset)] : [0x28, ...u(align | 0x40), ...u(memIdx), ...u(offset)];
const store = (align: number, offset: number) => [0x36, ...u(align), ...u(offset)];
const withLocals = (locals: number[], results: number[], code: (number | number[])[]) =>
  body(fn([], results), code, { funcs: [{ type: 0, locals, body: [] }] });

describe('locals with multi-byte indices', () => {
  // 300 locals, local 257 the only i64. 257 is 0x81 0x02: its first byte alone would be local 129,
  // and the second a `block` opcode.
  const many = [...new Array<number>(257).fill(I32), I64, ...new Array<number>(42).fill(I32)];
  it('reads the whole LEB index, not its first byte', () => {
    expect(reason(withLocals(many, [I64], [0x20, ...u(257)]))).toBeNull();
    expect(reason(withLocals(many, [I32], [0x20, ...u(257)]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(withLocals(many, [], [I64C(1), 0x21, ...u(257)]))).toBeNull();
    expect(reason(withLocals(many, [], [I64C(1), 0x22, ...u(257), 0x1a]))).toBeNull();
    expect(reason(withLocals(many, [], [0x20, ...u(300), 0x1a]))).toBe('unknown local 300');
  });
  it('refuses an index byte that would be read past the body', () => {
    // local.get as the last operator before end: the index byte is the end opcode (0x0b), local 11.
    expect(reason(withLocals([I32], [], [0x20]))).toBe('unknown local 11');
  });
});

describe('constants', () => {
  it('accepts multi-byte constants', () => {
    expect(reason(body(fn([], [I32]), [I32C(100000), I32C(-1000), 0x6a]))).toBeNull();
    expect(reason(body(fn([], [I64]), [I64C(2 ** 40), I64C(-64), 0x7c]))).toBeNull();
    expect(reason(body(fn([], [F64]), [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f]))).toBeNull();
  });
  it('refuses an over-long constant with the decoder wording', () => {
    expect(reason(body(fn([], [I32]), [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]))).toBe('integer representation too long');
  });
  it('reports an f64 constant cut short by the end of the body as malformed', () => {
    const m = mod({ types: [fn()], extra: { funcs: [0], codes: [{ locals: [], numLocals: 0, body: expr(0x44, 0, 0, 0, 0x0b) }] } });
    expect(reason(m)).toBe('unexpected end of section or function');
  });
});

describe('loads and stores', () => {
  const mems = { memories: [mem()] };
  it('accepts the short memarg and the long one alike', () => {
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(2, 4)], mems))).toBeNull();
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(2, 4096)], mems))).toBeNull();
    expect(reason(body(fn(), [I32C(0), I32C(1), ...store(2, 0)], mems))).toBeNull();
  });
  it('refuses an alignment above natural, a missing memory, and wrong operands', () => {
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(3, 0)], mems))).toBe('alignment must not be larger than natural');
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(2, 0)]))).toBe('unknown memory 0');
    expect(reason(body(fn([], [I32]), [I64C(0), ...load(2, 0)], mems))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
    expect(reason(body(fn(), [I32C(0), I64C(1), ...store(2, 0)], mems))).toBe('type mismatch: instruction requires [i32 i32] but stack has [i32 i64]');
  });
  it('types addresses of a 64-bit memory as i64', () => {
    const m64 = { memories: [mem(1, null, 'i64')] };
    expect(reason(body(fn([], [I32]), [I64C(0), ...load(2, 0)], m64))).toBeNull();
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(2, 0)], m64))).toBe('type mismatch: instruction requires [i64] but stack has [i32]');
  });
  it('types an access to another memory by that memory', () => {
    const two = { memories: [mem(), mem(1, null, 'i64')] };
    expect(reason(body(fn([], [I32]), [I64C(0), ...load(2, 0, 1)], two))).toBeNull();
    expect(reason(body(fn([], [I32]), [I32C(0), ...load(2, 0, 1)], two))).toBe('type mismatch: instruction requires [i64] but stack has [i32]');
  });
});

describe('constant expressions', () => {
  it('are not typed by the fast loop (which would accept non-constant operators)', () => {
    const g = (init: (number | number[])[]) => reason(mod({ globals: [{ type: I32, init }] }));
    expect(g([I32C(1), I32C(2), 0x6a])).toBeNull();
    expect(g([I32C(1), 0x45])).toBe('constant expression required');
    expect(g([I32C(1), 0x6d])).toBe('constant expression required');
  });
});
