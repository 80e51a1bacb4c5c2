/**
 * Command: mutation-fuzz the decoder. `npx tsx tools/fuzz-decoder.ts [count=100000] [seed=1]`.
 * The fuzzing runs in a worker; if it makes no progress for 30 seconds (override with
 * FUZZ_STALL_MS), that is a hang: the worker is stopped and the command fails naming the last
 * variant reached. Prints a summary; exits 1 on a hang or if any variant produced something other
 * than a Module or a CompileError, writing each such variant to fuzz-failures/ for reproduction.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FuzzReport } from './fuzz-decoder-lib.js';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const STALL_MS = Number(process.env.FUZZ_STALL_MS ?? 30_000);

type WorkerReport = Omit<FuzzReport, 'failures'> & {
  failures: { seedIndex: number; variant: number; bytes: number[]; error: string }[];
};

const t0 = performance.now();
// The worker is TypeScript: a small bootstrap registers tsx's loader in it, then imports it.
const workerUrl = new URL('./fuzz-decoder-worker.ts', import.meta.url).href;
const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
const worker = new Worker(bootstrap, { eval: true, workerData: { count, seed } });
let done = 0;
let timer = setTimeout(stalled, STALL_MS * 4); // loading the seeds takes a while

function stalled(): void {
  console.log(`\nno progress for ${STALL_MS / 1000} s after variant ${done} (PRNG seed ${seed}): a hang`);
  void worker.terminate();
  process.exit(1);
}

worker.on('message', (msg: { seeds?: number; progress?: number; report?: WorkerReport }) => {
  clearTimeout(timer);
  timer = setTimeout(stalled, STALL_MS);
  if (msg.seeds !== undefined) console.log(`${msg.seeds} seed modules; ${count} variants; PRNG seed ${seed}`);
  if (msg.progress !== undefined) {
    done = msg.progress;
    if (done % 10_000 === 0) process.stdout.write(`\r${done} variants`);
  }
  if (msg.report) {
    clearTimeout(timer);
    finish(msg.report);
  }
});
worker.on('error', (e) => {
  clearTimeout(timer);
  console.log(`\nworker failed after variant ${done}:`, e);
  process.exit(1);
});

function finish(report: WorkerReport): void {
  const secs = (performance.now() - t0) / 1000;
  console.log(`\n${report.variants} variants in ${secs.toFixed(1)} s: ${report.decoded} decoded, ` +
    `${report.rejected} rejected with CompileError, ${report.failures.length} failures; ` +
    `slowest variant ${report.slowestMs.toFixed(1)} ms`);
  if (report.failures.length > 0) {
    mkdirSync('fuzz-failures', { recursive: true });
    for (const f of report.failures.slice(0, 20)) {
      const file = `fuzz-failures/seed${seed}-v${f.variant}.wasm`;
      writeFileSync(file, Uint8Array.from(f.bytes));
      console.log(file, f.error);
    }
    process.exit(1);
  }
  process.exit(0);
}
