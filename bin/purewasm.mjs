#!/usr/bin/env node
// The purewasm command. It runs the compiled CLI from dist/ (built by `npm run build`, which
// `npm install` runs through the `prepare` script); during development use `npx tsx src/cli/main.ts`.
import { main } from '../dist/cli/main.js';

process.exitCode = main(process.argv.slice(2));
