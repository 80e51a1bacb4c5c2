/**
 * Runs one job of jobs.ts in a process of its own and prints its result as JSON. With
 * `--polyfill`, purewasm's polyfill is imported first (start node with `--jitless` so that the
 * host has no WebAssembly and the polyfill installs itself).
 *
 *   node --jitless --import tsx test/jsapi/packages/run-job.ts --polyfill sql.js
 */
const args = process.argv.slice(2);
if (args.includes('--polyfill')) {
  const { installed } = await import('../../../src/jsapi/polyfill.js');
  if (!installed) throw new Error('the host already has a WebAssembly: start node with --jitless');
}
const { JOBS } = await import('./jobs.js');
const name = args.filter((a) => a !== '--polyfill')[0]!;
const job = JOBS[name];
if (job === undefined) throw new Error(`no job ${name}`);
const t0 = performance.now();
const result = await job();
process.stdout.write(JSON.stringify({ result, ms: Math.round(performance.now() - t0) }) + '\n');
