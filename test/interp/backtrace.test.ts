/** Trap backtraces: innermost first, function indices, names from the name section, code offsets. */
import createWabt from 'wabt';
import { expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { instantiate, invoke } from '../../src/interp/index.js';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { TypeRegistry, validateModule } from '../../src/validate/index.js';

const wabt = await createWabt();

it('names the wasm frames of a trap with their code offsets', () => {
  const text = `(module
    (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func $outer (export "go") (result i32) (call $inner (i32.const 0))))`;
  const wm = wabt.parseWat('t.wat', text);
  wm.resolveNames();
  const bytes = new Uint8Array(wm.toBinary({ write_debug_names: true }).buffer);
  wm.destroy();
  const m = decodeModule(bytes);
  const reg = new TypeRegistry();
  validateModule(m, reg);
  const inst = instantiate(m, [], reg);
  const go = inst.exports.get('go')!;
  if (go.kind !== 'func') throw new Error('expected a function');
  let trap: Trap | undefined;
  try { invoke(go.value, []); } catch (e) { trap = e as Trap; }
  expect(trap?.code).toBe(TrapCode.IntegerDivideByZero);
  const bt = trap!.backtrace;
  expect(bt.map((f) => [f.funcIndex, f.funcName])).toEqual([[0, 'inner'], [1, 'outer']]);
  // The offsets point into each function's body: i32.div_s (0x6d) and the call (0x10).
  expect(bytes[bt[0]!.codeOffset]).toBe(0x6d);
  expect(bytes[bt[1]!.codeOffset]).toBe(0x10);
});
