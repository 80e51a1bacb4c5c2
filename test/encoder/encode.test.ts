/**
 * encodeModule and ByteWriter: LEB128 edge cases, every section from a hand-built Module against
 * hand-written bytes, custom section placement, and round trips through the decoder (every text
 * module of the suite re-encodes to the same bytes; every binary module re-encodes to a module
 * that decodes to the same structure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/encoder/writer.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { parseWast } from '../../src/text/index.js';
import type { Module } from '../../src/syntax/module.js';
import { AbsHeap, F64, FUNCREF, I32, I64, I8, refType } from '../../src/syntax/types.js';
import { listWastFiles, locateTestsuite } from '../../spec-tests/locate.js';

const hex = (bs: Iterable<number>): string => [...bs].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const w = (): ByteWriter => new ByteWriter();

describe('ByteWriter', () => {
  it('writes unsigned LEB128', () => {
    expect(hex(w().u32(0).u32(127).u32(128).u32(0xffffffff).finish())).toBe('00 7f 80 01 ff ff ff ff 0f');
    expect(hex(w().u64((1n << 64n) - 1n).finish())).toBe('ff ff ff ff ff ff ff ff ff 01');
  });
  it('writes signed LEB128 at the sign boundaries', () => {
    expect(hex(w().s32(63).s32(64).s32(-64).s32(-65).s32(-1).finish())).toBe('3f c0 00 40 bf 7f 7f');
    expect(hex(w().s64(-(1n << 63n)).finish())).toBe('80 80 80 80 80 80 80 80 80 7f');
    expect(hex(w().s64((1n << 63n) - 1n).finish())).toBe('ff ff ff ff ff ff ff ff ff 00');
  });
  it('writes types with the shorthand for nullable abstract references', () => {
    expect(hex(w().valType(I32).valType(FUNCREF).valType(refType(false, AbsHeap.Func)).valType(refType(true, 5)).finish()))
      .toBe('7f 70 64 70 63 05');
  });
  it('grows past its initial capacity', () => {
    const big = new Uint8Array(1000).map((_, i) => i & 0xff);
    const out = w().bytes(big).bytes(big).finish();
    expect(out.length).toBe(2000);
    expect(out[1999]).toBe(999 & 0xff);
  });
});

const i32Const = (n: number): { bytes: Uint8Array; offset: number } => ({ bytes: new Uint8Array([0x41, n, 0x0b]), offset: 0 });

function emptyModule(): Module {
  return {
    types: [], recGroups: [], imports: [], funcs: [], tables: [], memories: [], globals: [], tags: [], exports: [],
    start: null, elems: [], datas: [], dataCount: null, codes: [], customs: [], names: null,
  };
}

describe('encodeModule', () => {
  it('writes the header alone for an empty module', () => {
    expect(hex(encodeModule(emptyModule()))).toBe('00 61 73 6d 01 00 00 00');
  });

  it('writes every section in order', () => {
    const m: Module = {
      ...emptyModule(),
      types: [
        { final: true, supers: [], comp: { kind: 'func', params: [I32], results: [I64] } },
        { final: false, supers: [], comp: { kind: 'struct', fields: [{ type: I8, mutable: true }] } },
        { final: true, supers: [1], comp: { kind: 'struct', fields: [{ type: I8, mutable: true }, { type: F64, mutable: false }] } },
      ],
      recGroups: [{ start: 0, count: 1 }, { start: 1, count: 2 }],
      imports: [{ module: 'm', name: 'f', desc: { kind: 'func', typeIdx: 0 } },
        { module: 'm', name: 'g', desc: { kind: 'global', type: { type: I32, mutable: true } } }],
      funcs: [0],
      tables: [{ type: { limits: { min: 1, max: 2 }, elemType: FUNCREF, addrType: 'i32' }, init: null },
        { type: { limits: { min: 0, max: null }, elemType: FUNCREF, addrType: 'i64' }, init: { bytes: new Uint8Array([0xd0, 0x70, 0x0b]), offset: 0 } }],
      memories: [{ limits: { min: 1, max: 1 }, shared: true, addrType: 'i32', pageSizeLog2: 16 },
        { limits: { min: 0, max: null }, shared: false, addrType: 'i64', pageSizeLog2: 0 }],
      tags: [{ typeIdx: 0 }],
      globals: [{ type: { type: I32, mutable: false }, init: i32Const(5) }],
      exports: [{ name: 'f', kind: 'func', index: 1 }],
      start: 1,
      elems: [{ mode: 'active', table: 0, offset: i32Const(0), type: refType(false, AbsHeap.Func), funcIndices: Uint32Array.of(1), exprs: null, form: 0 },
        { mode: 'passive', table: 0, offset: null, type: FUNCREF, funcIndices: null, exprs: [{ bytes: new Uint8Array([0xd0, 0x70, 0x0b]), offset: 0 }], form: 5 }],
      dataCount: 2,
      codes: [{ locals: [{ count: 2, type: I64 }], numLocals: 2, body: { bytes: new Uint8Array([0x42, 0x00, 0x0b]), offset: 0 } }],
      datas: [{ mode: 'active', memory: 1, offset: i32Const(0), bytes: new Uint8Array([0xaa]), form: 2 },
        { mode: 'passive', memory: 0, offset: null, bytes: new Uint8Array([]), form: 1 }],
      customs: [{ name: 'a', bytes: new Uint8Array([1]), after: 0 }, { name: 'b', bytes: new Uint8Array([2]), after: 3 }],
    };
    const bytes = encodeModule(m);
    const sections: string[] = [];
    for (let p = 8; p < bytes.length;) {
      const id = bytes[p]!;
      const size = bytes[p + 1]!; // all sections here are shorter than 128 bytes
      sections.push(`${id}: ${hex(bytes.subarray(p + 2, p + 2 + size))}`);
      p += 2 + size;
    }
    expect(sections).toEqual([
      '0: 01 61 01',
      '1: 02 60 01 7f 01 7e 4e 02 50 00 5f 01 78 01 4f 01 01 5f 02 78 01 7c 00',
      '2: 02 01 6d 01 66 00 00 01 6d 01 67 03 7f 01',
      '3: 01 00',
      '0: 01 62 02',
      '4: 02 70 01 01 02 40 00 70 04 00 d0 70 0b',
      '5: 02 03 01 01 0c 00 00',
      '13: 01 00 00',
      '6: 01 7f 00 41 05 0b',
      '7: 01 01 66 00 01',
      '8: 01',
      '9: 02 00 41 00 0b 01 01 05 70 01 d0 70 0b',
      '12: 02',
      '10: 01 06 01 02 7e 42 00 0b',
      '11: 02 02 01 41 00 0b 01 aa 01 00',
    ]);
    const d = decodeModule(bytes, { customPageSizes: true });
    expect(d.memories).toEqual(m.memories);
    expect(d.customs.map((c) => [c.name, c.after])).toEqual([['a', 0], ['b', 3]]);
  });
});

/** A module's structure without the byte offsets that depend on where its parts sat. */
function normal(m: Module): unknown {
  return JSON.parse(JSON.stringify(m, (k, v) => {
    if (k === 'offset' && typeof v === 'number') return undefined;
    if (v instanceof Uint8Array || v instanceof Uint32Array) return [...v];
    if (v instanceof Map) return [...v];
    return v;
  }));
}

const root = locateTestsuite();
describe.skipIf(root === null)('round trips over the suite', () => {
  it('re-encodes every decodable module to the same structure (text modules: the same bytes)', () => {
    let text = 0, binary = 0;
    for (const file of listWastFiles(root!)) {
      if (file.startsWith('proposals/custom-descriptors/')) continue;
      const script = parseWast(readFileSync(join(root!, file), 'utf8'));
      for (const c of script.commands) {
        if (c.kind !== 'module' || c.module.bytes === null) continue;
        let m: Module;
        try {
          m = decodeModule(c.module.bytes, { customPageSizes: true });
        } catch {
          continue; // binary modules the decoder refuses are the decoder's tests
        }
        const again = encodeModule(m);
        if (c.module.source === 'text') {
          expect(hex(again), `${file}:${c.module.loc.line}`).toBe(hex(c.module.bytes));
          text++;
        } else {
          expect(normal(decodeModule(again, { customPageSizes: true })), `${file}:${c.module.loc.line}`).toEqual(normal(m));
          binary++;
        }
      }
    }
    expect(text).toBeGreaterThan(2000);
    expect(binary).toBeGreaterThan(20);
  });
});
