/**
 * Every instruction in the opcode table is typed by the validator: none falls through to
 * "unknown operator". Each is placed after `unreachable` (so operand types do not matter) with
 * zero-ish immediates in a module that has a memory, a table, a tag, a data and an element segment.
 */
import { describe, expect, it } from 'vitest';
import { Imm, OPCODES, type OpInfo } from '../../src/syntax/opcodes.js';
import { FUNCREF, I32 } from '../../src/syntax/types.js';
import { body, fn, mem, table, u } from './build.js';
import { reason } from './helpers.js';

function immediates(op: OpInfo): number[] {
  switch (op.imm) {
    case Imm.None: return [];
    case Imm.Block: return [0x40];
    case Imm.BrTable: return [0, 0];
    case Imm.CallIndirect: case Imm.StructField: case Imm.TypeCount: case Imm.TypeType: case Imm.TypeData:
    case Imm.TypeElem: case Imm.MemoryInit: case Imm.MemoryCopy: case Imm.TableInit: case Imm.TableCopy:
      return [0, 0];
    case Imm.Memarg: return [0, 0];
    case Imm.MemargLane: return [0, 0, 0];
    case Imm.I32: case Imm.I64: case Imm.Lane: case Imm.Zero: return [0];
    case Imm.F32: return [0, 0, 0, 0];
    case Imm.F64: return [0, 0, 0, 0, 0, 0, 0, 0];
    case Imm.V128: case Imm.Shuffle: return new Array<number>(16).fill(0);
    case Imm.SelectT: return [1, 0x7f];
    case Imm.HeapType: return [0x70];
    case Imm.TryTable: return [0x40, 0];
    case Imm.BrOnCast: return [0, 0, 0x70, 0x70];
    default: return [0]; // a single index
  }
}

function encode(code: number): number[] {
  return code > 0xff ? [code >>> 16, ...u(code & 0xffff)] : [code];
}

describe('instruction coverage', () => {
  it('types every instruction of the opcode table', () => {
    const unknown: string[] = [];
    for (const op of OPCODES) {
      // Structured instructions need their partner; they are covered by the control tests.
      if (['else', 'end', 'catch', 'catch_all', 'delegate'].includes(op.name)) continue;
      const m = body(fn(), [0x00, ...encode(op.code), ...immediates(op), ...(op.imm === Imm.Block || op.imm === Imm.TryTable ? [0x0b] : [])], {
        types: [fn([I32])],
        memories: [mem()],
        tables: [table(1, FUNCREF)],
        extra: {
          tags: [{ typeIdx: 0 }], dataCount: 1,
          datas: [{ mode: 'passive', memory: 0, offset: null, bytes: new Uint8Array(1), form: 1 }],
          elems: [{ mode: 'passive', table: 0, offset: null, type: FUNCREF, funcIndices: new Uint32Array(0), exprs: null, form: 1 }],
        },
      });
      const r = reason(m);
      if (r !== null && r.startsWith('unknown operator')) unknown.push(op.name);
    }
    expect(unknown).toEqual([]);
  });
});
