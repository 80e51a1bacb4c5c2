/** Memory instructions: loads/stores at the bounds, NaN bits through memory, grow, bulk ops, multi-memory, memory64. */
import { describe, expect, it } from 'vitest';
import { Trap, TrapCode } from '../../src/util/errors.js';
import { call, call1, load } from './helpers.js';

function trapCode(f: () => unknown): TrapCode | undefined {
  try { f(); } catch (e) { if (e instanceof Trap) return e.code; throw e; }
  return undefined;
}

const inst = load(`(module
  (memory 1 3)
  (memory $b 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08")
  (data $p "hello")
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s offset=2 (local.get 0)))
  (func (export "load32_s") (param i32) (result i64) (i64.load32_s (local.get 0)))
  (func (export "f32-roundtrip") (param i32) (result i32)
    (f32.store (i32.const 16) (f32.reinterpret_i32 (local.get 0)))
    (i32.reinterpret_f32 (f32.load (i32.const 16))))
  (func (export "f64-roundtrip") (param i64) (result i64)
    (f64.store (i32.const 24) (f64.reinterpret_i64 (local.get 0)))
    (i64.reinterpret_f64 (f64.load (i32.const 24))))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "load16_u") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $p))
  (func (export "copy-to-b") (param i32 i32 i32) (memory.copy $b 0 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load-b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
)`);

describe('loads and stores', () => {
  it('read little-endian values with sign and zero extension', () => {
    expect(call1(inst, 'load64', 0)).toBe(0x0807060504030201n);
    expect(call1(inst, 'load8_s', 0)).toBe(3);
    expect(call1(inst, 'load32_s', 0)).toBe(0x04030201n);
    call(inst, 'store16', 100, 0x18001);
    expect(call1(inst, 'load16_u', 100)).toBe(0x8001);
  });
  it('keep NaN payloads through memory', () => {
    expect(call1(inst, 'f32-roundtrip', 0x7f800001)).toBe(0x7f800001);
    expect(call1(inst, 'f64-roundtrip', 0x7ff0000000000001n)).toBe(0x7ff0000000000001n);
  });
  it('trap at the last byte and with offsets that wrap past 2^32', () => {
    expect(call1(inst, 'load64', 65536 - 8)).toBe(0n);
    expect(trapCode(() => call(inst, 'load64', 65536 - 7))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => call(inst, 'load8_s', -1))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => call(inst, 'load8_s', 65534))).toBe(TrapCode.MemoryOutOfBounds);
  });
});

describe('memory.grow and bulk operations', () => {
  it('grows up to the maximum and then returns -1; accesses see the new size', () => {
    const m = load(`(module (memory 1 2)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "poke") (param i32) (i32.store8 (local.get 0) (i32.const 7)))
      (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
    expect(trapCode(() => call(m, 'poke', 65536))).toBe(TrapCode.MemoryOutOfBounds);
    expect(call1(m, 'grow', 1)).toBe(1);
    call(m, 'poke', 65536);
    expect(call1(m, 'peek', 65536)).toBe(7);
    expect(call1(m, 'grow', 1)).toBe(-1);
    expect(call1(m, 'grow', -1)).toBe(-1);
    expect(call1(m, 'size')).toBe(2);
  });
  it('fill/copy/init check bounds before writing anything', () => {
    call(inst, 'fill', 200, 0xab, 4);
    expect(call1(inst, 'load16_u', 202)).toBe(0xabab);
    expect(trapCode(() => call(inst, 'fill', 65535, 1, 2))).toBe(TrapCode.MemoryOutOfBounds);
    expect(call1(inst, 'load16_u', 65534)).toBe(0);
    call(inst, 'copy', 1, 0, 8); // overlapping, forward
    expect(call1(inst, 'load64', 1)).toBe(0x0807060504030201n);
    call(inst, 'init', 300, 1, 4);
    expect(call1(inst, 'load16_u', 300)).toBe(0x6c65); // "el"
    expect(trapCode(() => call(inst, 'init', 300, 2, 4))).toBe(TrapCode.MemoryOutOfBounds);
    call(inst, 'drop');
    expect(trapCode(() => call(inst, 'init', 300, 0, 1))).toBe(TrapCode.MemoryOutOfBounds);
    call(inst, 'init', 300, 0, 0);
  });
  it('copies between memories (multi-memory)', () => {
    call(inst, 'copy-to-b', 10, 1, 2);
    expect(call1(inst, 'load-b', 10)).toBe(1);
    expect(call1(inst, 'load-b', 11)).toBe(2);
  });
});

describe('memory64', () => {
  const m = load(`(module (memory i64 1)
    (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
    (func (export "size") (result i64) (memory.size))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))`);
  it('addresses with i64 and traps above 2^32 instead of wrapping', () => {
    call(m, 'store', 65535n, 9);
    expect(call1(m, 'load', 65535n)).toBe(9);
    expect(trapCode(() => call(m, 'load', 0x100000000n))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => call(m, 'load', -1n))).toBe(TrapCode.MemoryOutOfBounds);
    expect(call1(m, 'size')).toBe(1n);
    expect(call1(m, 'grow', 1n)).toBe(1n);
    expect(call1(m, 'grow', 0x1000000000000n)).toBe(-1n);
  });
});
