/**
 * Section-by-section decoding from hand-built binaries: what each section yields, and the
 * malformed-input errors each one owns.
 */
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import type { Module } from '../../src/syntax/module.js';
import {
  AbsHeap, EXTERNREF, F32, F64, FUNCREF, I16, I32, I64, I8, V128, refType,
} from '../../src/syntax/types.js';
import { CompileError } from '../../src/util/errors.js';
import { func, name, section, u32, vec, wasm, type Bytes } from './builder.js';

const END = 0x0b;
const I32_CONST = 0x41;

function malformedReason(bytes: Uint8Array): string {
  try {
    decodeModule(bytes);
  } catch (e) {
    if (e instanceof CompileError && e.kind === 'malformed') return e.reason;
    throw e;
  }
  throw new Error('decoded without error');
}

const typeSec = (...types: Bytes[]) => section(1, vec(types));
const FT_VOID: Bytes = [0x60, 0, 0];

describe('header', () => {
  it.each([
    [[], 'unexpected end'],
    [[0, 0x61, 0x73], 'unexpected end'],
    [[0, 0x61, 0x73, 0x6e, 1, 0, 0, 0], 'magic header not detected'],
    [[0, 0x61, 0x73, 0x6d, 2, 0, 0, 0], 'unknown binary version'],
    [[0, 0x61, 0x73, 0x6d, 1, 0, 0], 'unexpected end'],
  ])('%j → %s', (bytes, reason) => {
    expect(malformedReason(Uint8Array.from(bytes))).toBe(reason);
  });

  it('decodes the empty module to empty index spaces', () => {
    const m = decodeModule(wasm());
    expect(m.types).toEqual([]);
    expect(m.funcs).toEqual([]);
    expect(m.start).toBeNull();
    expect(m.dataCount).toBeNull();
    expect(m.names).toBeNull();
  });
});

describe('section framing', () => {
  it('rejects unknown section ids', () => {
    expect(malformedReason(wasm(section(14, [])))).toBe('malformed section id');
  });
  it('rejects a repeated or out-of-order section', () => {
    expect(malformedReason(wasm(typeSec(), typeSec()))).toBe('unexpected content after last section');
    expect(malformedReason(wasm(section(3, vec([])), typeSec()))).toBe('unexpected content after last section');
    // The tag section (13) comes after memory (5) and before global (6).
    expect(() => decodeModule(wasm(section(5, vec([])), section(13, vec([])), section(6, vec([]))))).not.toThrow();
    expect(malformedReason(wasm(section(6, vec([])), section(13, vec([]))))).toBe('unexpected content after last section');
  });
  it('rejects a section whose contents do not fill its declared size', () => {
    expect(malformedReason(wasm(section(1, [...vec([FT_VOID]), 0x00])))).toBe('section size mismatch');
  });
  it('rejects a section size beyond the module', () => {
    expect(malformedReason(wasm([1, 10, 0]))).toBe('length out of bounds');
  });
  it('refuses a huge declared count quickly, without allocating for it', () => {
    const t0 = performance.now();
    for (const id of [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13]) {
      const reason = malformedReason(wasm(section(id, [...u32(0xffffffff), 0x60])));
      expect(reason).toBe('length out of bounds');
    }
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('type section', () => {
  it('decodes function types, rec groups, sub types and packed fields', () => {
    const m = decodeModule(wasm(typeSec(
      [0x60, ...vec([[0x7f], [0x7e]]), ...vec([[0x7d], [0x7c], [0x7b]])],
      [0x4e, ...vec([
        [0x50, ...vec([]), 0x5f, ...vec([[0x78, 0], [0x77, 1], [0x63, 0x70, 1]])],
        [0x4f, ...vec([[1]]), 0x5e, 0x64, 0x01, 0],
      ])],
      [0x5e, 0x6f, 1],
    )));
    expect(m.types).toEqual([
      { final: true, supers: [], comp: { kind: 'func', params: [I32, I64], results: [F32, F64, V128] } },
      { final: false, supers: [], comp: { kind: 'struct', fields: [
        { type: I8, mutable: false }, { type: I16, mutable: true }, { type: FUNCREF, mutable: true }] } },
      { final: true, supers: [1], comp: { kind: 'array', field: { type: refType(false, 1), mutable: false } } },
      { final: true, supers: [], comp: { kind: 'array', field: { type: EXTERNREF, mutable: true } } },
    ]);
    expect(m.recGroups).toEqual([{ start: 0, count: 1 }, { start: 1, count: 2 }, { start: 3, count: 1 }]);
  });
  it.each([
    [[0x5d], 'malformed definition type'],
    [[0x5e, 0x78, 2], 'malformed mutability'],
    [[0x5e, 0x76, 0], 'malformed storage type'],
    [[0x60, 1, 0x70 - 0x10, 0], 'malformed reference type'],
  ])('%j → %s', (t, reason) => {
    expect(malformedReason(wasm(typeSec(t)))).toBe(reason);
  });
});

describe('import section', () => {
  it('decodes all five kinds, with table64, shared and 64-bit memories', () => {
    const m = decodeModule(wasm(typeSec(FT_VOID), section(2, vec([
      [...name('m'), ...name('f'), 0x00, 0],
      [...name('m'), ...name('t'), 0x01, 0x70, 0x05, 1, 2],
      [...name('m'), ...name('mem'), 0x02, 0x03, 1, 2],
      [...name('m'), ...name('mem64'), 0x02, 0x04, 7],
      [...name('m'), ...name('g'), 0x03, 0x7e, 1],
      [...name('m'), ...name('tag'), 0x04, 0x00, 0],
    ]))));
    expect(m.imports.map((i) => [i.module, i.name, i.desc])).toEqual([
      ['m', 'f', { kind: 'func', typeIdx: 0 }],
      ['m', 't', { kind: 'table', type: { elemType: FUNCREF, limits: { min: 1, max: 2 }, addrType: 'i64' } }],
      ['m', 'mem', { kind: 'memory', type: { limits: { min: 1, max: 2 }, shared: true, addrType: 'i32', pageSizeLog2: 16 } }],
      ['m', 'mem64', { kind: 'memory', type: { limits: { min: 7, max: null }, shared: false, addrType: 'i64', pageSizeLog2: 16 } }],
      ['m', 'g', { kind: 'global', type: { type: I64, mutable: true } }],
      ['m', 'tag', { kind: 'tag', typeIdx: 0 }],
    ]);
  });
  it('rejects an unknown import kind and bad UTF-8 names', () => {
    expect(malformedReason(wasm(section(2, vec([[...name('m'), ...name('x'), 0x05, 0]]))))).toBe('malformed import kind');
    expect(malformedReason(wasm(section(2, vec([[1, 0xff, ...name('x'), 0x00, 0]]))))).toBe('malformed UTF-8 encoding');
  });
});

describe('table and memory sections', () => {
  it('decodes plain tables and tables with an initialiser expression', () => {
    const m = decodeModule(wasm(section(4, vec([
      [0x6f, 0x00, 3],
      [0x40, 0x00, 0x64, 0x70, 0x01, 1, 4, 0xd2, 0, END],
    ]))));
    expect(m.tables[0]).toEqual({ type: { elemType: EXTERNREF, limits: { min: 3, max: null }, addrType: 'i32' }, init: null });
    expect(m.tables[1]!.type).toEqual({ elemType: refType(false, AbsHeap.Func), limits: { min: 1, max: 4 }, addrType: 'i32' });
    expect([...m.tables[1]!.init!.bytes]).toEqual([0xd2, 0, END]);
  });
  it('rejects a table initialiser form without its zero byte', () => {
    expect(malformedReason(wasm(section(4, vec([[0x40, 0x01, 0x70, 0x00, 1, 0xd0, 0x70, END]]))))).toBe('malformed reference type');
  });
  it('rejects limits flags outside the format', () => {
    expect(malformedReason(wasm(section(4, vec([[0x70, 0x02, 0]]))))).toBe('malformed limits flags');
    expect(malformedReason(wasm(section(5, vec([[0x08, 0]]))))).toBe('malformed limits flags');
    expect(malformedReason(wasm(section(5, vec([[0x10, 0]]))))).toBe('malformed limits flags');
  });
  it('reads a custom page size only when that proposal is enabled', () => {
    const bytes = wasm(section(5, vec([[0x08, 1, 0], [0x09, 0, 2, 16]])));
    const m = decodeModule(bytes, { customPageSizes: true });
    expect(m.memories.map((t) => [t.limits, t.pageSizeLog2])).toEqual([[{ min: 1, max: null }, 0], [{ min: 0, max: 2 }, 16]]);
    expect(malformedReason(wasm(section(5, vec([[0x08, 0, 65]]))))).toBe('malformed limits flags');
  });
});

describe('globals, exports, start, tags', () => {
  it('finds the extent of each initialiser', () => {
    const m = decodeModule(wasm(section(6, vec([
      [0x7f, 0, I32_CONST, 1, I32_CONST, 2, 0x6a, END],
      [0x7d, 1, 0x43, 0, 0, 0x80, 0x3f, END],
    ]))));
    expect(m.globals.map((g) => [g.type, [...g.init.bytes]])).toEqual([
      [{ type: I32, mutable: false }, [I32_CONST, 1, I32_CONST, 2, 0x6a, END]],
      [{ type: F32, mutable: true }, [0x43, 0, 0, 0x80, 0x3f, END]],
    ]);
    expect(m.globals[1]!.init.offset).toBe(8 + 2 + 1 + 2 + 6 + 2);
  });
  it('rejects a bad mutability byte and an initialiser without end', () => {
    expect(malformedReason(wasm(section(6, vec([[0x7f, 2, I32_CONST, 0, END]]))))).toBe('malformed mutability');
    expect(malformedReason(wasm(section(6, vec([[0x7f, 0, I32_CONST, 0]]))))).toBe('unexpected end of section or function');
  });
  it('decodes exports of every kind, the start function and tags', () => {
    const m = decodeModule(wasm(typeSec(FT_VOID), section(13, vec([[0, 0]])), section(7, vec([
      [...name('f'), 0, 0], [...name('t'), 1, 1], [...name('m'), 2, 2], [...name('g'), 3, 3], [...name('e'), 4, 4],
    ])), section(8, u32(5))));
    expect(m.tags).toEqual([{ typeIdx: 0 }]);
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).toEqual([
      ['f', 'func', 0], ['t', 'table', 1], ['m', 'memory', 2], ['g', 'global', 3], ['e', 'tag', 4],
    ]);
    expect(m.start).toBe(5);
    expect(malformedReason(wasm(section(7, vec([[...name('x'), 5, 0]]))))).toBe('malformed export kind');
  });
});

describe('element section', () => {
  const off = [I32_CONST, 0, END];
  const ref0 = [0xd2, 0, END];
  it('decodes all eight forms', () => {
    const m = decodeModule(wasm(section(9, vec([
      [0, ...off, ...vec([[0], [1]])],
      [1, 0x00, ...vec([[2]])],
      [2, 3, ...off, 0x00, ...vec([[4]])],
      [3, 0x00, ...vec([[5]])],
      [4, ...off, ...vec([ref0])],
      [5, 0x6f, ...vec([[0xd0, 0x6f, END]])],
      [6, 1, ...off, 0x70, ...vec([ref0, ref0])],
      [7, 0x70, ...vec([ref0])],
    ]))));
    const REF_FUNC = refType(false, AbsHeap.Func);
    expect(m.elems.map((e) => [e.form, e.mode, e.table, e.offset !== null, e.type,
      e.funcIndices && [...e.funcIndices], e.exprs && e.exprs.map((x) => [...x.bytes])])).toEqual([
      [0, 'active', 0, true, REF_FUNC, [0, 1], null],
      [1, 'passive', 0, false, REF_FUNC, [2], null],
      [2, 'active', 3, true, REF_FUNC, [4], null],
      [3, 'declarative', 0, false, REF_FUNC, [5], null],
      [4, 'active', 0, true, FUNCREF, null, [ref0]],
      [5, 'passive', 0, false, EXTERNREF, null, [[0xd0, 0x6f, END]]],
      [6, 'active', 1, true, FUNCREF, null, [ref0, ref0]],
      [7, 'declarative', 0, false, FUNCREF, null, [ref0]],
    ]);
  });
  it('rejects unknown forms and element kinds', () => {
    expect(malformedReason(wasm(section(9, vec([[8]]))))).toBe('malformed elements segment kind');
    expect(malformedReason(wasm(section(9, vec([[1, 0x01, 0]]))))).toBe('malformed element kind');
  });
});

describe('code, data and data count sections', () => {
  const typeAndFunc = [typeSec(FT_VOID), section(3, vec([[0]]))];
  it('keeps each body as a view of the module bytes, with its locals', () => {
    const bytes = wasm(...typeAndFunc, section(10, vec([func([[2, 0x7f], [0xffffffff - 2, 0x7e]], [0x01, END])])));
    const m: Module = decodeModule(bytes);
    const code = m.codes[0]!;
    expect(code.locals).toEqual([{ count: 2, type: I32 }, { count: 0xffffffff - 2, type: I64 }]);
    expect(code.numLocals).toBe(0xffffffff);
    expect([...code.body.bytes]).toEqual([0x01, END]);
    expect(code.body.bytes.buffer).toBe(bytes.buffer);
    expect(bytes[code.body.offset]).toBe(0x01);
  });
  it('rejects 2^32 locals, a missing end and mismatched function/code counts', () => {
    expect(malformedReason(wasm(...typeAndFunc, section(10, vec([func([[0xffffffff, 0x7f], [1, 0x7f]], [END])])))))
      .toBe('too many locals');
    expect(malformedReason(wasm(...typeAndFunc, section(10, vec([func([], [0x01])])))))
      .toBe('unexpected end of section or function');
    expect(malformedReason(wasm(...typeAndFunc))).toBe('function and code section have inconsistent lengths');
    expect(malformedReason(wasm(typeSec(FT_VOID), section(10, vec([func([], [END])])))))
      .toBe('function and code section have inconsistent lengths');
  });
  it('decodes the three data segment forms as views', () => {
    const bytes = wasm(section(12, u32(3)), section(11, vec([
      [0, I32_CONST, 8, END, ...vec([[1], [2]])],
      [1, ...vec([[3]])],
      [2, 1, I32_CONST, 0, END, ...vec([])],
    ])));
    const m = decodeModule(bytes);
    expect(m.dataCount).toBe(3);
    expect(m.datas.map((d) => [d.form, d.mode, d.memory, d.offset && [...d.offset.bytes], [...d.bytes]])).toEqual([
      [0, 'active', 0, [I32_CONST, 8, END], [1, 2]],
      [1, 'passive', 0, null, [3]],
      [2, 'active', 1, [I32_CONST, 0, END], []],
    ]);
    expect(m.datas[0]!.bytes.buffer).toBe(bytes.buffer);
    expect(malformedReason(wasm(section(11, vec([[3]]))))).toBe('malformed data segment kind');
  });
  it('checks the data count against the data section', () => {
    expect(malformedReason(wasm(section(12, u32(2)), section(11, vec([[1, 0]])))))
      .toBe('data count and data section have inconsistent lengths');
    expect(malformedReason(wasm(section(12, u32(1))))).toBe('data count and data section have inconsistent lengths');
  });
  it('requires a data count section for memory.init and data.drop', () => {
    const dataDrop = [0xfc, 9, 0, END];
    const data = section(11, vec([[1, 0]]));
    expect(malformedReason(wasm(...typeAndFunc, section(10, vec([func([], dataDrop)])), data)))
      .toBe('data count section required');
    expect(() => decodeModule(wasm(...typeAndFunc, section(12, u32(1)), section(10, vec([func([], dataDrop)])), data)))
      .not.toThrow();
    // A 0xFC byte that is an immediate, not an opcode, is no reason to refuse.
    expect(() => decodeModule(wasm(...typeAndFunc, section(10, vec([func([], [I32_CONST, 0xfc, 0x09, 0x1a, END])])))))
      .not.toThrow();
  });
});

describe('custom and name sections', () => {
  it('keeps custom sections with the id of the section they follow', () => {
    const m = decodeModule(wasm(section(0, [...name('a'), 1, 2]), typeSec(), section(0, name('b'))));
    expect(m.customs.map((c) => [c.name, [...c.bytes], c.after])).toEqual([['a', [1, 2], 0], ['b', [], 1]]);
  });
  it('parses the name section subsections', () => {
    const sub = (id: number, content: Bytes) => [id, ...u32(content.length), ...content];
    const nameMap = (pairs: [number, string][]) => vec(pairs.map(([i, s]) => [...u32(i), ...name(s)]));
    const indirect = (entries: [number, [number, string][]][]) => vec(entries.map(([i, m]) => [...u32(i), ...nameMap(m)]));
    const m = decodeModule(wasm(section(0, [...name('name'),
      ...sub(0, name('mod')),
      ...sub(1, nameMap([[0, 'f0'], [2, 'f2']])),
      ...sub(2, indirect([[0, [[0, 'x'], [1, 'y']]]])),
      ...sub(3, indirect([[2, [[0, 'l']]]])),
      ...sub(4, nameMap([[0, 'T']])),
      ...sub(7, nameMap([[1, 'g']])),
      ...sub(10, indirect([[0, [[1, 'fld']]]])),
      ...sub(11, nameMap([[0, 'tag']])),
      ...sub(42, [1, 2, 3]),
    ])));
    const n = m.names!;
    expect(n.module).toBe('mod');
    expect([...n.funcs]).toEqual([[0, 'f0'], [2, 'f2']]);
    expect([...n.locals.get(0)!]).toEqual([[0, 'x'], [1, 'y']]);
    expect([...n.labels.get(2)!]).toEqual([[0, 'l']]);
    expect([...n.types]).toEqual([[0, 'T']]);
    expect([...n.globals]).toEqual([[1, 'g']]);
    expect([...n.fields.get(0)!]).toEqual([[1, 'fld']]);
    expect([...n.tags]).toEqual([[0, 'tag']]);
    expect(m.customs[0]!.name).toBe('name');
  });
  it('ignores a malformed name section instead of failing', () => {
    const m = decodeModule(wasm(section(0, [...name('name'), 1, 5, 1, 0, 9, 0x61])));
    expect(m.names).toBeNull();
    expect(m.customs.length).toBe(1);
  });
});

describe('error offsets', () => {
  function offsetOf(bytes: Uint8Array): number {
    try {
      decodeModule(bytes);
    } catch (e) {
      if (e instanceof CompileError) return e.offset;
      throw e;
    }
    throw new Error('decoded without error');
  }
  it('points at the byte where the problem is', () => {
    // Header is 8 bytes; the section id byte follows.
    expect(offsetOf(wasm(section(14, [])))).toBe(8);
    // type section: id, size, count, then the bad type constructor at 11.
    expect(offsetOf(wasm(typeSec([0x5d])))).toBe(11);
    // An illegal opcode inside a constant expression: id, size, count, type, mut, opcode at 13.
    expect(offsetOf(wasm(section(6, vec([[0x7f, 0, 0x27, END]]))))).toBe(13);
    expect(offsetOf(Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toBe(4);
  });
  it('counts offsets from the start of the given bytes, even in a larger buffer', () => {
    const inner = wasm(typeSec([0x5d]));
    const outer = new Uint8Array(inner.length + 100);
    outer.set(inner, 50);
    expect(offsetOf(outer.subarray(50, 50 + inner.length))).toBe(11);
  });
});
