// examples/linker/linking.ts — one module's exports satisfy another's imports.
import { Engine, Module, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

export function main(): string[] {
  const engine = new Engine();
  const store = new Store(engine, undefined);
  const linker = new Linker(engine);

  // `module` instantiates a Reactor once and defines its exports under "math".
  linker.module(store, 'math', Module.new(engine, wat(`(module
    (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))`)));

  // The same definition under a second name.
  linker.alias('math', 'square', 'legacy', 'sq');

  const app = linker.instantiate(store, Module.new(engine, wat(`(module
    (import "math" "square" (func $square (param i32) (result i32)))
    (import "legacy" "sq" (func $sq (param i32) (result i32)))
    (func (export "sum_of_squares") (param i32 i32) (result i32)
      (i32.add (call $square (local.get 0)) (call $sq (local.get 1)))))`)));

  const [result] = app.getFunc(store, 'sum_of_squares')!.call(store, 3, 4);
  return [`3² + 4² = ${result}`];
}
