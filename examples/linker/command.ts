// examples/linker/command.ts — Commands get a fresh instance per call; Reactors keep one.
import { Engine, Func, Module, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

const counter = (entry: string) => wat(`(module
  (global $counter (mut i32) (i32.const 0))
  (func (export "${entry}") (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (func (export "read_counter") (result i32) (global.get $counter)))`);

export function main(): string[] {
  const engine = new Engine();
  const store = new Store(engine, undefined);
  const linker = new Linker(engine);
  const out: string[] = [];

  // Exports `_start`: a Command. Every call runs in a new instance.
  linker.module(store, 'command', Module.new(engine, counter('_start')));
  const start = linker.get(store, 'command', '_start') as Func;
  start.call(store);
  start.call(store);
  start.call(store);
  out.push(`command counter: ${(linker.get(store, 'command', 'read_counter') as Func).call(store)[0]}`);

  // Exports neither `_start` nor `_initialize`: a Reactor. One instance, state persists.
  linker.module(store, 'reactor', Module.new(engine, counter('bump')));
  const bump = linker.get(store, 'reactor', 'bump') as Func;
  bump.call(store);
  bump.call(store);
  bump.call(store);
  out.push(`reactor counter: ${(linker.get(store, 'reactor', 'read_counter') as Func).call(store)[0]}`);
  return out;
}
