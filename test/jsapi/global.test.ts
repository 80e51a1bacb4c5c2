/**
 * WebAssembly.Global, after the spec's test/js-api/global/{constructor,value-get-set,valueOf}.any.js:
 * descriptor conversions, default values, i64 as BigInt, f32 rounding, mutability, and imported
 * and exported globals sharing one cell with wasm. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

describe.each(IMPLEMENTATIONS)('Global (%s)', (impl, WA) => {
  test('interface', () => {
    expect(WA.Global.length).toBe(1);
    const d = Object.getOwnPropertyDescriptor(WA.Global.prototype, 'value')!;
    expect(d).toMatchObject({ enumerable: true, configurable: true });
    expect(typeof d.get).toBe('function');
    expect(typeof d.set).toBe('function');
    expect(Object.getOwnPropertyDescriptor(WA.Global.prototype, 'valueOf')).toMatchObject({ enumerable: true, writable: true });
    expect(String(new WA.Global({ value: 'i32' }))).toBe('[object WebAssembly.Global]');
  });

  test.each([
    ['no descriptor', undefined],
    ['missing value type', {}],
    ['unknown value type', { value: 'i16' }],
    ['v128', { value: 'v128' }],
  ])('TypeError for %s', (_n, desc) => {
    expect(thrown(() => new WA.Global(desc as WebAssembly.GlobalDescriptor))).toBeInstanceOf(TypeError);
  });

  test('default values', () => {
    expect(new WA.Global({ value: 'i32' }).value).toBe(0);
    expect(new WA.Global({ value: 'i64' }).value).toBe(0n);
    expect(new WA.Global({ value: 'f32' }).value).toBe(0);
    expect(new WA.Global({ value: 'f64' }).value).toBe(0);
    // Node 20's V8 predates the spec's DefaultValue(externref) = undefined and gives null.
    expect(new WA.Global({ value: 'externref' }).value).toBe(impl === 'v8' ? null : undefined);
    expect(new WA.Global({ value: 'anyfunc' }).value).toBe(null);
  });

  test('conversions: ToInt32, BigInt for i64, f32 rounding', () => {
    expect(new WA.Global({ value: 'i32' }, 2 ** 32 + 5).value).toBe(5);
    expect(new WA.Global({ value: 'i32' }, '-7').value).toBe(-7);
    expect(new WA.Global({ value: 'i32' }, 3.9).value).toBe(3);
    expect(new WA.Global({ value: 'i64' }, 2n ** 64n + 3n).value).toBe(3n);
    expect(new WA.Global({ value: 'i64' }, 2n ** 63n).value).toBe(-(2n ** 63n));
    expect(new WA.Global({ value: 'i64' }, '12').value).toBe(12n);
    expect(new WA.Global({ value: 'i64' }, true).value).toBe(1n);
    expect(thrown(() => new WA.Global({ value: 'i64' }, 1))).toBeInstanceOf(TypeError);
    expect(thrown(() => new WA.Global({ value: 'i32' }, 1n))).toBeInstanceOf(TypeError);
    expect(thrown(() => new WA.Global({ value: 'i64' }, 'x'))).toBeInstanceOf(SyntaxError);
    expect(new WA.Global({ value: 'f32' }, 0.1).value).toBe(Math.fround(0.1));
    expect(new WA.Global({ value: 'f32' }, 2 ** 128).value).toBe(Infinity);
    expect(new WA.Global({ value: 'f64' }, 0.1).value).toBe(0.1);
    expect(Number.isNaN(new WA.Global({ value: 'f64' }, 'x').value)).toBe(true);
  });

  test('mutability: setting an immutable global is a TypeError; the setter needs an argument', () => {
    const g = new WA.Global({ value: 'i32' }, 1);
    expect(thrown(() => { g.value = 2; })).toBeInstanceOf(TypeError);
    expect(g.value).toBe(1);
    const m = new WA.Global({ value: 'i64', mutable: true }, 1n);
    m.value = 5n;
    expect(m.value).toBe(5n);
    expect(thrown(() => { m.value = 5; })).toBeInstanceOf(TypeError);
    const setter = Object.getOwnPropertyDescriptor(WA.Global.prototype, 'value')!.set!;
    expect(thrown(() => (setter as (this: unknown) => void).call(m))).toBeInstanceOf(TypeError);
    expect(m.valueOf()).toBe(5n);
  });

  test('an imported mutable global is one cell shared with wasm; exports give the same object', () => {
    const g = new WA.Global({ value: 'i32', mutable: true }, 10);
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module
      (global $g (export "g") (import "m" "g") (mut i32))
      (func (export "inc") (global.set $g (i32.add (global.get $g) (i32.const 1)))))`)), { m: { g } });
    expect(exports.g).toBe(g);
    (exports.inc as () => void)();
    expect(g.value).toBe(11);
    g.value = 100;
    (exports.inc as () => void)();
    expect(g.value).toBe(101);
  });

  test('globals imported from plain values', () => {
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module
      (global $a (import "m" "a") i64) (global $b (import "m" "b") f32) (global $r (import "m" "r") externref)
      (func (export "a") (result i64) (global.get $a)) (func (export "b") (result f32) (global.get $b))
      (func (export "r") (result externref) (global.get $r)))`)), { m: { a: -3n, b: 1.1, r: 'host' } });
    expect((exports.a as () => bigint)()).toBe(-3n);
    expect((exports.b as () => number)()).toBe(Math.fround(1.1));
    expect((exports.r as () => unknown)()).toBe('host');
  });

  test('brand checks', () => {
    const get = Object.getOwnPropertyDescriptor(WA.Global.prototype, 'value')!.get!;
    for (const that of [undefined, {}, WA.Global.prototype]) {
      expect(thrown(() => get.call(that))).toBeInstanceOf(TypeError);
      expect(thrown(() => WA.Global.prototype.valueOf.call(that))).toBeInstanceOf(TypeError);
    }
  });
});
