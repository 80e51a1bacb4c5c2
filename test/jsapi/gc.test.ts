/**
 * GC references at the JS API, after the spec's test/js-api/gc/{exported-object,i31}.tentative.any.js:
 * structs and arrays reach JS as opaque objects (null prototype, frozen, no fields visible) that
 * keep their identity when passed back, are type-checked against (ref $t) parameters, and keep
 * identity through externref; i31 references are Numbers. purewasm only (Node 20's V8 has no GC
 * without flags).
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

const [, WA] = IMPLEMENTATIONS[0]!;

describe('GC objects at the boundary', () => {
  const { exports } = new WA.Instance(new WA.Module(wasm(`(module
    (type $pt (struct (field (mut i32)) (field i32)))
    (type $arr (array (mut i32)))
    (func (export "make") (param i32 i32) (result (ref $pt)) (struct.new $pt (local.get 0) (local.get 1)))
    (func (export "x") (param (ref $pt)) (result i32) (struct.get $pt 0 (local.get 0)))
    (func (export "arr") (result anyref) (array.new $arr (i32.const 7) (i32.const 3)))
    (func (export "len") (param anyref) (result i32) (array.len (ref.cast (ref $arr) (local.get 0))))
    (func (export "id") (param anyref) (result anyref) (local.get 0))
    (func (export "ext") (param anyref) (result externref) (extern.convert_any (local.get 0)))
    (func (export "int") (param externref) (result anyref) (any.convert_extern (local.get 0)))
    (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
    (func (export "isI31") (param anyref) (result i32) (ref.test (ref i31) (local.get 0))))`)));

  test('a struct is an opaque, frozen, null-prototype object', () => {
    const p = exports.make(1, 2);
    expect(typeof p).toBe('object');
    expect(Object.getPrototypeOf(p)).toBe(null);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.keys(p)).toEqual([]);
    expect(p.fields).toBe(undefined);
    expect(thrown(() => { 'use strict'; p.x = 1; })).toBeInstanceOf(TypeError);
  });

  test('identity is kept through wasm, through anyref and through externref', () => {
    const p = exports.make(5, 6);
    expect(exports.x(p)).toBe(5);
    expect(exports.id(p)).toBe(p);
    const e = exports.ext(p);
    expect(e).toBe(p);
    expect(exports.int(e)).toBe(p);
    expect(exports.x(exports.int(e))).toBe(5);
  });

  test('(ref $t) parameters accept only objects of that type', () => {
    const a = exports.arr();
    expect(exports.len(a)).toBe(3);
    expect(thrown(() => exports.x(a))).toBeInstanceOf(TypeError);
    expect(thrown(() => exports.x({}))).toBeInstanceOf(TypeError);
    expect(thrown(() => exports.x(null))).toBeInstanceOf(TypeError);
  });

  test('i31 references are Numbers both ways; other values become host references', () => {
    expect(exports.i31(-5)).toBe(-5);
    expect(exports.i31(2 ** 30)).toBe(-(2 ** 30));
    expect(exports.isI31(7)).toBe(1);
    expect(exports.isI31(2 ** 30)).toBe(0);
    expect(exports.isI31(1.5)).toBe(0);
    const host = { host: true };
    expect(exports.id(host)).toBe(host);
    expect(exports.id(1.5)).toBe(1.5);
  });
});
