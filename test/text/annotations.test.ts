/**
 * @custom annotations become custom sections at the place they ask for, and survive encoding and
 * decoding in that place; malformed ones are refused with the proposal's wording.
 */
import { describe, expect, it } from 'vitest';
import { parseWat } from '../../src/text/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { SectionId } from '../../src/syntax/module.js';
import { ParseError } from '../../src/util/errors.js';

/** Section ids of a binary in order, customs shown by name. */
function layout(bytes: Uint8Array): (number | string)[] {
  const out: (number | string)[] = [];
  for (let p = 8; p < bytes.length;) {
    const id = bytes[p]!;
    let size = 0, shift = 0, q = p + 1;
    for (;;) {
      const b = bytes[q++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    out.push(id === 0 ? String.fromCharCode(...bytes.subarray(q + 1, q + 1 + bytes[q]!)) : id);
    p = q + size;
  }
  return out;
}

describe('@custom placement', () => {
  const fields = '(type (func)) (func) (memory 1) (global i32 (i32.const 0)) (export "f" (func 0)) (data (i32.const 0) "")';
  const cases: [string, number][] = [
    ['(before first)', 0], ['(before type)', 0], ['(after type)', SectionId.Type], ['(before func)', SectionId.Import],
    ['(after func)', SectionId.Function], ['(before global)', SectionId.Tag], ['(after code)', SectionId.Code],
    ['(after last)', SectionId.Data], ['', SectionId.Data],
  ];
  for (const [placement, after] of cases) {
    it(`${placement || 'default'} → after section ${after}`, () => {
      const m = parseWat(`(@custom "c" ${placement} "x") ${fields}`);
      expect(m.customs).toEqual([{ name: 'c', bytes: new Uint8Array([0x78]), after }]);
    });
  }
  it('keeps the order of the binary', () => {
    const m = parseWat(`(@custom "a" (after func)) (@custom "b" (before first)) (@custom "c" (before data)) ${fields}`);
    expect(layout(encodeModule(m))).toEqual(['b', 1, 3, 'a', 5, 6, 7, 10, 'c', 11]);
    expect(decodeModule(encodeModule(m)).customs.map((c) => [c.name, c.after])).toEqual([['b', 0], ['a', 3], ['c', 10]]);
  });
  it('keeps an empty section that a custom section follows', () => {
    const bytes = encodeModule(parseWat('(@custom "t" (after table)) (func)'));
    expect(layout(bytes)).toEqual([1, 3, 4, 't', 10]);
  });
});

describe('@custom errors', () => {
  const reason = (wat: string): string => {
    try {
      parseWat(wat);
    } catch (e) {
      if (e instanceof ParseError) return e.reason;
    }
    return 'accepted';
  };
  it('uses the proposal wording', () => {
    expect(reason('(@custom)')).toBe('@custom annotation: missing section name');
    expect(reason('(@custom bla)')).toBe('@custom annotation: missing section name');
    expect(reason('(@custom "\\df")')).toBe('@custom annotation: malformed UTF-8 encoding');
    expect(reason('(@custom "a" here)')).toBe('@custom annotation: unexpected token');
    expect(reason('(@custom "a" (after))')).toBe('@custom annotation: malformed section kind');
    expect(reason('(@custom "a" (type))')).toBe('@custom annotation: malformed placement');
    expect(reason('(@custom "a" (after bogus))')).toBe('@custom annotation: malformed section kind');
    expect(reason('(memory 1 (@custom "a"))')).toBe('misplaced @custom annotation');
  });
  it('drops a @custom nested in another annotation', () => {
    expect(parseWat('(@other (@custom "a")) (func)').customs).toEqual([]);
  });
});
