/**
 * Every SIMD instruction of the opcode table is accepted by exactly the entry point its signature
 * and immediates call for, and refused (with an internal error, not a trap) by the others — so a
 * translator that routes an instruction wrongly finds out at once instead of computing garbage.
 */
import { describe, expect, it } from 'vitest';
import { MemoryInst } from '../../../src/core/memory.js';
import {
  simdBinary, simdExtractLane, simdLoad, simdLoadLane, simdReplaceLane, simdShift, simdSplat, simdStoreLane,
  simdTernary, simdTest, simdUnary,
} from '../../../src/interp/simd/index.js';
import { Imm, OPCODES, PREFIX_SIMD, type OpInfo } from '../../../src/syntax/opcodes.js';
import { Trap } from '../../../src/util/errors.js';

const mem = new MemoryInst({ limits: { min: 1, max: null }, shared: false, addrType: 'i32', pageSizeLog2: 16 });
const w = new Int32Array(32);

type Entry = [name: string, run: (code: number) => void];
const ENTRIES: Entry[] = [
  ['unary', (c) => simdUnary(c, w, 16, 0)],
  ['binary', (c) => simdBinary(c, w, 16, 0, 4)],
  ['ternary', (c) => simdTernary(c, w, 16, 0, 4, 8)],
  ['shift', (c) => simdShift(c, w, 16, 0, 3)],
  ['test', (c) => void simdTest(c, w, 0)],
  ['splat', (c) => simdSplat(c, w, 16, 1, 2)],
  ['extract', (c) => simdExtractLane(c, w, 16, 0, 1)],
  ['replace', (c) => simdReplaceLane(c, w, 16, 0, 1, 5, 6)],
  ['load', (c) => simdLoad(c, mem, 64, w, 16)],
  ['loadLane', (c) => simdLoadLane(c, mem, 64, w, 16, 0, 1)],
  ['storeLane', (c) => simdStoreLane(c, mem, 64, w, 0, 1)],
];

/** The entry point an instruction belongs to, from the opcode table alone. */
function entryFor(op: OpInfo): string | null {
  const [params, result] = op.sig!.split('>') as [string, string];
  if (op.imm === Imm.Memarg) return op.name === 'v128.store' ? null : 'load'; // store has no code argument
  if (op.imm === Imm.MemargLane) return op.name.includes('store') ? 'storeLane' : 'loadLane';
  if (op.imm === Imm.Lane) return result === 'v' ? 'replace' : 'extract';
  if (op.imm !== Imm.None) return null; // v128.const, i8x16.shuffle: no code argument
  if (result !== 'v') return 'test';
  if (params === 'v') return 'unary';
  if (params === 'vv') return 'binary';
  if (params === 'vvv') return 'ternary';
  if (params === 'vi') return 'shift';
  return 'splat';
}

const OPS = OPCODES.filter((o) => o.code >>> 16 === PREFIX_SIMD && entryFor(o) !== null);

describe('SIMD entry points', () => {
  it('cover the whole SIMD table', () => {
    expect(OPS.length).toBeGreaterThan(230);
  });

  it.each(OPS.map((o) => [o.name, o] as const))('%s goes to its own entry point only', (_n, op) => {
    const mine = entryFor(op);
    for (const [name, run] of ENTRIES) {
      if (name === mine) {
        expect(() => run(op.code), name).not.toThrow();
      } else {
        let err: unknown = null;
        try { run(op.code); } catch (e) { err = e; }
        expect(err, `${op.name} via ${name}`).toBeInstanceOf(Error);
        expect(err).not.toBeInstanceOf(Trap);
      }
    }
  });
});
