/**
 * WebAssembly.Tag and WebAssembly.JSTag, after the spec's test/js-api/tag/constructor.tentative.any.js:
 * the TagType dictionary, identity (two tags never match), import matching. Runs on purewasm and
 * on V8 (where Node 20's V8 has the interface).
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

describe.each(IMPLEMENTATIONS.filter(([, WA]) => typeof WA.Tag === 'function'))('Tag (%s)', (impl, WA) => {
  test('interface', () => {
    expect(WA.Tag.length).toBe(1);
    expect(String(new WA.Tag({ parameters: [] }))).toBe('[object WebAssembly.Tag]');
    expect(thrown(() => WA.Tag({ parameters: [] }))).toBeInstanceOf(TypeError);
  });

  test.each([
    ['no argument', undefined],
    ['missing parameters', {}],
    ['non-iterable parameters', { parameters: 1 }],
    ['unknown value type', { parameters: ['i16'] }],
  ])('TypeError for %s', (_n, type) => {
    expect(thrown(() => new WA.Tag(type))).toBeInstanceOf(TypeError);
  });

  test('parameters may be any iterable of value types', () => {
    // Node 20's V8 reads `parameters` as an array-like, not as an iterable.
    if (impl !== 'v8') expect(new WA.Tag({ parameters: new Set(['i32', 'f64']) })).toBeInstanceOf(WA.Tag);
    expect(new WA.Tag({ parameters: ['i32', 'i64', 'f32', 'f64', 'externref', 'anyfunc'] })).toBeInstanceOf(WA.Tag);
  });

  test('a tag import needs a Tag of the same type; an exported imported tag is the same object', () => {
    const bytes = wasm('(module (import "m" "t" (tag (param i32))) (export "t" (tag 0)))');
    const t = new WA.Tag({ parameters: ['i32'] });
    const ex = new WA.Instance(new WA.Module(bytes), { m: { t } }).exports;
    expect(ex.t).toBe(t);
    expect(thrown(() => new WA.Instance(new WA.Module(bytes), { m: { t: new WA.Tag({ parameters: ['i64'] }) } }))).toBeInstanceOf(WA.LinkError);
    expect(thrown(() => new WA.Instance(new WA.Module(bytes), { m: { t: {} } }))).toBeInstanceOf(WA.LinkError);
  });

  test('JSTag is a Tag taking one externref (purewasm; Node 20 has none)', () => {
    if (impl === 'v8' && WA.JSTag === undefined) return;
    expect(WA.JSTag).toBeInstanceOf(WA.Tag);
    expect(WA.JSTag).toBe(WA.JSTag);
    expect(Object.getOwnPropertyDescriptor(WA, 'JSTag')).toMatchObject({ enumerable: true, configurable: true, set: undefined });
    expect(new WA.Instance(new WA.Module(wasm('(module (import "m" "t" (tag (param externref))))')), { m: { t: WA.JSTag } })).toBeInstanceOf(WA.Instance);
  });
});
