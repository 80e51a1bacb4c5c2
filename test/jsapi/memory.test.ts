/**
 * WebAssembly.Memory, after the spec's test/js-api/memory/{constructor,grow,buffer}.any.js: the
 * descriptor's conversions and errors, `buffer` identity, detaching on grow (from JS and from
 * wasm), limits, and the interface's layout. Runs on purewasm and, as an oracle, on V8.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, thrown, wasm } from './helpers.js';

describe.each(IMPLEMENTATIONS)('Memory (%s)', (impl, WA) => {
  test('interface: constructor length and name, prototype layout', () => {
    expect(WA.Memory.length).toBe(1);
    expect(WA.Memory.name).toBe('Memory');
    expect(Object.prototype.toString.call(new WA.Memory({ initial: 0 }))).toBe('[object WebAssembly.Memory]');
    const grow = Object.getOwnPropertyDescriptor(WA.Memory.prototype, 'grow')!;
    expect(grow).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect((grow.value as () => void).length).toBe(1);
    const buffer = Object.getOwnPropertyDescriptor(WA.Memory.prototype, 'buffer')!;
    expect(buffer).toMatchObject({ enumerable: true, configurable: true, set: undefined });
    expect(typeof buffer.get).toBe('function');
  });

  test('must be called with new', () => {
    expect(thrown(() => (WA.Memory as unknown as (d: object) => unknown)({ initial: 1 }))).toBeInstanceOf(TypeError);
  });

  test.each([
    ['missing descriptor', undefined],
    ['non-object descriptor', 1],
    ['missing initial', {}],
    ['NaN initial', { initial: NaN }],
    ['Infinity initial', { initial: Infinity }],
    ['negative initial', { initial: -1 }],
    ['initial past 2^32-1', { initial: 2 ** 32 }],
    ['BigInt initial', { initial: 1n }],
    ['NaN maximum', { initial: 0, maximum: NaN }],
    ['bad address', { initial: 0, address: 'i16' }],
  ])('TypeError for %s', (name, desc) => {
    if (impl === 'v8' && name === 'bad address') return; // Node 20's V8 predates memory64's `address`
    expect(thrown(() => new WA.Memory(desc as WebAssembly.MemoryDescriptor))).toBeInstanceOf(TypeError);
  });

  test.each([
    ['initial above 65536 pages', { initial: 65537 }],
    ['maximum above 65536 pages', { initial: 0, maximum: 65537 }],
    ['maximum below initial', { initial: 2, maximum: 1 }],
  ])('RangeError for %s', (_name, desc) => {
    expect(thrown(() => new WA.Memory(desc))).toBeInstanceOf(RangeError);
  });

  test('descriptor members are read once each, in order', () => {
    const order: string[] = [];
    const desc = {
      get initial() { order.push('initial'); return { valueOf() { order.push('initial valueOf'); return 1; } }; },
      get maximum() { order.push('maximum'); return { valueOf() { order.push('maximum valueOf'); return 2; } }; },
    };
    new WA.Memory(desc as unknown as WebAssembly.MemoryDescriptor);
    expect(order).toEqual(['initial', 'initial valueOf', 'maximum', 'maximum valueOf']);
  });

  test('a new memory is zeroed, with the initial size; buffer is the same object until a grow', () => {
    const m = new WA.Memory({ initial: 2, maximum: 3 });
    const b = m.buffer;
    expect(b).toBeInstanceOf(ArrayBuffer);
    expect(b.byteLength).toBe(2 * 65536);
    expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
    expect(m.buffer).toBe(b);
  });

  test('grow returns the old size, detaches the old buffer and keeps the contents', () => {
    const m = new WA.Memory({ initial: 1, maximum: 3 });
    const old = m.buffer;
    new Uint8Array(old)[10] = 42;
    expect(m.grow(2)).toBe(1);
    expect(old.byteLength).toBe(0);
    expect(m.buffer.byteLength).toBe(3 * 65536);
    expect(new Uint8Array(m.buffer)[10]).toBe(42);
    expect(thrown(() => m.grow(1))).toBeInstanceOf(RangeError);
    expect(m.buffer.byteLength).toBe(3 * 65536);
  });

  test('grow by zero still replaces and detaches the buffer', () => {
    const m = new WA.Memory({ initial: 1 });
    const old = m.buffer;
    new Uint8Array(old)[0] = 7;
    expect(m.grow(0)).toBe(1);
    expect(m.buffer).not.toBe(old);
    expect(old.byteLength).toBe(0);
    expect(new Uint8Array(m.buffer)[0]).toBe(7);
  });

  test('grow argument conversions: TypeError for out-of-range deltas', () => {
    const m = new WA.Memory({ initial: 0 });
    for (const d of [-1, 2 ** 32, NaN, Infinity, 1n]) expect(thrown(() => m.grow(d as number))).toBeInstanceOf(TypeError);
    expect(m.grow(1.9)).toBe(0);
    expect(m.buffer.byteLength).toBe(65536);
  });

  test('memory.grow inside wasm detaches the buffer JS holds', () => {
    const { exports } = new WA.Instance(new WA.Module(wasm(`(module (memory (export "m") 1)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`)));
    const m = exports.m as WebAssembly.Memory;
    const view = new Uint8Array(m.buffer);
    expect((exports.grow as (n: number) => number)(1)).toBe(1);
    expect(view.byteLength).toBe(0);
    (exports.store as (a: number, v: number) => void)(65536 + 5, 9);
    expect(new Uint8Array(m.buffer)[65536 + 5]).toBe(9);
  });

  test('brand checks: methods and getters on other objects throw TypeError', () => {
    const grow = WA.Memory.prototype.grow;
    const buffer = Object.getOwnPropertyDescriptor(WA.Memory.prototype, 'buffer')!.get!;
    for (const that of [undefined, null, {}, WA.Memory.prototype, new WA.Global({ value: 'i32' })]) {
      expect(thrown(() => grow.call(that, 0))).toBeInstanceOf(TypeError);
      expect(thrown(() => buffer.call(that))).toBeInstanceOf(TypeError);
    }
  });
});

describe('Memory with 64-bit addresses (purewasm; after memory/constructor-memory64 and grow-memory64)', () => {
  const [, WA] = IMPLEMENTATIONS[0]!;

  test('address values are read with ToBigInt and must fit in 64 bits', () => {
    expect(new WA.Memory({ address: 'i64', initial: 4n }).buffer.byteLength).toBe(4 * 65536);
    expect(new WA.Memory({ address: 'i64', initial: '3' }).buffer.byteLength).toBe(3 * 65536);
    expect(new WA.Memory({ address: 'i64', initial: true }).buffer.byteLength).toBe(65536);
    for (const v of [-1n, 2n ** 64n, 1]) {
      expect(thrown(() => new WA.Memory({ address: 'i64', initial: v }))).toBeInstanceOf(TypeError);
      expect(thrown(() => new WA.Memory({ address: 'i64', initial: 0n, maximum: v }))).toBeInstanceOf(TypeError);
    }
    expect(thrown(() => new WA.Memory({ address: 'i64', initial: 10n, maximum: 9n }))).toBeInstanceOf(RangeError);
  });

  test('grow takes and returns BigInts and detaches the old buffer', () => {
    const m = new WA.Memory({ address: 'i64', initial: 0n, maximum: 2n });
    const old = m.buffer;
    expect(m.grow(1n)).toBe(0n);
    expect(old.byteLength).toBe(0);
    expect(m.grow(1n)).toBe(1n);
    expect(thrown(() => m.grow(1n))).toBeInstanceOf(RangeError);
    for (const v of [-1n, 2n ** 64n, '0x10000000000000000', 1]) expect(thrown(() => m.grow(v))).toBeInstanceOf(TypeError);
    expect(m.buffer.byteLength).toBe(2 * 65536);
  });
});

describe('shared memories (purewasm)', () => {
  const [, WA] = IMPLEMENTATIONS[0]!;

  test('need a maximum, and satisfy imports of shared memories only', () => {
    expect(thrown(() => new WA.Memory({ initial: 1, shared: true }))).toBeInstanceOf(TypeError);
    const shared = new WA.Memory({ initial: 1, maximum: 2, shared: true });
    const bytes = wasm('(module (import "m" "mem" (memory 1 2 shared)))');
    expect(new WA.Instance(new WA.Module(bytes), { m: { mem: shared } })).toBeInstanceOf(WA.Instance);
    const plain = new WA.Memory({ initial: 1, maximum: 2 });
    expect(thrown(() => new WA.Instance(new WA.Module(bytes), { m: { mem: plain } }))).toBeInstanceOf(WA.LinkError);
  });
});
