/** The translator's output, read through the disassembler: folding of locals and constants, fused branches. */
import { describe, expect, it } from 'vitest';
import type { WasmFuncInst } from '../../src/core/func.js';
import { compiled, disassemble } from '../../src/interp/index.js';
import { call1, func, load } from './helpers.js';

describe('translation', () => {
  const inst = load(`(module
    (func (export "sum") (param i32) (result i32) (local i32 i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 2) (local.get 2))))
        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 2) (local.get 0))))
      (local.get 1))
    (func (export "swap-before-set") (param i32 i32) (result i32)
      ;; local.get 0 is still pending on the stack when local 0 is overwritten.
      (local.get 0)
      (local.set 0 (local.get 1))
      (local.get 0)
      (i32.sub)))`);

  it('folds local.get and constants and fuses the loop condition into the branch', () => {
    const text = disassemble(compiled(func(inst, 'sum') as WasmFuncInst).code);
    expect(text).toContain('i32.add_imm');
    expect(text).toContain('br_if_lt_u');
    expect(text).not.toContain('copy1 4 2\n'); // no copies inside the loop body
    expect(text.split('\n').length).toBeLessThanOrEqual(7);
    expect(call1(inst, 'sum', 4)).toBe(0 + 1 + 4 + 9);
  });

  it('materializes a pending local read before the local is written', () => {
    expect(call1(inst, 'swap-before-set', 10, 3)).toBe(7);
  });
});

describe('deep nesting', () => {
  it('translates and runs 200,000 nested blocks without recursion', async () => {
    const { decodeModule } = await import('../../src/decoder/index.js');
    const { TypeRegistry, validateModule } = await import('../../src/validate/index.js');
    const { instantiate, invoke } = await import('../../src/interp/index.js');
    const n = 200_000;
    // body: no locals; (block (block ... (br 0 ...) ...)) then i32.const 7
    const opens: number[] = [];
    for (let i = 0; i < n; i++) opens.push(0x02, 0x40);
    const body = [0x00, ...opens, 0x0c, 0x00, ...new Array<number>(n).fill(0x0b), 0x41, 0x07, 0x0b];
    const leb = (x: number): number[] => {
      const out: number[] = [];
      do { let b = x & 0x7f; x >>>= 7; if (x) b |= 0x80; out.push(b); } while (x);
      return out;
    };
    const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
    const code = [1, ...leb(body.length), ...body];
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      ...section(1, [1, 0x60, 0, 1, 0x7f]),
      ...section(3, [1, 0]),
      ...section(7, [1, 1, 0x66, 0x00, 0]),
      ...section(10, code),
    ]);
    const m = decodeModule(bytes);
    const reg = new TypeRegistry();
    validateModule(m, reg);
    const inst = instantiate(m, [], reg);
    const f = inst.exports.get('f')!;
    if (f.kind !== 'func') throw new Error('expected a function');
    expect(invoke(f.value, [])).toEqual([7]);
  });
});
