/**
 * The WebAssembly namespace, after the spec's test/js-api/interface.any.js and
 * constructor/{validate,compile,instantiate}.any.js: the namespace's property layout, and the
 * promise-returning operations (every failure a rejection, never a throw; the Module overload of
 * instantiate; imports read before the promise settles). Streaming is tested with Node's Response.
 * Runs on purewasm and on V8.
 */
import { describe, expect, test } from 'vitest';
import { EMPTY_MODULE, IMPLEMENTATIONS, rejected, thrown, wasm } from './helpers.js';

const ADD = wasm('(module (import "m" "k" (global i32)) (func (export "add") (param i32) (result i32) (i32.add (local.get 0) (global.get 0))))');

describe.each(IMPLEMENTATIONS)('namespace (%s)', (impl, WA) => {
  test('layout: toStringTag, operations enumerable, interfaces not', () => {
    expect(Object.prototype.toString.call(WA)).toBe('[object WebAssembly]');
    for (const op of ['validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
      const d = Object.getOwnPropertyDescriptor(WA, op)!;
      expect(d).toMatchObject({ writable: true, enumerable: true, configurable: true });
      expect((d.value as () => void).name).toBe(op);
      expect((d.value as () => void).length).toBe(1);
    }
    for (const i of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'CompileError', 'LinkError', 'RuntimeError']) {
      expect(Object.getOwnPropertyDescriptor(WA, i)).toMatchObject({ writable: true, enumerable: false, configurable: true });
      const proto = Object.getOwnPropertyDescriptor((WA as unknown as Record<string, { prototype: object }>)[i], 'prototype');
      expect(proto).toMatchObject({ writable: false, enumerable: false, configurable: false });
    }
  });

  test('validate: true for valid modules, false for malformed or invalid ones, TypeError for non-buffers', () => {
    expect(WA.validate(EMPTY_MODULE)).toBe(true);
    expect(WA.validate(ADD)).toBe(true);
    expect(WA.validate(new Uint8Array([0, 0x61, 0x73, 0x6d]))).toBe(false);
    expect(WA.validate(wasm('(module (func (result i32) (i64.const 0)))'))).toBe(false);
    for (const v of [undefined, 1, 'x', {}, [0, 97, 115, 109, 1, 0, 0, 0]]) expect(thrown(() => WA.validate(v as BufferSource))).toBeInstanceOf(TypeError);
  });

  test('compile: a promise of a Module; TypeError and CompileError as rejections', async () => {
    const p = WA.compile(ADD);
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toBeInstanceOf(WA.Module);
    expect(await rejected(WA.compile(1 as unknown as BufferSource))).toBeInstanceOf(TypeError);
    expect(await rejected(WA.compile(new Uint8Array([1, 2, 3])))).toBeInstanceOf(WA.CompileError);
  });

  test('compile copies the bytes at once', async () => {
    const bytes = EMPTY_MODULE.slice();
    const p = WA.compile(bytes);
    bytes[0] = 0xff;
    expect(await p).toBeInstanceOf(WA.Module);
  });

  test('instantiate(bytes): {module, instance}', async () => {
    const r = await WA.instantiate(ADD, { m: { k: 10 } });
    expect(Object.keys(r).sort()).toEqual(['instance', 'module']);
    expect(r.module).toBeInstanceOf(WA.Module);
    expect(r.instance).toBeInstanceOf(WA.Instance);
    expect((r.instance.exports.add as (x: number) => number)(5)).toBe(15);
  });

  test('instantiate(module): an Instance', async () => {
    const inst = await WA.instantiate(new WA.Module(ADD), { m: { k: 1 } });
    expect(inst).toBeInstanceOf(WA.Instance);
    expect((inst.exports.add as (x: number) => number)(1)).toBe(2);
  });

  test('instantiate failures are rejections of the right class', async () => {
    expect(await rejected(WA.instantiate(ADD))).toBeInstanceOf(TypeError);
    expect(await rejected(WA.instantiate(ADD, { m: { k: 1n } }))).toBeInstanceOf(WA.LinkError);
    expect(await rejected(WA.instantiate(new WA.Module(ADD), { m: {} }))).toBeInstanceOf(WA.LinkError);
    expect(await rejected(WA.instantiate(wasm('(module (func $s unreachable) (start $s))')))).toBeInstanceOf(WA.RuntimeError);
    expect(await rejected(WA.instantiate(new Uint8Array([0])))).toBeInstanceOf(WA.CompileError);
    expect(await rejected(WA.instantiate('x' as unknown as BufferSource))).toBeInstanceOf(TypeError);
  });

  test('instantiate(module) reads the imports before returning, instantiates later', async () => {
    const order: string[] = [];
    const p = WA.instantiate(new WA.Module(ADD), { get m() { order.push('m'); return { k: 1 }; } });
    order.push('returned');
    await p;
    expect(order).toEqual(['m', 'returned']);
  });

  test('compileStreaming and instantiateStreaming take a Response or a promise of one', async () => {
    if (impl === 'v8' && typeof WA.compileStreaming !== 'function') return;
    const response = (bytes: Uint8Array, type = 'application/wasm', status = 200): Response =>
      new Response(bytes as Uint8Array<ArrayBuffer>, { status, headers: { 'Content-Type': type } });
    expect(await WA.compileStreaming(response(EMPTY_MODULE))).toBeInstanceOf(WA.Module);
    expect(await WA.compileStreaming(Promise.resolve(response(EMPTY_MODULE)))).toBeInstanceOf(WA.Module);
    const r = await WA.instantiateStreaming(response(ADD), { m: { k: 2 } });
    expect((r.instance.exports.add as (x: number) => number)(2)).toBe(4);
    expect(await rejected(WA.compileStreaming(response(EMPTY_MODULE, 'text/plain')))).toBeInstanceOf(TypeError);
    expect(await rejected(WA.compileStreaming(response(EMPTY_MODULE, 'application/wasm', 404)))).toBeInstanceOf(TypeError);
    expect(await rejected(WA.compileStreaming(EMPTY_MODULE as unknown as Response))).toBeInstanceOf(TypeError);
    expect(await rejected(WA.compileStreaming(response(new Uint8Array([1]))))).toBeInstanceOf(WA.CompileError);
  });
});
