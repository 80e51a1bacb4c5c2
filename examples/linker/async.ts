// examples/linker/async.ts — a host function that returns a Promise suspends the wasm caller.
import { Engine, I32, Module, Store } from '../../src/index.js';
import { callAsync, Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function main(): Promise<string[]> {
  const engine = new Engine();
  const store = new Store<string[]>(engine, []);
  const linker = new Linker<string[]>(engine);

  linker.funcWrapAsync('env', 'lookup', { params: [I32], results: [I32] }, async (caller, key: number) => {
    caller.data.push(`lookup(${key}) started`);
    await sleep(1); // wasm is suspended here, on its own stack; other JS runs meanwhile
    caller.data.push(`lookup(${key}) done`);
    return key * 2;
  });

  const instance = linker.instantiate(store, Module.new(engine, wat(`(module
    (import "env" "lookup" (func $lookup (param i32) (result i32)))
    (func (export "total") (result i32)
      (i32.add (call $lookup (i32.const 20)) (call $lookup (i32.const 1)))))`)));

  const pending = callAsync(store, instance.getFunc(store, 'total')!);
  store.data.push('the caller keeps running');
  const [total] = await pending;
  store.data.push(`total = ${total}`);
  return store.data;
}
