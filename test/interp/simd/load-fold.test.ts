/**
 * `v128.load (i32.add base k)`: the translator folds the add into the load (see translate-ext.ts).
 * The add must still wrap modulo 2^32 before the memarg offset is added, exactly as the two
 * separate instructions do: a wrapped address is in bounds, an unwrapped sum past the end traps.
 */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../../src/util/errors.js';
import { disassemble } from '../../../src/interp/code.js';
import { translate } from '../../../src/interp/translate.js';
import { call1, func, load } from '../helpers.js';

const inst = load(`(module
  (memory 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14")
  (func (export "lane0") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load (i32.add (local.get $p) (i32.const 4)))))
  (func (export "lane0_off") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load offset=2 (i32.add (local.get $p) (i32.const -8)))))
)`);

function trapCode(f: () => unknown): TrapCode | undefined {
  try { f(); } catch (e) { if (e instanceof Trap) return e.code; throw e; }
  return undefined;
}

describe('v128.load with a folded i32.add', () => {
  it('is one op', () => {
    const f = func(inst, 'lane0');
    if (f.kind !== 'wasm') throw new Error('not a wasm function');
    expect(disassemble(translate(f.instance, f.index).code)).not.toMatch(/i32\.add/);
  });
  it('adds the immediate to the address', () => {
    expect(call1(inst, 'lane0', 0)).toBe(0x08070605);
    expect(call1(inst, 'lane0_off', 9)).toBe(0x07060504);
  });
  it('wraps the add modulo 2^32 before adding the offset', () => {
    // -4 + 4 wraps to 0; 4 - 8 wraps to 2^32 - 4, and + offset 2 is past the end (no wrap there).
    expect(call1(inst, 'lane0', -4)).toBe(0x04030201);
    expect(trapCode(() => call1(inst, 'lane0_off', 4))).toBe(TrapCode.MemoryOutOfBounds);
  });
  it('traps when the sum leaves the memory', () => {
    expect(trapCode(() => call1(inst, 'lane0', 65536 - 16))).toBe(TrapCode.MemoryOutOfBounds);
    expect(call1(inst, 'lane0', 65536 - 20)).toBe(0);
  });
});
