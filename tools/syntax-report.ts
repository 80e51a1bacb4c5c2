/**
 * Issue 2's reading check over the whole official suite, per file: every module a script expects
 * to be well-formed parses (text) or decodes (binary), and every `assert_malformed` is rejected —
 * quote modules by the text parser, binary modules at module creation (decode, then the
 * validator's operator stream, where the spec's "illegal opcode" and friends are found).
 * Nothing is executed. Prints a table and the list of what is not handled, with reasons.
 *
 *   npx tsx tools/syntax-report.ts [--all]      (--all: print every file, not only the totals and exceptions)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listWastFiles, locateTestsuite } from '../spec-tests/locate.js';
import { decodeModule } from '../src/decoder/index.js';
import { encodeModule } from '../src/encoder/encode.js';
import { parseWast, parseWat } from '../src/text/index.js';
import type { WastCommand, WastModule } from '../src/text/wast-script.js';
import { CompileError, ParseError } from '../src/util/errors.js';
import { validateModule } from '../src/validate/index.js';

/** Files outside WebAssembly 3.0 that purewasm does not read yet, with why. */
const NOT_HANDLED = new Map<string, string>([
  ['proposals/custom-descriptors/', 'custom-descriptors proposal (beyond 3.0): `exact` types and descriptor instructions are not implemented'],
]);

interface Counts {
  wellFormed: number;
  wellFormedOk: number;
  malformed: number;
  malformedRejected: number;
  problems: string[];
  /** Rejections for another reason than the script expects (still rejections). */
  notes: string[];
}

/** The module of a command that the script expects to be well-formed (it may still be invalid). */
function wellFormedModule(cmd: WastCommand): WastModule | null {
  switch (cmd.kind) {
    case 'module': return cmd.module;
    case 'assert_invalid': case 'assert_unlinkable': case 'assert_uninstantiable':
      return cmd.module;
    case 'assert_trap': return cmd.module;
    default: return null;
  }
}

function moduleBytes(m: WastModule): Uint8Array {
  if (m.bytes) return m.bytes;
  return encodeModule(parseWat(m.quote ?? ''));
}

function checkFile(root: string, file: string, customPageSizes: boolean): Counts {
  const c: Counts = { wellFormed: 0, wellFormedOk: 0, malformed: 0, malformedRejected: 0, problems: [], notes: [] };
  const script = parseWast(readFileSync(join(root, file), 'utf8'));
  const pending: WastCommand[] = [...script.commands];
  while (pending.length > 0) {
    const cmd = pending.shift()!;
    if (cmd.kind === 'thread') { pending.unshift(...cmd.commands); continue; }
    const wf = wellFormedModule(cmd);
    if (wf) {
      c.wellFormed++;
      try {
        decodeModule(moduleBytes(wf), { customPageSizes });
        c.wellFormedOk++;
      } catch (e) {
        c.problems.push(`line ${wf.loc.line}: well-formed module refused: ${(e as Error).message}`);
      }
    } else if (cmd.kind === 'assert_malformed') {
      c.malformed++;
      try {
        const bytes = moduleBytes(cmd.module);
        validateModule(decodeModule(bytes, { customPageSizes }));
        c.problems.push(`line ${cmd.loc.line}: malformed module accepted (expected "${cmd.message}")`);
      } catch (e) {
        if (e instanceof ParseError || (e instanceof CompileError && e.kind === 'malformed')) c.malformedRejected++;
        else if (e instanceof CompileError) {
          c.malformedRejected++;
          c.notes.push(`line ${cmd.loc.line}: rejected as invalid, not malformed: ${e.reason} (expected "${cmd.message}")`);
        } else c.problems.push(`line ${cmd.loc.line}: crashed: ${(e as Error).stack}`);
      }
    }
  }
  return c;
}

const root = locateTestsuite();
if (!root) throw new Error('official test suite not found (set WASM_TESTSUITE)');
const all = process.argv.includes('--all');
const total: Counts = { wellFormed: 0, wellFormedOk: 0, malformed: 0, malformedRejected: 0, problems: [], notes: [] };
const rows: string[] = [];
const skipped: string[] = [];
let files = 0;
for (const file of listWastFiles(root)) {
  const reason = [...NOT_HANDLED].find(([prefix]) => file.startsWith(prefix))?.[1];
  if (reason) { skipped.push(`${file}: ${reason}`); continue; }
  files++;
  const c = checkFile(root, file, file.startsWith('proposals/custom-page-sizes/'));
  total.wellFormed += c.wellFormed; total.wellFormedOk += c.wellFormedOk;
  total.malformed += c.malformed; total.malformedRejected += c.malformedRejected;
  for (const p of c.problems) total.problems.push(`${file} ${p}`);
  for (const n of c.notes) total.notes.push(`${file} ${n}`);
  if (all || c.problems.length > 0 || c.notes.length > 0) {
    rows.push(`${file.padEnd(60)} ${`${c.wellFormedOk}/${c.wellFormed}`.padStart(11)} ${`${c.malformedRejected}/${c.malformed}`.padStart(11)}`);
  }
}
console.log(`${'file'.padEnd(60)} ${'well-formed'.padStart(11)} ${'malformed'.padStart(11)}`);
for (const r of rows) console.log(r);
console.log(`${'TOTAL'.padEnd(60)} ${`${total.wellFormedOk}/${total.wellFormed}`.padStart(11)} ${`${total.malformedRejected}/${total.malformed}`.padStart(11)}`);
console.log(`\n${files} files read; well-formed = modules parsed/decoded of those the scripts expect well-formed; malformed = rejected of assert_malformed.`);
if (total.notes.length) console.log(`\nrejected for another reason than expected:\n  ${total.notes.join('\n  ')}`);
if (total.problems.length) console.log(`\nproblems:\n  ${total.problems.join('\n  ')}`);
console.log(`\nnot handled (${skipped.length} files):\n  ${skipped.join('\n  ')}`);
process.exitCode = total.problems.length ? 1 : 0;
