/**
 * The dispatch loop (src/interp/exec.ts) switches on literal numbers rather than `Iop.X` so that V8
 * builds a jump table even where const enums are not inlined (tsx, vitest). This tool writes the
 * op's name beside each literal (`case 0x6a: /* i32.add *\/`); test/interp/exec-cases.test.ts checks
 * that every name still matches its number. Run after changing op numbering:
 *   npx tsx tools/annotate-exec-cases.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { iopName } from '../src/interp/code.js';

const path = new URL('../src/interp/exec.ts', import.meta.url);
const text = readFileSync(path, 'utf8');
let count = 0;
const out = text.replace(/case (0x[0-9a-f]+):(?: \/\* [^*]* \*\/)?/g, (_m, hex: string) => {
  count++;
  return `case ${hex}: /* ${iopName(Number(hex))} */`;
});
writeFileSync(path, out);
console.log(`annotated ${count} cases`);
