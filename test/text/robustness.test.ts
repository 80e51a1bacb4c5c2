/**
 * Malformed text never crashes the parser: seeded mutations of the suite's scripts (spliced
 * tokens, cut ranges) either parse or throw ParseError — never a TypeError, RangeError or a stack
 * overflow. Also: pathological inputs stay fast (huge exponents, long digit runs, many types).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWast, parseWat } from '../../src/text/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { ParseError } from '../../src/util/errors.js';
import { locateTestsuite } from '../../spec-tests/locate.js';

const PIECES = ['(', ')', ' ', '$x', '"a"', '0', '-1', 'i32', 'func', 'block', 'end', 'nan:0x1', '0x1p1', '(@a', ';;', '(;',
  '\\', 'param', 'result', 'type', '(ref null', 'v128.const i32x4', 'offset=', 'align=3', '1e400', 'else', 'then', '"\\80"'];

const root = locateTestsuite();
describe.skipIf(root === null)('mutated scripts', () => {
  it('either parse or throw ParseError', () => {
    const texts = readdirSync(root!).filter((f) => f.endsWith('.wast')).map((f) => readFileSync(join(root!, f), 'utf8'));
    let seed = 20261125;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const crashes: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = texts[rnd(texts.length)]!;
      const start = rnd(Math.max(1, t.length - 2000));
      let s = t.slice(start, start + 200 + rnd(1800));
      for (let k = 0; k < 1 + rnd(4); k++) {
        const p = rnd(s.length + 1);
        const op = rnd(3);
        if (op === 0) s = s.slice(0, p) + PIECES[rnd(PIECES.length)] + s.slice(p);
        else if (op === 1) s = s.slice(0, p) + s.slice(p + 1 + rnd(10));
        else s = s.slice(0, p) + s.slice(rnd(s.length));
      }
      for (const parse of [(): unknown => parseWast(s), (): unknown => encodeModule(parseWat(s))]) {
        try {
          parse();
        } catch (e) {
          if (!(e instanceof ParseError)) crashes.push(`${String(e)} for ${JSON.stringify(s.slice(0, 200))}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });
});

describe('pathological inputs', () => {
  it('settles huge exponents and long digit runs quickly', () => {
    const t0 = Date.now();
    expect(() => parseWat('(func f64.const 1e99999999999 drop)')).toThrow(/constant out of range/);
    expect(parseWat('(func f64.const 1e-99999999999 drop)').codes[0]!.body.bytes.length).toBe(11);
    expect(() => parseWat(`(func f32.const 0x1p${'9'.repeat(5000)} drop)`)).toThrow(/constant out of range/);
    parseWat(`(func f64.const 0.${'3'.repeat(20000)} drop)`);
    expect(() => parseWat(`(func i64.const ${'9'.repeat(100000)} drop)`)).toThrow(/constant out of range/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
  it('parses 20,000 functions with distinct signatures in linear time', () => {
    const params = (i: number): string => [...i.toString(2)].map((b) => (b === '1' ? 'i64' : 'i32')).join(' ');
    const wat = Array.from({ length: 20000 }, (_, i) => `(func (param ${params(i + 1)}))`).join('\n');
    const t0 = Date.now();
    const m = parseWat(wat);
    expect(m.types.length).toBe(20000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
