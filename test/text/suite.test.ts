/**
 * The text parser against the whole official suite: every .wast parses as a script, every text
 * module in it was encoded and decodes with the decoder, every `module quote` that is not meant to
 * be malformed parses, and every `assert_malformed (module quote …)` is rejected. Prints a per-file
 * count. Files the parser does not handle are listed with their reason and must keep failing (so
 * the list is updated when support lands).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWast, parseWat } from '../../src/text/index.js';
import { ParseError } from '../../src/util/errors.js';
import type { WastCommand, WastModule } from '../../src/text/wast-script.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { listWastFiles, locateTestsuite } from '../../spec-tests/locate.js';

/** Files with text modules not handled (they parse as scripts; those modules are kept as source), with why. */
const NOT_HANDLED = new Map<string, string>([
  ...['array_new_exact', 'br_on_cast_desc_eq', 'br_on_cast_desc_eq_fail', 'descriptors', 'exact-casts',
    'exact-func-import', 'exact', 'ref_cast_desc_eq', 'ref_get_desc', 'struct_new_desc'].map((f): [string, string] => [
    `proposals/custom-descriptors/${f}.wast`,
    'custom-descriptors proposal: `exact` types and descriptor instructions are not in the opcode table',
  ]),
]);

/** Individual malformed quote modules accepted on purpose, with why. */
const MALFORMED_ACCEPTED = new Map<string, string>([
  ['proposals/threads/memory.wast', 'the threads proposal predates memory64-style limits: 3.0 (memory.wast) reads `(memory 0x1_0000_0000)` as invalid, not malformed'],
]);

/** Malformed quotes rejected with other words than the suite's, with why (file:line). */
const OTHER_WORDING = new Map<string, string>([
  ['annotations.wast:70', '`( @a)`: we see an unexpected token, the reference an unknown operator `@a`'],
  ['annotations.wast:94', '`((@a)@b)`: as above'],
  ['annotations.wast:78', 'a newline in a quoted annotation id: we report the unclosed string'],
  ['id.wast:29', 'a newline in a quoted identifier: we report the unclosed string'],
  ['id.wast:30', 'a tab in a quoted identifier: we report the illegal character'],
]);

interface Counts { scripts: number; modules: number; decoded: number; malformedRejected: number; quotesParsed: number }

function walk(cmds: readonly WastCommand[], visit: (c: WastCommand, m: WastModule) => void): void {
  const pending = [...cmds];
  while (pending.length > 0) {
    const c = pending.shift()!;
    if (c.kind === 'thread') pending.unshift(...c.commands);
    else if ('module' in c && c.module !== null && typeof c.module === 'object') visit(c, c.module);
  }
}

const root = locateTestsuite();
const files = root === null ? [] : listWastFiles(root);
const decodeOptions = { customPageSizes: true };

describe.skipIf(root === null)('text parser on the official suite', () => {
  const totals: Counts = { scripts: 0, modules: 0, decoded: 0, malformedRejected: 0, quotesParsed: 0 };
  const rows: string[] = [];

  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(root!, file), 'utf8');
      const why = NOT_HANDLED.get(file);
      const script = parseWast(text);
      const n: Counts = { scripts: 1, modules: 0, decoded: 0, malformedRejected: 0, quotesParsed: 0 };
      const problems: string[] = [];
      walk(script.commands, (c, m) => {
        if (m.source === 'text') {
          n.modules++;
          expect(m.bytes).not.toBeNull();
          // Malformed text modules are kept as quotes; these should all decode.
          try {
            decodeModule(m.bytes!, decodeOptions);
            n.decoded++;
          } catch (e) {
            problems.push(`line ${m.loc.line}: encoded module does not decode: ${(e as Error).message}`);
          }
        } else if (m.source === 'quote') {
          let err: unknown = null;
          try {
            encodeModule(parseWat(m.quote!));
          } catch (e) {
            err = e;
          }
          if (c.kind === 'assert_malformed') {
            const reason = err instanceof ParseError ? err.reason : String(err);
            const at = `${file}:${c.loc.line}`;
            if (err !== null && !reason.startsWith(c.message) && !OTHER_WORDING.has(at)) {
              problems.push(`line ${c.loc.line}: rejected with "${reason}", expected "${c.message}"`);
            }
            if (err !== null) n.malformedRejected++;
            else if (!MALFORMED_ACCEPTED.has(file)) problems.push(`line ${m.loc.line}: malformed quote accepted`);
          } else if (c.kind !== 'assert_malformed_custom' && c.kind !== 'assert_invalid_custom') {
            if (err === null) n.quotesParsed++;
            else problems.push(`line ${m.loc.line}: quote module rejected: ${(err as Error).message}`);
          }
        }
      });
      for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += n[k];
      rows.push(`${file}: ${n.modules} modules encoded (${n.decoded} decode), ${n.malformedRejected} malformed rejected, ${n.quotesParsed} quotes parsed`);
      if (why !== undefined) {
        // Its text modules that use the unsupported syntax were kept as source and fail to parse.
        rows.push(`${file}: ${problems.length} text modules not handled (${why})`);
        expect(problems.length, why).toBeGreaterThan(0);
        for (const p of problems) expect(p).toMatch(/quote module rejected/);
        return;
      }
      expect(problems).toEqual([]);
    });
  }

  it('reports the counts', () => {
    if (process.env.PUREWASM_TEXT_REPORT) console.log(rows.join('\n'));
    console.log(`text suite: ${totals.scripts} scripts parsed, ${totals.modules} text modules encoded, ` +
      `${totals.decoded} decoded, ${totals.malformedRejected} malformed quotes rejected, ${totals.quotesParsed} quotes parsed; ` +
      `${NOT_HANDLED.size} files with modules not handled`);
    expect(totals.scripts).toBe(files.length);
  });
});
