/**
 * Worker side of `tools/fuzz-decoder.ts`: runs the fuzzer and reports progress to the main thread,
 * which stops it if progress stalls (a hang). Messages: {progress: n} every 1,000 variants, then
 * {report} with failures' bytes as plain arrays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fuzzDecoder } from './fuzz-decoder-lib.js';
import { suiteBinarySeeds, suiteTextSeeds } from './fuzz-decoder-seeds.js';

const { count, seed } = workerData as { count: number; seed: number };
const seeds = [...suiteBinarySeeds(), ...(await suiteTextSeeds())];
parentPort!.postMessage({ seeds: seeds.length });
const report = fuzzDecoder(seeds, count, seed, (n) => parentPort!.postMessage({ progress: n }), true, 1000);
parentPort!.postMessage({
  report: {
    ...report,
    failures: report.failures.map((f) => ({ ...f, bytes: Array.from(f.bytes), error: String((f.error as Error)?.stack ?? f.error) })),
  },
});
