/**
 * WebAssembly.Exception, after the spec's test/js-api/exception/{constructor,getArg,is,
 * basic}.tentative.any.js: construction from a tag and a payload, getArg's conversions and
 * errors, is(), traceStack, and the prototype chain (not an Error). Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown } from './helpers.js';

describe.each(IMPLEMENTATIONS.filter(([, WA]) => typeof WA.Exception === 'function'))('Exception (%s)', (impl, WA) => {
  test('interface', () => {
    // Node 20's V8 predates the current IDL (length 1, and it pads a short payload).
    expect(WA.Exception.length).toBe(impl === 'v8' ? 1 : 2);
    const e = new WA.Exception(new WA.Tag({ parameters: [] }), []);
    expect(String(e)).toBe('[object WebAssembly.Exception]');
    expect(Object.getPrototypeOf(WA.Exception.prototype)).toBe(Object.prototype);
    for (const [name, len] of [['getArg', 2], ['is', 1]] as const) {
      const d = Object.getOwnPropertyDescriptor(WA.Exception.prototype, name)!;
      expect(d).toMatchObject({ writable: true, enumerable: true, configurable: true });
      expect((d.value as () => void).length).toBe(len);
    }
  });

  test('constructor errors: not a tag, not iterable, wrong payload length, wrong value', () => {
    const tag = new WA.Tag({ parameters: ['i32', 'i64'] });
    expect(thrown(() => new WA.Exception({}, [1, 2n]))).toBeInstanceOf(TypeError);
    expect(thrown(() => new WA.Exception(tag, 1))).toBeInstanceOf(TypeError);
    if (impl !== 'v8') expect(thrown(() => new WA.Exception(tag, [1]))).toBeInstanceOf(TypeError);
    expect(thrown(() => new WA.Exception(tag, [1, 2]))).toBeInstanceOf(TypeError);
    expect(thrown(() => WA.Exception(tag, [1, 2n]))).toBeInstanceOf(TypeError);
  });

  test('getArg converts the payload with ToWebAssemblyValue and back', () => {
    const tag = new WA.Tag({ parameters: ['i32', 'i64', 'f32', 'f64', 'externref'] });
    const obj = {};
    const e = new WA.Exception(tag, [2 ** 32 + 1, 2n ** 64n - 1n, 0.1, 0.1, obj]);
    expect([0, 1, 2, 3, 4].map((i) => e.getArg(tag, i))).toEqual([1, -1n, Math.fround(0.1), 0.1, obj]);
    expect(e.getArg(tag, 4)).toBe(obj);
  });

  test('getArg errors: another tag is a TypeError, an index past the payload a RangeError', () => {
    const tag = new WA.Tag({ parameters: ['i32'] });
    const e = new WA.Exception(tag, [5]);
    expect(thrown(() => e.getArg(new WA.Tag({ parameters: ['i32'] }), 0))).toBeInstanceOf(TypeError);
    expect(thrown(() => e.getArg({}, 0))).toBeInstanceOf(TypeError);
    expect(thrown(() => e.getArg(tag, 1))).toBeInstanceOf(RangeError);
    expect(thrown(() => e.getArg(tag, -1))).toBeInstanceOf(TypeError);
  });

  test('is: only the exception\'s own tag', () => {
    const a = new WA.Tag({ parameters: [] });
    const b = new WA.Tag({ parameters: [] });
    const e = new WA.Exception(a, []);
    expect(e.is(a)).toBe(true);
    expect(e.is(b)).toBe(false);
    expect(thrown(() => e.is({}))).toBeInstanceOf(TypeError);
  });

  test('traceStack: a string stack only when asked for', () => {
    const tag = new WA.Tag({ parameters: [] });
    expect(typeof new WA.Exception(tag, [], { traceStack: true }).stack).toBe('string');
    expect(new WA.Exception(tag, []).stack).toBe(undefined);
    expect(new WA.Exception(tag, [], { traceStack: false }).stack).toBe(undefined);
  });

  test('brand checks', () => {
    const tag = new WA.Tag({ parameters: [] });
    for (const that of [undefined, {}, WA.Exception.prototype]) {
      expect(thrown(() => WA.Exception.prototype.is.call(that, tag))).toBeInstanceOf(TypeError);
      expect(thrown(() => WA.Exception.prototype.getArg.call(that, tag, 0))).toBeInstanceOf(TypeError);
    }
    void impl;
  });
});
