/**
 * Start-up figures for purewasm (from its tsc build in dist/) on a large generated module (the
 * generator of bench/decode.ts, ≥ 10 MB of code): decode, validate and instantiate times and
 * MB/s; the time from bytes to the first call's return with lazy translation, cold (first thing
 * this process does) and warm; and the memory held by translated code relative to the wasm code
 * size, both counted (the typed arrays the interpreter keeps per function) and as growth of the
 * heap plus external memory (where typed arrays live) with eager translation.
 *
 * The generated functions may loop for a long time (a countdown from 0 wraps around), so the first
 * call runs on a fuel-metered engine with a small fuel allowance and counts as done when it
 * returns or runs out of fuel: what is timed is everything before execution settles in.
 *
 * Decode, validate and Module.new are given as medians of 9 runs in wall time and in CPU time (the
 * latter steadier on a shared machine). Run with `node --expose-gc --import tsx bench/startup.ts
 * [MB=12]` (run.ts does); prints readable lines and, last, one JSON line.
 */
import { fileURLToPath } from 'node:url';
import type { ModuleInst } from '../src/core/instance.js';
import type { CompiledFunc } from '../src/interp/translate.js';
import { generateModule } from './decode.js';
import { PUREWASM_DIST } from './engines.js';
import { median } from './stats.js';

type Purewasm = typeof import('../src/index.js');
type Decoder = typeof import('../src/decoder/index.js');
type Validator = typeof import('../src/validate/index.js');

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const FIRST_CALL_FUEL = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus memory outside it (typed arrays' backing stores live there). */
function heapUsed(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Times `f`, after a collection so that garbage from the previous run is not charged to it. */
function time<T>(f: () => T): [T, number] {
  gc?.();
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/**
 * Wall and CPU (user + system) milliseconds of `f`, after a collection. On the shared development
 * machine wall time mostly measures the other processes (a load of 10 on 2 cores triples it); CPU
 * time moves far less, so the MB/s figures are given for both.
 */
function timeBoth(f: () => void): { wall: number; cpu: number } {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Medians of wall and CPU times over `runs` runs of `f`. */
function medianBoth(runs: number, f: () => void): { wall: number; cpu: number } {
  const ts = Array.from({ length: runs }, () => timeBoth(f));
  return { wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) };
}

async function main(): Promise<void> {
  const mbWanted = Number(process.argv[2] ?? 12);
  const pw = (await import(PUREWASM_DIST)) as Purewasm;
  const { decodeModule } = (await import(`${DIST}decoder/index.js`)) as Decoder;
  const { validateModule } = (await import(`${DIST}validate/index.js`)) as Validator;
  const bytes = generateModule(mbWanted);
  const mb = bytes.length / 1e6;

  // Cold: bytes → Module → Instance → first call, before anything else has warmed the JIT.
  const firstCall = (): { total: number; module: number; instance: number; call: number } => {
    const engine = new pw.Engine({ consumeFuel: true });
    const store = new pw.Store(engine, undefined);
    const t0 = performance.now();
    const module = pw.Module.new(engine, bytes);
    const t1 = performance.now();
    const instance = pw.Instance.new(store, module, []);
    const t2 = performance.now();
    store.setFuel(FIRST_CALL_FUEL);
    // Finishes, or pauses when the fuel is spent: either way the call has started executing.
    instance.getFunc(store, 'main')!.callResumable(store, 1, 2);
    const t3 = performance.now();
    return { total: t3 - t0, module: t1 - t0, instance: t2 - t1, call: t3 - t2 };
  };
  const cold = firstCall();

  const runs = 9;
  const decodeT = medianBoth(runs, () => decodeModule(bytes));
  const ast = decodeModule(bytes);
  const validateT = medianBoth(runs, () => validateModule(ast));
  const engine = new pw.Engine();
  const moduleT = medianBoth(runs, () => pw.Module.new(engine, bytes));
  const decodeMs = decodeT.wall, validateMs = validateT.wall, moduleMs = moduleT.wall;
  const module = pw.Module.new(engine, bytes);
  const instantiateMs = median(Array.from({ length: runs }, () => time(() => pw.Instance.new(new pw.Store(engine, undefined), module, []))[1]));
  const warm = Array.from({ length: 3 }, firstCall);
  const warmFirstCall = median(warm.map((w) => w.total));

  // Memory held by translated code: translate every function (eager), then count.
  const codeBytes = module.ast.codes.reduce((n, c) => n + c.body.bytes.length, 0);
  const lazyEngine = new pw.Engine({ compilation: 'lazy' });
  const eagerEngine = new pw.Engine({ compilation: 'eager' });
  const lazyModule = pw.Module.new(lazyEngine, bytes);
  const eagerModule = pw.Module.new(eagerEngine, bytes);
  const h0 = heapUsed();
  const lazy = pw.Instance.new(new pw.Store(lazyEngine, undefined), lazyModule, []);
  const h1 = heapUsed();
  const [eager, eagerMs] = time(() => pw.Instance.new(new pw.Store(eagerEngine, undefined), eagerModule, []));
  const h2 = heapUsed();
  let codeWords = 0, mapWords = 0, translated = 0;
  // Instance.inst is internal (the core ModuleInst); reading it here is the bench's business only.
  for (const f of (eager as unknown as { inst: ModuleInst }).inst.funcs) {
    const cf = f.kind === 'wasm' ? (f.compiled as CompiledFunc | null) : null;
    if (!cf) continue;
    translated++;
    codeWords += cf.code.length;
    mapWords += cf.srcMap.length;
  }
  void lazy;
  const heapPerInstanceLazy = h1 - h0;
  const heapPerInstanceEager = h2 - h1;

  const r = {
    moduleMB: mb, functions: module.ast.codes.length, codeBytes,
    decodeMs, validateMs, moduleNewMs: moduleMs,
    decodeMBs: mb / (decodeMs / 1000), decodeValidateMBs: mb / (moduleMs / 1000),
    decodeCpuMs: decodeT.cpu, validateCpuMs: validateT.cpu, moduleNewCpuMs: moduleT.cpu,
    decodeValidateCpuMBs: mb / (moduleT.cpu / 1000),
    instantiateLazyMs: instantiateMs, instantiateEagerMs: eagerMs,
    firstCallCold: cold, firstCallWarmMs: warmFirstCall, firstCallFuel: FIRST_CALL_FUEL,
    translatedFunctions: translated,
    internalCodeBytes: codeWords * 4, sourceMapBytes: mapWords * 4,
    heapLazyInstanceBytes: heapPerInstanceLazy, heapEagerInstanceBytes: heapPerInstanceEager,
    gcExposed: gc !== undefined,
  };
  const f1 = (x: number) => x.toFixed(1);
  console.log(`Module: ${f1(mb)} MB (generated by bench/decode.ts), ${r.functions} functions, ${f1(codeBytes / 1e6)} MB of function bodies.`);
  console.log();
  const both = (t: { wall: number; cpu: number }) =>
    `${f1(t.wall)} ms | ${f1(mb / (t.wall / 1000))} MB/s | ${f1(t.cpu)} ms | ${f1(mb / (t.cpu / 1000))} MB/s |`;
  console.log(`| step | time | speed | CPU time | speed (CPU) |`);
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| decode | ${both(decodeT)}`);
  console.log(`| validate | ${both(validateT)}`);
  console.log(`| Module.new (decode + validate + type registry) | ${both(moduleT)}`);
  console.log(`| Instance.new, lazy translation | ${f1(instantiateMs)} ms | | | |`);
  console.log(`| Instance.new, eager (translates all ${translated} functions) | ${f1(eagerMs)} ms | ${f1(codeBytes / 1e6 / (eagerMs / 1000))} MB/s of code | | |`);
  console.log(`| bytes → first call, cold process (lazy) | ${f1(cold.total)} ms | module ${f1(cold.module)} + instance ${f1(cold.instance)} + call ${f1(cold.call)} | | |`);
  console.log(`| bytes → first call, warm (lazy) | ${f1(warmFirstCall)} ms | | | |`);
  console.log();
  console.log(`The first call is \`main\` (function 0) run for ${FIRST_CALL_FUEL} fuel on a metering engine (generated code may loop long).`);
  console.log(`Translated code held: ${f1(r.internalCodeBytes / 1e6)} MB of internal code + ${f1(r.sourceMapBytes / 1e6)} MB of pc→offset maps ` +
    `= ${((r.internalCodeBytes + r.sourceMapBytes) / codeBytes).toFixed(2)}× the wasm code size ` +
    `(${(r.internalCodeBytes / codeBytes).toFixed(2)}× without the maps).`);
  if (gc) {
    console.log(`Heap + external memory growth: ${f1(heapPerInstanceLazy / 1e6)} MB for a lazy instance, ${f1(heapPerInstanceEager / 1e6)} MB for an eager one ` +
      `(${(heapPerInstanceEager / codeBytes).toFixed(2)}× the wasm code size).`);
  }
  console.log();
  const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
  console.log(`Targets (issue 5): decode + validate ≥ 30 MB/s: ${f1(r.decodeValidateMBs)} MB/s wall, ${f1(r.decodeValidateCpuMBs)} MB/s CPU → ${verdict(r.decodeValidateMBs >= 30)}; ` +
    `first call of a ≥ 10 MB module within 1 s (lazy, cold process): ${f1(cold.total)} ms → ${verdict(mb >= 10 && cold.total <= 1000)}.`);
  console.log(JSON.stringify(r));
}

await main();
