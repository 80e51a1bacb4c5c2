/**
 * WebAssembly.Exception, after the spec's test/js-api/exception/{constructor,getArg,is,
 * basic}.tentative.any.js: construction from a tag and a payload, getArg's conversions and
 * errors, is(), traceStack, and the prototype chain (not an Error). Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

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

/**
 * Exceptions crossing between JS and wasm (after exception/basic, identity and jsTag): written
 * with the legacy try/catch instructions so that Node 20's V8 runs them too.
 */
describe.each(IMPLEMENTATIONS.filter(([, WA]) => typeof WA.Exception === 'function'))('exceptions across the boundary (%s)', (impl, WA) => {
  const setup = (js: () => unknown): { tag: any; exports: Record<string, any> } => {
    const tag = new WA.Tag({ parameters: ['i32'] });
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module
      (import "m" "tag" (tag $t (param i32)))
      (import "m" "js" (func $js))
      (func (export "throw") (param i32) (throw $t (local.get 0)))
      (func (export "catchTag") (result i32) (try (result i32) (do (call $js) (i32.const -1)) (catch $t)))
      (func (export "catchAll") (result i32) (try (result i32) (do (call $js) (i32.const -1)) (catch_all (i32.const 7))))
      (func (export "rethrowAll") (try (do (call $js)) (catch_all (rethrow 0)))))`)), { m: { tag, js } });
    return { tag, exports };
  };

  test('a wasm throw reaches JS as an Exception with the tag and payload', () => {
    const { tag, exports } = setup(() => {});
    const e = thrown(() => exports.throw(42)) as any;
    expect(e).toBeInstanceOf(WA.Exception);
    expect(e.is(tag)).toBe(true);
    expect(e.getArg(tag, 0)).toBe(42);
  });

  test('an Exception thrown by JS is caught in wasm by its tag', () => {
    const { tag, exports } = setup(() => { throw new WA.Exception(tag, [5]); });
    expect(exports.catchTag()).toBe(5);
  });

  test('an Exception thrown by JS and rethrown by wasm comes back as the same object', () => {
    let ex: unknown;
    const { tag, exports } = setup(() => { throw ex; });
    ex = new WA.Exception(tag, [9]);
    expect(thrown(() => exports.rethrowAll())).toBe(ex);
  });

  test('any JS exception is caught by catch_all; rethrown, it reaches JS unchanged', () => {
    const err = new TypeError('from JS');
    const { exports } = setup(() => { throw err; });
    expect(exports.catchAll()).toBe(7);
    expect(thrown(() => exports.rethrowAll())).toBe(err);
    expect(thrown(() => exports.catchTag())).toBe(err);
  });

  test('JSTag catches JS exceptions in wasm with the thrown value as externref (purewasm)', () => {
    if (impl === 'v8' && WA.JSTag === undefined) return;
    const err = { thrown: 'value' };
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module
      (import "m" "jstag" (tag $j (param externref)))
      (import "m" "js" (func $js))
      (func (export "catchJs") (result externref) (try (result externref) (do (call $js) (ref.null extern)) (catch $j))))`)),
    { m: { jstag: WA.JSTag, js: () => { throw err; } } });
    expect(exports.catchJs()).toBe(err);
  });
});

test('an exnref reaches JS as its Exception object and goes back as the same exception (purewasm)', () => {
  const [, WA] = IMPLEMENTATIONS[0]!;
  const tag = new WA.Tag({ parameters: ['i32'] });
  const { exports } = new WA.Instance(new WA.Module(wasm(`(module (import "m" "t" (tag $t (param i32)))
    (func (export "catch") (result exnref)
      (block $h (result exnref) (try_table (catch_all_ref $h) (throw $t (i32.const 3))) (unreachable)))
    (func (export "rethrow") (param exnref) (throw_ref (local.get 0)))
    (func (export "null") (result exnref) (ref.null exn)))`)), { m: { t: tag } });
  const e = exports.catch();
  expect(e).toBeInstanceOf(WA.Exception);
  expect(e.getArg(tag, 0)).toBe(3);
  expect(thrown(() => exports.rethrow(e))).toBe(e);
  expect(exports.null()).toBe(null);
  expect(thrown(() => exports.rethrow({}))).toBeInstanceOf(TypeError);
});
