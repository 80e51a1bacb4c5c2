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
