/**
 * GC references at the API: structs made by wasm go out and come back in, checked against the
 * parameter's type; i31 references are integers; foreign objects are refused for struct and eq
 * types and internalized as host references for anyref. (Modules come from our own WAT parser:
 * wabt does not read GC syntax.)
 */
import { expect, test } from 'vitest';
import { watToWasm } from '../../src/cli/load.js';
import { Engine, Instance, Module, Store } from '../../src/index.js';

const engine = new Engine();
const store = new Store(engine, undefined);
const inst = Instance.new(store, Module.new(engine, watToWasm(`(module
  (type $point (struct (field i32) (field i32)))
  (type $other (struct (field f64)))
  (func (export "make") (param i32 i32) (result (ref $point)) (struct.new $point (local.get 0) (local.get 1)))
  (func (export "other") (result (ref $other)) (struct.new $other (f64.const 1)))
  (func (export "sum") (param (ref $point)) (result i32)
    (i32.add (struct.get $point 0 (local.get 0)) (struct.get $point 1 (local.get 0))))
  (func (export "i31") (param i31ref) (result i32) (i31.get_s (local.get 0)))
  (func (export "isStruct") (param anyref) (result i32) (ref.test (ref struct) (local.get 0)))
  (func (export "id") (param anyref) (result anyref) (local.get 0)))`)), []);
const f = (name: string) => inst.getFunc(store, name)!;

test('a struct from wasm can be passed back to wasm', () => {
  const [p] = f('make').call(store, 3, 4);
  expect(f('sum').call(store, p)).toEqual([7]);
  expect(f('isStruct').call(store, p)).toEqual([1]);
});

test('a struct of another type, or a foreign object, is refused', () => {
  const [o] = f('other').call(store);
  expect(() => f('sum').call(store, o)).toThrow(TypeError);
  expect(() => f('sum').call(store, { fields: [1, 2] })).toThrow(TypeError);
});

test('i31 references are integers in range', () => {
  expect(f('i31').call(store, -5)).toEqual([-5]);
  expect(() => f('i31').call(store, 2 ** 30)).toThrow(TypeError);
});

test('anyref internalizes host values and gives them back unchanged', () => {
  const host = { any: 'thing' };
  expect(f('id').call(store, host)).toEqual([host]);
  expect(f('isStruct').call(store, host)).toEqual([0]);
  expect(f('id').call(store, 12)).toEqual([12]);
});
