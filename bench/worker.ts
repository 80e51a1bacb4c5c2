/**
 * One measuring process: loads each requested kernel into one engine, warms it up, times several
 * calls and prints one JSON line per kernel (`CellResult`) on stdout. run.ts starts a fresh
 * process of this per (engine, kernel, node flags) so that no engine's JIT state or heap leaks
 * into another's numbers.
 *
 * Time is the process's CPU time (user + system) around each call — on a shared machine that is
 * steadier than wall time, which is recorded too. A cell stops early once its CPU-time budget is
 * spent (at least one measured call always runs), so slow rows such as `--jitless` stay bounded.
 * Warm-up: at least `warmup` calls and `minWarmupMs`, except that an engine whose calls take
 * seconds stops warming up after the first call or two (that is warm-up enough for its JIT).
 *
 * Usage (normally from run.ts): `node [--jitless] --import tsx bench/worker.ts '<Job as JSON>'`.
 */
import { kernelBytes } from './kernels.js';
import { load, type EngineName } from './engines.js';

/** What run.ts asks one worker to do. */
export interface Job {
  engine: EngineName;
  kernels: { name: string; arg: number }[];
  warmup: number;
  /**
   * Keep warming up until this many ms have been spent too: V8 tiers a wasm function up from
   * Liftoff to TurboFan only after it has run for a while, so a few short calls are not enough.
   */
  minWarmupMs: number;
  rounds: number;
  /** Stop measuring a kernel after this many seconds of CPU time (warm-up included). */
  budgetSeconds: number;
}

/** One kernel's measurements in one engine. */
export interface CellResult {
  kernel: string;
  engine: EngineName;
  jitless: boolean;
  arg: number;
  /** Checksum of every call (all calls must agree), or null when the engine failed. */
  checksum: string | null;
  /** Error text when loading or running failed (e.g. an unsupported feature). */
  error?: string;
  loadMs: number;
  /** Per measured call: CPU ms and wall ms. */
  cpuMs: number[];
  wallMs: number[];
}

/** Warm-up CPU time after which further warm-up calls (beyond the first) are skipped. */
const WARM_ENOUGH_MS = 1500;

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function measure(job: Job, name: string, arg: number): Promise<CellResult> {
  const jitless = process.execArgv.includes('--jitless');
  const cell: CellResult = { kernel: name, engine: job.engine, jitless, arg, checksum: null, loadMs: 0, cpuMs: [], wallMs: [] };
  try {
    const bytes = kernelBytes(name);
    const t0 = performance.now();
    const run = await load(job.engine, bytes);
    cell.loadMs = performance.now() - t0;
    const deadline = cpuNow() + job.budgetSeconds * 1000;
    const check = (sum: string) => {
      if (cell.checksum === null) cell.checksum = sum;
      else if (cell.checksum !== sum) throw new Error(`checksum changed between calls: ${cell.checksum} then ${sum}`);
    };
    const warmStart = cpuNow();
    for (let i = 0; i < Math.max(job.warmup, 1); i++) {
      const spent = cpuNow() - warmStart;
      // One call that takes seconds has warmed the JIT as much as several: stop after WARM_ENOUGH_MS.
      if (i > 0 && (spent >= WARM_ENOUGH_MS || cpuNow() >= deadline)) break;
      check(run(arg));
    }
    while (cpuNow() - warmStart < job.minWarmupMs && cpuNow() < deadline) check(run(arg));
    for (let i = 0; i < job.rounds && (i === 0 || cpuNow() < deadline); i++) {
      const w0 = performance.now(), c0 = cpuNow();
      const sum = run(arg);
      cell.cpuMs.push(cpuNow() - c0);
      cell.wallMs.push(performance.now() - w0);
      check(sum);
    }
  } catch (e) {
    cell.error = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  return cell;
}

const job = JSON.parse(process.argv[2] ?? '') as Job;
for (const k of job.kernels) {
  const cell = await measure(job, k.name, k.arg);
  process.stdout.write(JSON.stringify(cell) + '\n');
}
