// examples/linker/hello.ts — host functions, the Caller, and guest memory.
import { Engine, I32, Memory, Module, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

export function main(): string[] {
  const engine = new Engine();
  // The store's host data: here, the lines the guest prints.
  const store = new Store<string[]>(engine, []);
  const linker = new Linker<string[]>(engine);

  // A host function: the Caller gives the store's data and the calling instance's exports.
  linker.funcWrap('env', 'print', { params: [I32, I32], results: [] }, (caller, ptr: number, len: number) => {
    const memory = caller.getExport('memory') as Memory;
    caller.data.push(new TextDecoder().decode(memory.read(caller.store, ptr, len)));
  });

  const module = Module.new(engine, wat(`(module
    (import "env" "print" (func $print (param i32 i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "Hello, linker!")
    (func (export "run") (call $print (i32.const 16) (i32.const 14))))`));

  const instance = linker.instantiate(store, module);
  instance.getFunc(store, 'run')!.call(store);
  return store.data;
}
