/**
 * Plain calls reuse one idle interpreter thread per store (runtime/exec.ts). Reuse must be
 * invisible: a call after a trap, after a deep recursion that grew the stack, and calls nested
 * through a host function all see a clean thread.
 */
import { describe, expect, it } from 'vitest';
import { Engine, Func, I32, Instance, Module, Store, Trap } from '../../src/index.js';
import { wat } from './helpers.js';

const TEXT = `(module
  (import "host" "again" (func $again (param i32) (result i32)))
  (func $sum (export "sum") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "trap") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "via-host") (param i32) (result i32)
    (i32.add (i32.const 1000) (call $again (local.get 0)))))`;

function setup() {
  const engine = new Engine();
  const store = new Store(engine, undefined);
  let instance: Instance | null = null;
  const again = Func.new(store, { params: [I32], results: [I32] }, (n: number) =>
    instance!.getFunc(store, 'sum')!.call(store, n)[0] as number);
  instance = Instance.new(store, Module.new(engine, wat(TEXT)), [again]);
  const f = (name: string) => (n: number) => instance!.getFunc(store, name)!.call(store, n)[0];
  return { sum: f('sum'), trap: f('trap'), viaHost: f('via-host') };
}

describe('thread reuse between calls', () => {
  it('gives a clean thread after a trap', () => {
    const { sum, trap } = setup();
    expect(() => trap(0)).toThrow(Trap);
    expect(sum(10)).toBe(55);
    expect(trap(1)).toBe(1);
  });

  it('gives a clean thread after a deep recursion grew the stack', () => {
    const { sum } = setup();
    expect(sum(5000)).toBe(12502500);
    expect(sum(3)).toBe(6);
  });

  it('keeps nested calls through a host function apart', () => {
    const { sum, viaHost } = setup();
    expect(viaHost(4)).toBe(1010);
    expect(sum(4)).toBe(10);
    expect(viaHost(100)).toBe(6050);
  });
});
