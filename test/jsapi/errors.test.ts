/**
 * CompileError, LinkError and RuntimeError, after the spec's test/js-api/error-interfaces and
 * interface.any.js: NativeError-like constructors (with or without `new`), prototype chain,
 * `name`/`message` on the prototype, no Symbol.toStringTag, and the engine's own errors mapped
 * onto them. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

const NAMES = ['CompileError', 'LinkError', 'RuntimeError'] as const;

describe.each(IMPLEMENTATIONS)('error interfaces (%s)', (_impl, WA) => {
  test.each(NAMES)('%s is a NativeError-like constructor', (name) => {
    const E = WA[name] as unknown as ErrorConstructor;
    expect(E.name).toBe(name);
    expect(E.length).toBe(1);
    expect(Object.getPrototypeOf(E)).toBe(Error);
    expect(Object.getPrototypeOf(E.prototype)).toBe(Error.prototype);
    expect(Object.getOwnPropertyDescriptor(E.prototype, 'name')).toMatchObject({ value: name, writable: true, enumerable: false, configurable: true });
    expect(Object.getOwnPropertyDescriptor(E.prototype, 'message')).toMatchObject({ value: '', enumerable: false });
    expect(Object.getOwnPropertyDescriptor(E.prototype, 'constructor')!.value).toBe(E);
    expect(Object.prototype.hasOwnProperty.call(E.prototype, Symbol.toStringTag)).toBe(false);
    const e = new E('msg');
    expect(e).toBeInstanceOf(E);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('msg');
    expect(Object.prototype.hasOwnProperty.call(e, 'message')).toBe(true);
    expect(String(e)).toBe(`${name}: msg`);
    expect(Object.prototype.toString.call(e)).toBe('[object Error]');
    expect(Object.prototype.hasOwnProperty.call(new E(), 'message')).toBe(false);
    expect(E('called')).toBeInstanceOf(E);
    expect(new E('c', { cause: 7 }).cause).toBe(7);
  });

  test('engine errors map onto the interfaces with a message', () => {
    const c = thrown(() => new WA.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5])));
    expect(c).toBeInstanceOf(WA.CompileError);
    expect((c as Error).message.length).toBeGreaterThan(0);
    const l = thrown(() => new WA.Instance(new WA.Module(wasm('(module (import "m" "f" (func (param i32))))')), {
      m: { f: new WA.Instance(new WA.Module(wasm('(module (func (export "f")))'))).exports.f },
    }));
    expect(l).toBeInstanceOf(WA.LinkError);
    const exports = new WA.Instance(new WA.Module(wasm(`(module (memory 1)
      (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`))).exports as Record<string, (x: number) => number>;
    for (const f of [() => exports.div!(0), () => exports.load!(65536)]) {
      const r = thrown(f);
      expect(r).toBeInstanceOf(WA.RuntimeError);
      expect((r as Error).message.length).toBeGreaterThan(0);
    }
  });
});

test('purewasm traps carry the spec interpreter\'s wording', () => {
  const [, WA] = IMPLEMENTATIONS[0]!;
  const exports = new WA.Instance(new WA.Module(wasm(`(module (memory 1)
    (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`))).exports as Record<string, (x: number) => number>;
  expect((thrown(() => exports.div!(0)) as Error).message).toBe('integer divide by zero');
  expect((thrown(() => exports.load!(65536)) as Error).message).toBe('out of bounds memory access');
});
