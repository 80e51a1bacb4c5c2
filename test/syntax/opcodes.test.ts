import { describe, expect, it } from 'vitest';
import { OPCODES, opByCode, opByName, opName } from '../../src/syntax/opcodes.js';

describe('opcode table', () => {
  it('has unique codes', () => {
    const codes = new Set(OPCODES.map((o) => o.code));
    expect(codes.size).toBe(OPCODES.length);
  });
  it('maps names and codes both ways', () => {
    expect(opByName('i32.add')!.code).toBe(0x6a);
    expect(opByCode(0xfd0000)!.name).toBe('v128.load');
    expect(opByName('select')!.code).toBe(0x1b);
    expect(opName(0xfb0017)).toBe('ref.cast');
    expect(opByName('i64.atomic.rmw32.cmpxchg_u')!.code).toBe(0xfe004e);
    expect(opByName('i32x4.relaxed_dot_i8x16_i7x16_add_s')!.code).toBe(0xfd0113);
  });
  it('gives every memory access its natural alignment', () => {
    for (const op of OPCODES) {
      if (op.imm === 10 /* Imm.Memarg */) expect(op.align, op.name).toBeGreaterThanOrEqual(0);
    }
  });
});
