/**
 * Command: mutation-fuzz the decoder. `npx tsx tools/fuzz-decoder.ts [count=100000] [seed=1]`.
 * Prints a summary; exits 1 if any variant produced something other than a Module or a
 * CompileError, writing each such variant to fuzz-failures/ for reproduction.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fuzzDecoder } from './fuzz-decoder-lib.js';
import { suiteBinarySeeds, suiteTextSeeds } from './fuzz-decoder-seeds.js';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);

const seeds = [...suiteBinarySeeds(), ...(await suiteTextSeeds())];
console.log(`${seeds.length} seed modules; ${count} variants; PRNG seed ${seed}`);
const t0 = performance.now();
const report = fuzzDecoder(seeds, count, seed, (n) => process.stdout.write(`\r${n} variants`));
const secs = (performance.now() - t0) / 1000;
console.log(`\n${report.variants} variants in ${secs.toFixed(1)} s: ${report.decoded} decoded, ` +
  `${report.rejected} rejected with CompileError, ${report.failures.length} failures; ` +
  `slowest variant ${report.slowestMs.toFixed(1)} ms`);
if (report.failures.length > 0) {
  mkdirSync('fuzz-failures', { recursive: true });
  for (const f of report.failures.slice(0, 20)) {
    const file = `fuzz-failures/seed${seed}-v${f.variant}.wasm`;
    writeFileSync(file, f.bytes);
    console.log(file, f.error);
  }
  process.exit(1);
}
