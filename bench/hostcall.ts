/**
 * `npx tsx bench/hostcall.ts`: host-call overhead. A wasm loop calls an imported host function
 * `f(i) = i + 1` n times and sums the results, so each iteration is one wasm → host → wasm round
 * trip. Measured side by side in one process:
 *
 * - `v8`: the same module on V8's native WebAssembly with a plain JS import (the baseline);
 * - purewasm through the Linker: `funcWrap` (API values, the idiomatic form), `funcNew` (API
 *   values in arrays), `funcNewUnchecked` (raw slots, no conversions);
 * - purewasm `Func.newRaw`: a runtime host function without the Linker (no Caller), to show
 *   what the Linker's layer costs;
 * - purewasm `wasm-callee`: the same loop calling a wasm function instead, i.e. the loop's own
 *   cost, so the host-call overhead is the difference;
 * - the other direction, host → wasm: JS calling an exported `inc` n times through `Func.call`
 *   (API values) and `Func.callRaw` (raw values), against V8's exported function.
 *
 * Figures: calls per second from the median CPU time (process.cpuUsage) of several rounds after a
 * warm-up, and the ratio to V8 measured in the same run. Every variant's checksum must equal V8's;
 * a wrong one is reported and not timed. purewasm is measured from dist/ (tsc's build: `const
 * enum`s inlined, unlike tsx), which this script builds first unless `--no-build`.
 *
 * Options: --n 200000 (round trips per round), --n-back (host → wasm calls per round; default
 * n / 50, as each such call starts a new interpreter thread), --rounds 7, --no-build. Run under `node --jitless` with
 * `node --jitless --import tsx bench/hostcall.ts --no-build` (V8's WebAssembly is then absent and
 * its rows are skipped).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeModule } from '../src/encoder/encode.js';
import { parseWat } from '../src/text/index.js';
import { median } from './stats.js';

type Purewasm = typeof import('../src/index.js');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const WAT = `(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (func $g (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "host_loop") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  (func (export "wasm_loop") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $g (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`;

interface Options { n: number; nBack: number; rounds: number; build: boolean }

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { n: 200_000, nBack: NaN, rounds: 7, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--n') o.n = Number(argv[++i]);
    else if (a === '--n-back') o.nBack = Number(argv[++i]);
    else if (a === '--rounds') o.rounds = Number(argv[++i]);
    else if (a === '--no-build') o.build = false;
    else throw new Error(`unknown option ${a}`);
  }
  if (Number.isNaN(o.nBack)) o.nBack = Math.max(1000, Math.round(o.n / 50));
  if (![o.n, o.nBack, o.rounds].every((x) => Number.isInteger(x) && x >= 1)) throw new Error('--n, --n-back and --rounds take positive integers');
  return o;
}

/** A variant: runs n round trips and returns the checksum (an i32, as unsigned text). */
type Variant = (n: number) => string;

const u32 = (v: unknown): string => String(Number(v) >>> 0);

/** The expected checksum: sum of (i + 1) for i = 1..n, modulo 2^32. */
function expected(n: number): string {
  return String(Number((BigInt(n) * BigInt(n + 1) / 2n + BigInt(n)) % 2n ** 32n));
}

/** CPU seconds (user + system) that `fn` takes. */
function cpuSeconds(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1e6;
}

function measure(variant: Variant, n: number, rounds: number): { callsPerSec: number; ok: boolean; got: string } {
  const want = expected(n);
  const got = variant(n); // warm-up, and the checksum
  if (got !== want) return { callsPerSec: NaN, ok: false, got };
  variant(n);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push(cpuSeconds(() => variant(n)));
  return { callsPerSec: n / median(times), ok: true, got };
}

/** A JS loop calling an exported `inc` n times, summing as the wasm loop does. */
function hostToWasm(inc: (x: number) => number): Variant {
  return (n) => {
    let acc = 0;
    for (let i = n; i > 0; i--) acc = (acc + inc(i)) | 0;
    return u32(acc);
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (o.build) {
    console.error('building dist/ with tsc (const enums inlined) …');
    const b = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) console.error(`tsc reported errors (dist/ was still emitted):\n${(b.stdout ?? '').slice(0, 1000)}`);
  }
  // purewasm's own text parser (wabt needs the host WebAssembly, absent under --jitless).
  const bytes = encodeModule(parseWat(WAT));

  const pw = (await import(DIST)) as Purewasm;
  const { Engine, Store, Module, I32 } = pw;
  const engine = new Engine();
  const module = Module.new(engine, bytes);
  const sig = { params: [I32], results: [I32] };

  const linked = (define: (l: InstanceType<Purewasm['Linker']>) => void, exportName: string): Variant => {
    const store = new Store(engine, undefined);
    const linker = new pw.Linker(engine);
    define(linker);
    const f = linker.instantiate(store, module).getFunc(store, exportName)!;
    return (n) => u32(f.call(store, n)[0]);
  };

  const rows: Array<[string, Variant | null]> = [];
  const native = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  let v8Inc: ((x: number) => number) | null = null;
  if (native !== undefined) {
    const inst = new native.Instance(new native.Module(bytes as Uint8Array<ArrayBuffer>), { env: { f: (x: number) => (x + 1) | 0 } });
    const loop = inst.exports['host_loop'] as (n: number) => number;
    v8Inc = inst.exports['inc'] as (x: number) => number;
    rows.push(['v8 (native WebAssembly, JS import)', (n) => u32(loop(n))]);
  }
  rows.push(['purewasm funcWrap', linked((l) => l.funcWrap('env', 'f', sig, (_c, x: number) => (x + 1) | 0), 'host_loop')]);
  rows.push(['purewasm funcNew', linked((l) => l.funcNew('env', 'f', sig, (_c, p, r) => { r[0] = ((p[0] as number) + 1) | 0; }), 'host_loop')]);
  rows.push(['purewasm funcNewUnchecked', linked((l) => l.funcNewUnchecked('env', 'f', sig, (_c, s) => { s[0] = ((s[0] as number) + 1) | 0; }), 'host_loop')]);
  rows.push(['purewasm Func.newRaw (runtime, no Linker, no Caller)', (() => {
    const store = new Store(engine, undefined);
    const f = pw.Func.newRaw(store, sig, (args) => [((args[0] as number) + 1) | 0]);
    const loop = pw.Instance.new(store, module, [f]).getFunc(store, 'host_loop')!;
    return (n: number) => u32(loop.call(store, n)[0]);
  })()]);
  rows.push(['purewasm wasm-callee (loop cost, no host call)', linked((l) => l.funcWrap('env', 'f', sig, (_c, x: number) => x), 'wasm_loop')]);

  // host → wasm
  const store = new Store(engine, undefined);
  const inc = new pw.Linker(engine).funcWrap('env', 'f', sig, (_c, x: number) => x).instantiate(store, module).getFunc(store, 'inc')!;
  const back: Array<[string, Variant | null]> = [];
  if (v8Inc !== null) back.push(['v8 exported function', hostToWasm(v8Inc)]);
  back.push(['purewasm Func.call', hostToWasm((x) => inc.call(store, x)[0] as number)]);
  back.push(['purewasm Func.callRaw', hostToWasm((x) => inc.callRaw(store, [x])[0] as number)]);

  const report = (title: string, list: Array<[string, Variant | null]>, n: number): void => {
    console.log(`\n### ${title} (n = ${n.toLocaleString('en')}, median of ${o.rounds})\n`);
    console.log('| variant | calls/s | ns per call | × V8 |');
    console.log('|---|---:|---:|---:|');
    let base = NaN;
    for (const [name, v] of list) {
      if (v === null) continue;
      const r = measure(v, n, o.rounds);
      if (!r.ok) {
        console.log(`| ${name} | wrong checksum ${r.got} (expected ${expected(n)}) | | |`);
        continue;
      }
      if (name.startsWith('v8')) base = r.callsPerSec;
      const ratio = Number.isNaN(base) ? '–' : `${(base / r.callsPerSec).toFixed(1)}×`;
      console.log(`| ${name} | ${Math.round(r.callsPerSec).toLocaleString('en')} | ${(1e9 / r.callsPerSec).toFixed(0)} | ${ratio} |`);
    }
  };
  console.log(`# Host-call overhead (node ${process.version}${native === undefined ? ', --jitless: no native WebAssembly' : ''})`);
  report('wasm → host → wasm round trips', rows, o.n);
  report('host → wasm calls', back, o.nBack);
}

await main();
