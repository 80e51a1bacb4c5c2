/**
 * The JS API's implementation limits, after the spec's test/js-api/limits.any.js: at each limit a
 * module compiles and validates; one past it, `validate` says false and `Module` / `compile`
 * refuse it with CompileError. The limits counting a million items (types, functions, globals,
 * element segments) and the function-size limit (7,654,321 bytes) are not built here: modules at
 * those scales take many seconds to decode and validate.
 * The table-size limit is dynamic: such a module compiles, and instantiating it is a RangeError.
 */
import { describe, expect, test } from 'vitest';
import { WebAssembly as WA } from '../../src/jsapi/index.js';
import { LIMITS } from '../../src/jsapi/limits.js';
import { rejected, thrown } from './helpers.js';
import { u as leb } from '../validate/build.js';


function section(id: number, items: number[][]): number[] {
  const body = [...leb(items.length), ...items.flat()];
  return [id, ...leb(body.length), ...body];
}

function moduleBytes(...sections: number[][]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections.flat()]);
}

const I32 = 0x7f;
const funcType = (params: number, results: number): number[] => [0x60, ...leb(params), ...new Array(params).fill(I32), ...leb(results), ...new Array(results).fill(I32)];
const VOID_TYPE = section(1, [funcType(0, 0)]);
const name = (s: string): number[] => [s.length, ...new TextEncoder().encode(s)];

/** Each limit with a module builder for `n` of the counted things. */
const CASES: ReadonlyArray<readonly [string, number, (n: number) => Uint8Array<ArrayBuffer>]> = [
  ['function params', LIMITS.functionParams, (n) => moduleBytes(section(1, [funcType(n, 0)]))],
  ['function results', LIMITS.functionResults, (n) => moduleBytes(section(1, [funcType(0, n)]))],
  ['function locals', LIMITS.functionLocals, (n) => moduleBytes(VOID_TYPE, section(3, [[0]]), section(10, [[...leb(leb(n).length + 3), 1, ...leb(n), I32, 0x0b]]))],
  ['imports', LIMITS.imports, (n) => moduleBytes(VOID_TYPE, section(2, Array.from({ length: n }, () => [0, 0, 0x00, 0])))],
  ['exports', LIMITS.exports, (n) => moduleBytes(VOID_TYPE, section(3, [[0]]), section(7, Array.from({ length: n }, (_, i) => [...name(`f${i}`), 0x00, 0])), section(10, [[2, 0, 0x0b]]))],
  ['data segments', LIMITS.dataSegments, (n) => moduleBytes(section(5, [[0, 1]]), section(11, Array.from({ length: n }, () => [0, 0x41, 0, 0x0b, 0])))],
  ['memories', LIMITS.memories, (n) => moduleBytes(section(2, Array.from({ length: n }, () => [0, 0, 0x02, 1, 1, 1])))],
  ['tables', LIMITS.tables, (n) => moduleBytes(section(2, Array.from({ length: n }, () => [0, 0, 0x01, 0x70, 1, 1, 1])))],
];

describe('static limits', () => {
  test.each(CASES)('%s: the limit compiles, one more is a CompileError', async (_what, limit, build) => {
    expect(WA.validate(build(limit))).toBe(true);
    const over = build(limit + 1);
    expect(WA.validate(over)).toBe(false);
    expect(thrown(() => new WA.Module(over))).toBeInstanceOf(WA.CompileError);
    expect(await rejected(WA.compile(over))).toBeInstanceOf(WA.CompileError);
  }, 60_000);
});

describe('dynamic limits', () => {
  const table = (min: number, max?: number): Uint8Array<ArrayBuffer> =>
    moduleBytes(section(4, [[0x70, max === undefined ? 0 : 1, ...leb(min), ...(max === undefined ? [] : leb(max))]]));

  test('a module table past 10,000,000 elements compiles, and instantiating it is a RangeError', async () => {
    const bytes = table(10_000_001);
    expect(WA.validate(bytes)).toBe(true);
    const m = new WA.Module(bytes);
    expect(thrown(() => new WA.Instance(m))).toBeInstanceOf(RangeError);
    expect(await rejected(WA.instantiate(m))).toBeInstanceOf(RangeError);
  });

  test('a maximum past the limit is fine; growing past it is a RangeError', () => {
    expect(new WA.Instance(new WA.Module(table(1, 10_000_001)))).toBeInstanceOf(WA.Instance);
    const t = new WA.Table({ element: 'anyfunc', initial: 1, maximum: 10_000_001 });
    expect(thrown(() => t.grow(10_000_000))).toBeInstanceOf(RangeError);
    expect(thrown(() => new WA.Table({ element: 'anyfunc', initial: 10_000_001 }))).toBeInstanceOf(RangeError);
  });
});
