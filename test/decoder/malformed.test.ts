/**
 * Every `(module binary …)` of the spec suite — read with the WAST parser (src/text), or with the
 * tests' own small extractor for a file that parser cannot read yet: plain modules and
 * `assert_invalid` ones decode;
 * `assert_malformed` ones are refused with a CompileError('malformed') whose reason starts with the
 * assertion's text (the spec runner's rule: the expected message is a prefix). Operators in
 * bodies are streamed too, since that is where module creation finds illegal opcodes.
 */
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { CompileError } from '../../src/util/errors.js';
import { streamBodies } from './stream-body.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWast } from '../../src/text/index.js';
import { binariesIn, SUITE_DIR, suiteFiles, type SuiteBinary } from './suite-binaries.js';

/** The custom-descriptors proposal (type descriptors, exact types) is not implemented. */
const SKIP_DIRS = ['proposals/custom-descriptors/'];

const files = suiteFiles().filter((f) => !SKIP_DIRS.some((d) => f.startsWith(d)));

/** The binary modules of one file, with their commands and expected messages. */
function binaries(file: string): SuiteBinary[] {
  let script;
  try {
    script = parseWast(readFileSync(join(SUITE_DIR, file), 'utf8'));
  } catch {
    return binariesIn(file);
  }
  const out: SuiteBinary[] = [];
  for (const c of script.commands) {
    if (!('module' in c)) continue;
    const mod = c.module;
    if (mod === null || typeof mod !== 'object' || mod.source !== 'binary' || !mod.bytes) continue;
    const expected = 'message' in c ? c.message : null;
    out.push({ file, line: mod.loc.line, command: c.kind, bytes: mod.bytes, expected });
  }
  return out;
}

const cases: SuiteBinary[] = files.flatMap(binaries);

function decodeAndStream(b: SuiteBinary): unknown {
  try {
    streamBodies(decodeModule(b.bytes, { customPageSizes: b.file.startsWith('proposals/custom-page-sizes/') }));
    return null;
  } catch (e) {
    return e;
  }
}

describe('spec suite binary modules', () => {
  it('finds the suite and its binary modules', () => {
    expect(cases.filter((c) => c.command === 'assert_malformed').length).toBeGreaterThan(800);
    expect(cases.filter((c) => c.command === 'module').length).toBeGreaterThan(100);
  });

  it('rejects every assert_malformed binary with the expected message', () => {
    const wrong: string[] = [];
    for (const b of cases) {
      if (b.command !== 'assert_malformed') continue;
      const e = decodeAndStream(b);
      const ok = e instanceof CompileError && e.kind === 'malformed' && e.reason.startsWith(b.expected!);
      if (!ok) wrong.push(`${b.file}:${b.line} expected "${b.expected}", got ${e instanceof Error ? e.message : 'a module'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('decodes every well-formed binary (plain modules and assert_invalid ones)', () => {
    const wrong: string[] = [];
    for (const b of cases) {
      if (b.command === 'assert_malformed') continue;
      const e = decodeAndStream(b);
      if (e !== null) wrong.push(`${b.file}:${b.line} (${b.command}): ${e instanceof Error ? e.message : String(e)}`);
    }
    expect(wrong).toEqual([]);
  });
});
