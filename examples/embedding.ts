/**
 * examples/embedding.ts — the runtime API without a Linker: compile a module, give it a host
 * function that reads a string out of wasm memory, call exports with typed values (i64 as
 * bigint), catch a trap with its backtrace, and run a long loop in fuel-limited slices.
 *
 *   npx tsx examples/embedding.ts
 */
import { fileURLToPath } from 'node:url';
import { watToWasm } from '../src/cli/load.js';
import { Engine, formatTrap, Func, I32, Instance, Module, Store, Trap, type Memory, type ResumableCall } from '../src/index.js';

const TEXT = `(module
  (import "host" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm")
  (func (export "greet") (call $log (i32.const 16) (i32.const 15)))
  (func (export "fib") (param $n i64) (result i64) (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done (loop $next
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $t (i64.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br $next)))
    (local.get $a))
  (func (export "crash") (param i32) (result i32) (i32.rem_s (i32.const 7) (local.get 0))))`;

/** Runs the example; returns the lines it would print. */
export function main(): string[] {
  const out: string[] = [];
  const engine = new Engine({ consumeFuel: true });
  const store = new Store<{ memory: Memory | null }>(engine, { memory: null });
  const module = Module.new(engine, watToWasm(TEXT));

  // Host functions get API values; this one reads (pointer, length) from the instance's memory,
  // which it finds in the store's data once the instance exists.
  const log = Func.new(store, { params: [I32, I32], results: [] }, (ptr: number, len: number) => {
    const bytes = store.data.memory!.read(store, ptr, len);
    out.push(`log: ${new TextDecoder().decode(bytes)}`);
  });
  const instance = Instance.new(store, module, [log]);
  store.data.memory = instance.getMemory(store, 'memory')!;

  store.setFuel(1_000_000);
  instance.getFunc(store, 'greet')!.call(store);
  out.push(`fib(90) = ${instance.getFunc(store, 'fib')!.call(store, 90n)[0]}`);

  try {
    instance.getFunc(store, 'crash')!.call(store, 0);
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    out.push(formatTrap(e).split('\n')[0]!);
  }

  // Time slicing: 100 fuel per slice; the call pauses when a slice is used up.
  store.setFuel(100);
  let call: ResumableCall = instance.getFunc(store, 'fib')!.callResumable(store, 80n);
  let slices = 1;
  while (!call.done) {
    store.setFuel(100);
    slices++;
    call = call.resume(store);
  }
  out.push(`fib(80) = ${call.results[0]} in ${slices} slices`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(main().join('\n'));
