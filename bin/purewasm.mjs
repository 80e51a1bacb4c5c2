#!/usr/bin/env node
// The purewasm command. It runs the compiled CLI from dist/ (built by `npm run build`, which
// `npm install` runs through the `prepare` script); during development use `npx tsx src/cli/main.ts`.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('purewasm: dist/ is missing; run `npm run build` first (or use `npx tsx src/cli/main.ts`)\n');
    process.exit(1);
  }
  throw e;
}
process.exitCode = cli.main(process.argv.slice(2));
