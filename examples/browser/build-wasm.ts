/** Encodes fib.wat to fib.wasm with purewasm's own text parser (run after editing fib.wat). */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watToWasm } from '../../src/cli/load.js';

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'fib.wasm'), watToWasm(readFileSync(join(here, 'fib.wat'), 'utf8')));
