/**
 * Import type checks: each mismatch is a LinkError ``incompatible import type for `m::n` `` whose
 * cause is wasmtime's precise reason. Functions match by subtyping, mutable globals need the exact
 * type, and limits compare against a memory's or table's current size.
 */
import { describe, expect, test } from 'vitest';
import {
  EXTERNREF, F32, FUNCREF, Global, I32, I64, LinkError, Memory, Table, Tag, type Extern, type Store,
} from '../../src/index.js';
import { formatErrorChain, type Linker } from '../../src/linker/index.js';
import { mod, setup, thrown } from './helpers.js';

/** The error of instantiating `(module (import "m" "n" <desc>))` with `make(store)` defined as m::n. */
function linkError(desc: string, make: (store: Store<undefined>, linker: Linker<undefined>) => Extern | void): Error {
  const { engine, store, linker } = setup(undefined);
  const e = make(store, linker);
  if (e !== undefined) linker.define(store, 'm', 'n', e);
  const m = mod(engine, `(module (import "m" "n" ${desc}))`);
  return thrown(() => linker.instantiate(store, m));
}

function expectMismatch(e: Error, cause: string): void {
  expect(e).toBeInstanceOf(LinkError);
  expect(e.message).toBe('incompatible import type for `m::n`');
  expect((e.cause as Error).message).toBe(cause);
  expect(formatErrorChain(e)).toBe(`incompatible import type for \`m::n\`\n\nCaused by:\n    ${cause}`);
}

const MEM1 = (s: Store<undefined>) => Memory.new(s, { min: 1 });

describe('kinds', () => {
  test.each([
    ['(func)', MEM1, 'expected func, but found memory'],
    ['(global i32)', (s: Store<undefined>, l: Linker<undefined>) => { l.funcWrap('m', 'n', { params: [], results: [] }, () => {}); }, 'expected global, but found function'],
    ['(memory 1)', (s: Store<undefined>) => Table.new(s, { min: 1 }), 'expected memory, but found table'],
    ['(table 1 funcref)', (s: Store<undefined>) => Global.new(s, { type: I32, mutable: false }, 0), 'expected table, but found global'],
  ] as const)('%s', (desc, make, cause) => {
    expectMismatch(linkError(desc, make), cause);
  });
});

describe('functions', () => {
  test('a different signature names both types', () => {
    const e = linkError('(func (param i32) (result i64))', (_s, l) => { l.funcWrap('m', 'n', { params: [], results: [] }, () => {}); });
    expectMismatch(e, 'types incompatible: expected type `(func (param i32) (result i64))`, found type `(func)`');
  });

  test('a function exported by another instance is checked the same way', () => {
    const { engine, store, linker } = setup(undefined);
    const a = linker.instantiate(store, mod(engine, '(module (func (export "f") (param f32 i32)))'));
    linker.instance(store, 'm', a);
    const e = thrown(() => linker.instantiate(store, mod(engine, '(module (import "m" "f" (func (param i32))))')));
    expect(e.message).toBe('incompatible import type for `m::f`');
    expect((e.cause as Error).message).toBe('types incompatible: expected type `(func (param i32))`, found type `(func (param f32 i32))`');
  });

  test('an equal signature links', () => {
    const { engine, store, linker } = setup(undefined);
    linker.funcWrap('m', 'n', { params: [I32, I64], results: [F32] }, () => 1.5);
    const inst = linker.instantiate(store, mod(engine, `(module (import "m" "n" (func $f (param i32 i64) (result f32)))
      (func (export "go") (result f32) (call $f (i32.const 1) (i64.const 2))))`));
    expect(inst.getFunc(store, 'go')!.call(store)).toEqual([1.5]);
  });
});

describe('globals', () => {
  test('mutability must agree', () => {
    expectMismatch(linkError('(global (mut i32))', (s) => Global.new(s, { type: I32, mutable: false }, 0)),
      'global types incompatible: expected mutable global, found immutable global');
    expectMismatch(linkError('(global i32)', (s) => Global.new(s, { type: I32, mutable: true }, 0)),
      'global types incompatible: expected immutable global, found mutable global');
  });

  test('value types must agree', () => {
    expectMismatch(linkError('(global i64)', (s) => Global.new(s, { type: I32, mutable: false }, 0)),
      'global types incompatible: expected global of type `i64`, found global of type `i32`');
    expectMismatch(linkError('(global (mut externref))', (s) => Global.new(s, { type: FUNCREF, mutable: true }, null)),
      'global types incompatible: expected global of type `externref`, found global of type `funcref`');
  });
});

describe('tables', () => {
  test('element types must be equal', () => {
    expectMismatch(linkError('(table 1 funcref)', (s) => Table.new(s, { min: 1, elemType: EXTERNREF })),
      'table types incompatible: expected table of type `funcref`, found table of type `externref`');
  });

  test('limits use the current size', () => {
    expectMismatch(linkError('(table 2 funcref)', (s) => Table.new(s, { min: 1 })),
      'table types incompatible: expected table limits (min: 2, max: none) doesn\'t match provided table limits (min: 1, max: none)');
    expectMismatch(linkError('(table 1 5 funcref)', (s) => Table.new(s, { min: 1 })),
      'table types incompatible: expected table limits (min: 1, max: 5) doesn\'t match provided table limits (min: 1, max: none)');
    const { engine, store, linker } = setup(undefined);
    const t = Table.new(store, { min: 1, max: 10 });
    linker.define(store, 'm', 'n', t);
    const m = mod(engine, '(module (import "m" "n" (table 3 10 funcref)))');
    expect(() => linker.instantiate(store, m)).toThrow(LinkError);
    t.grow(store, 2);
    expect(() => linker.instantiate(store, m)).not.toThrow();
  });

  test('32-bit and 64-bit tables differ', () => {
    expectMismatch(linkError('(table i64 1 funcref)', (s) => Table.new(s, { min: 1 })),
      'table types incompatible: expected 64-bit table, found 32-bit table');
  });
});

describe('memories', () => {
  test('limits use the current size', () => {
    expectMismatch(linkError('(memory 2)', MEM1),
      'memory types incompatible: expected memory limits (min: 2, max: none) doesn\'t match provided memory limits (min: 1, max: none)');
    expectMismatch(linkError('(memory 1 2)', (s) => Memory.new(s, { min: 1, max: 3 })),
      'memory types incompatible: expected memory limits (min: 1, max: 2) doesn\'t match provided memory limits (min: 1, max: 3)');
    const { engine, store, linker } = setup(undefined);
    const mem = Memory.new(store, { min: 0 });
    linker.define(store, 'm', 'n', mem);
    const m = mod(engine, '(module (import "m" "n" (memory 1)))');
    expect(() => linker.instantiate(store, m)).toThrow(LinkError);
    mem.grow(store, 1);
    expect(() => linker.instantiate(store, m)).not.toThrow();
  });

  test('shared and 64-bit memories differ', () => {
    expectMismatch(linkError('(memory i64 1)', MEM1), 'memory types incompatible: expected 64-bit memory, found 32-bit memory');
    expectMismatch(linkError('(memory 1)', (s) => Memory.new(s, { min: 1, max: 1, shared: true })),
      'memory types incompatible: expected non-shared memory, found shared memory');
  });
});

describe('tags', () => {
  test('tag signatures must be equal', () => {
    expectMismatch(linkError('(tag (param i32))', (s) => Tag.new(s, { params: [I64], results: [] })), 'incompatible tag types');
    const { engine, store, linker } = setup(undefined);
    linker.define(store, 'm', 'n', Tag.new(store, { params: [I32], results: [] }));
    expect(() => linker.instantiate(store, mod(engine, '(module (import "m" "n" (tag (param i32))))'))).not.toThrow();
  });
});

describe('subtyping (GC types, through purewasm\'s own text parser)', async () => {
  const { encodeModule } = await import('../../src/encoder/encode.js');
  const { parseWat } = await import('../../src/text/index.js');
  const { Module } = await import('../../src/index.js');
  const gc = (engine: import('../../src/index.js').Engine, text: string) => Module.new(engine, encodeModule(parseWat(text)));
  const TYPES = `(type $base (sub (func (result funcref))))
    (type $derived (sub $base (func (result (ref func)))))`;

  test('a function of a subtype satisfies an import of its supertype, not the reverse', () => {
    const { engine, store, linker } = setup(undefined);
    const provider = linker.instantiate(store, gc(engine, `(module ${TYPES}
      (func $d (export "derived") (type $derived) (ref.func $d))
      (func $b (export "base") (type $base) (ref.null func)))`));
    linker.instance(store, 'p', provider);
    expect(() => linker.instantiate(store, gc(engine, `(module ${TYPES} (import "p" "derived" (func (type $base))))`))).not.toThrow();
    const e = thrown(() => linker.instantiate(store, gc(engine, `(module ${TYPES} (import "p" "base" (func (type $derived))))`)));
    expect(e.message).toBe('incompatible import type for `p::base`');
    expect((e.cause as Error).message)
      .toBe('types incompatible: expected type `(func (result (ref func)))`, found type `(func (result funcref))`');
  });

  test('an immutable global may have a subtype; a mutable one must be exact', () => {
    const { engine, store, linker } = setup(undefined);
    const provider = linker.instantiate(store, gc(engine, `(module
      (func $f (export "f"))
      (global (export "imm") (ref func) (ref.func $f))
      (global (export "mut") (mut (ref func)) (ref.func $f)))`));
    linker.instance(store, 'p', provider);
    expect(() => linker.instantiate(store, gc(engine, '(module (import "p" "imm" (global funcref)))'))).not.toThrow();
    const e = thrown(() => linker.instantiate(store, gc(engine, '(module (import "p" "mut" (global (mut funcref))))')));
    expect((e.cause as Error).message)
      .toBe('global types incompatible: expected global of type `funcref`, found global of type `(ref func)`');
  });
});
