// examples/linker/stores.ts — one InstancePre, many stores.
import { Engine, I32, Module, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

interface Request { id: number; log: string[] }

export function main(): string[] {
  const engine = new Engine();
  const linker = new Linker<Request>(engine);
  // Host functions belong to no store: one linker serves every store of the engine.
  linker.funcWrap('host', 'request_id', { params: [], results: [I32] }, (caller) => caller.data.id);

  const module = Module.new(engine, wat(`(module
    (import "host" "request_id" (func $id (result i32)))
    (func (export "handle") (result i32) (i32.mul (call $id) (i32.const 100))))`));

  // Resolve and type-check the imports once…
  const pre = linker.instantiatePre(module);

  // …then instantiate cheaply, in a fresh store per request.
  const out: string[] = [];
  for (const id of [1, 2, 3]) {
    const store = new Store<Request>(engine, { id, log: [] });
    const [result] = pre.instantiate(store).getFunc(store, 'handle')!.call(store);
    out.push(`request ${id} → ${result}`);
  }
  return out;
}
