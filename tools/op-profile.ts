/**
 * Dynamic profile of the interpreter's internal ops: runs a benchmark kernel (bench/wasm/<name>.wasm)
 * on an instrumented copy of the dispatch loop and prints how often each internal op and each pair
 * of consecutive ops ran. Tells which super-instructions would remove the most dispatches.
 *
 *   npx tsx tools/op-profile.ts <kernel> [n] [--pairs 30] [--ops 30]
 *
 * The copy (src/interp/exec-profile.gen.ts, git-ignored) is src/interp/exec.ts with one counting
 * call before each dispatch; the product's loop is never instrumented.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine, Instance, Module, Store } from '../src/index.js';
import { iopName } from '../src/interp/code.js';
import { Thread } from '../src/interp/index.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pairs: { type: 'string', default: '30' }, ops: { type: 'string', default: '30' } },
});
const [kernel, nArg] = positionals;
if (!kernel) throw new Error('usage: tools/op-profile.ts <kernel> [n]');

const execPath = fileURLToPath(new URL('../src/interp/exec.ts', import.meta.url));
const genPath = fileURLToPath(new URL('../src/interp/exec-profile.gen.ts', import.meta.url));
const source = readFileSync(execPath, 'utf8');
const hook = 'switch (c[pc])';
if (!source.includes(hook)) throw new Error(`exec.ts no longer dispatches with '${hook}'`);
writeFileSync(
  genPath,
  source.replace(hook, 'switch (globalThis.__pwCount(c[pc]!))').replace(/^/, '// @ts-nocheck\n'),
);

const counts = new Map<number, number>();
const pairs = new Map<number, number>();
let prev = -1;
(globalThis as unknown as { __pwCount: (op: number) => number }).__pwCount = (op) => {
  counts.set(op, (counts.get(op) ?? 0) + 1);
  const key = prev * 0x10000 + op;
  pairs.set(key, (pairs.get(key) ?? 0) + 1);
  prev = op;
  return op;
};
const { execute } = (await import(genPath)) as { execute: (t: Thread) => number };

const bytes = readFileSync(fileURLToPath(new URL(`../bench/wasm/${kernel}.wasm`, import.meta.url)));
const engine = new Engine({});
const store = new Store(engine, undefined);
const instance = Instance.new(store, Module.new(engine, bytes), []);
const run = instance.getFunc(store, 'run');
if (!run) throw new Error('kernel exports no run');
const t = new Thread();
t.start(run.inst, [Number(nArg ?? 1)]);
execute(t);
console.log(`${kernel}(${nArg ?? 1}) = ${String(t.results()[0])}`);

const total = [...counts.values()].reduce((a, b) => a + b, 0);
const pct = (n: number): string => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(`\n${total} ops dispatched\n\nop counts:`);
for (const [op, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, Number(values.ops))) {
  console.log(`${pct(n)}  ${iopName(op)}`);
}
console.log('\nconsecutive pairs:');
for (const [key, n] of [...pairs].sort((a, b) => b[1] - a[1]).slice(0, Number(values.pairs))) {
  const a = Math.floor(key / 0x10000);
  console.log(`${pct(n)}  ${a < 0 ? '(start)' : iopName(a)} → ${iopName(key % 0x10000)}`);
}
