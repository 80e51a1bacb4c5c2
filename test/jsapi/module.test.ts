/**
 * WebAssembly.Module, after the spec's test/js-api/module/{constructor,exports,imports,
 * customSections}.any.js: BufferSource handling, CompileError, the reflection functions and their
 * argument checks. Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { EMPTY_MODULE, IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

/** A module with one custom section called `name` holding `payload` (appended by hand). */
function withCustomSection(bytes: Uint8Array, name: string, payload: number[]): Uint8Array {
  const n = new TextEncoder().encode(name);
  const body = [n.length, ...n, ...payload];
  return new Uint8Array([...bytes, 0, body.length, ...body]);
}

describe.each(IMPLEMENTATIONS)('Module (%s)', (impl, WA) => {
  test('interface', () => {
    expect(WA.Module.length).toBe(1);
    for (const [name, len] of [['exports', 1], ['imports', 1], ['customSections', 2]] as const) {
      const d = Object.getOwnPropertyDescriptor(WA.Module, name)!;
      expect(d).toMatchObject({ writable: true, enumerable: true, configurable: true });
      expect((d.value as () => void).length).toBe(len);
    }
    expect(String(new WA.Module(EMPTY_MODULE))).toBe('[object WebAssembly.Module]');
    expect(thrown(() => (WA.Module as unknown as (b: unknown) => unknown)(EMPTY_MODULE))).toBeInstanceOf(TypeError);
  });

  test('accepts every BufferSource and copies the bytes', () => {
    const b = EMPTY_MODULE;
    const sources: unknown[] = [b.buffer.slice(0), new Uint8Array(b), new Int8Array(b.slice().buffer)];
    // A DataView is a BufferSource too; Node 20's V8 refuses it, so only purewasm is held to it.
    if (impl !== 'v8') sources.push(new DataView(b.slice().buffer));
    for (const src of sources) {
      expect(new WA.Module(src as BufferSource)).toBeInstanceOf(WA.Module);
    }
    const inner = new Uint8Array(20);
    inner.set(b, 6);
    expect(WA.Module.exports(new WA.Module(inner.subarray(6, 14)))).toEqual([]);
  });

  test.each([undefined, null, 1, 'str', {}, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]])('TypeError for %s as bytes', (v) => {
    expect(thrown(() => new WA.Module(v as BufferSource))).toBeInstanceOf(TypeError);
  });

  test('CompileError for malformed and invalid modules', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), wasm('(module (func (result i32)))')]) {
      const e = thrown(() => new WA.Module(bytes));
      expect(e).toBeInstanceOf(WA.CompileError);
      expect(e).toBeInstanceOf(Error);
    }
  });

  test('exports and imports: names, kinds and order', () => {
    const m = new WA.Module(wasm(`(module
      (import "a" "f" (func)) (import "a" "g" (global i32)) (import "b" "m" (memory 1)) (import "b" "t" (table 1 funcref))
      (func (export "fn")) (global (export "gl") i32 (i32.const 0)) (table (export "tb") 0 funcref))`));
    expect(WA.Module.imports(m)).toEqual([
      { module: 'a', name: 'f', kind: 'function' }, { module: 'a', name: 'g', kind: 'global' },
      { module: 'b', name: 'm', kind: 'memory' }, { module: 'b', name: 't', kind: 'table' },
    ]);
    expect(WA.Module.exports(m)).toEqual([{ name: 'fn', kind: 'function' }, { name: 'gl', kind: 'global' }, { name: 'tb', kind: 'table' }]);
    expect(WA.Module.exports(m)).not.toBe(WA.Module.exports(m));
  });

  test('reflection functions refuse non-modules', () => {
    for (const v of [undefined, null, {}, WA.Module.prototype, EMPTY_MODULE]) {
      expect(thrown(() => WA.Module.exports(v as WebAssembly.Module))).toBeInstanceOf(TypeError);
      expect(thrown(() => WA.Module.imports(v as WebAssembly.Module))).toBeInstanceOf(TypeError);
      expect(thrown(() => WA.Module.customSections(v as WebAssembly.Module, 'x'))).toBeInstanceOf(TypeError);
    }
  });

  test('customSections: fresh ArrayBuffers for every section of that name, in order', () => {
    let bytes = withCustomSection(EMPTY_MODULE, 'name0', [1, 2, 3]);
    bytes = withCustomSection(bytes, 'other', [9]);
    bytes = withCustomSection(bytes, 'name0', [4]);
    const m = new WA.Module(bytes);
    const got = WA.Module.customSections(m, 'name0');
    expect(got.map((b: ArrayBuffer) => [...new Uint8Array(b)])).toEqual([[1, 2, 3], [4]]);
    expect(got[0]).toBeInstanceOf(ArrayBuffer);
    expect(WA.Module.customSections(m, 'name0')[0]).not.toBe(got[0]);
    expect(WA.Module.customSections(m, 'missing')).toEqual([]);
    expect(thrown(() => (WA.Module.customSections as (m: unknown) => unknown)(m))).toBeInstanceOf(TypeError);
  });

  test('customSections: names are compared as strings, including non-ASCII ones', () => {
    const m = new WA.Module(withCustomSection(EMPTY_MODULE, 'na\u00efve \u{1F600}', [7]));
    expect(WA.Module.customSections(m, 'na\u00efve \u{1F600}').length).toBe(1);
    expect(WA.Module.customSections(m, 'naive').length).toBe(0);
  });
});
