/**
 * The spec suite through decode + validate: every `assert_invalid` must be refused with a reason
 * starting with the expected message, and every module command (plain or `definition`) must pass,
 * with a private type registry and with one shared by the whole run (as an engine shares it).
 * One test per .wast file; per-file counts go to the console. Cases this validator cannot judge
 * are listed in SKIPS with the reason (files whose text the parser does not read yet are counted as
 * "unparsed", not failed, so this test follows the parser's progress without editing).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import type { Module } from '../../src/syntax/module.js';
import { parseWast, parseWat, type WastCommand, type WastModule } from '../../src/text/index.js';
import { CompileError } from '../../src/util/errors.js';
import { TypeRegistry, validateModule, type ValidateOptions } from '../../src/validate/index.js';

const SUITE = process.env.WASM_TESTSUITE ?? '/work/shared/wasm-testsuite';

/** Whole directories outside WebAssembly 3.0. */
const SKIP_DIRS: Record<string, string> = {
  'proposals/custom-descriptors': 'custom descriptors proposal, not part of WebAssembly 3.0',
};

/** Single cases, by `file:line`, with the reason they are not judged here. */
const SKIPS: Record<string, string> = {};

/** Files written for an earlier spec version, validated with its rules. */
function optionsFor(file: string): ValidateOptions {
  // The threads proposal's tests predate multi-memory (which 3.0 includes).
  return file.startsWith('proposals/threads/') ? { multiMemory: false } : {};
}

function wastFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const rel = relative(SUITE, p);
      if (statSync(p).isDirectory()) {
        if (!(rel in SKIP_DIRS)) walk(p);
      } else if (name.endsWith('.wast')) out.push(rel);
    }
  };
  walk(SUITE);
  return out;
}

interface Counts { valid: number; invalid: number; skipped: number; unparsed: number }
const summary = new Map<string, Counts>();
const notHandled: string[] = [];

/** The module of a command as a Module structure, or a string saying why it cannot be read. */
function load(wm: WastModule): Module | string {
  try {
    if (wm.source === 'quote') return parseWat(wm.quote!);
    return decodeModule(wm.bytes!);
  } catch (e) {
    return `not readable: ${(e as Error).message}`;
  }
}

const shared = new TypeRegistry();

function verdict(m: Module, registry: TypeRegistry, file: string): CompileError | null {
  try {
    validateModule(m, registry, optionsFor(file));
    return null;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return e;
  }
}

function flatten(cmds: WastCommand[]): WastCommand[] {
  const out: WastCommand[] = [];
  for (const c of cmds) {
    if (c.kind === 'thread') out.push(...flatten(c.commands));
    else out.push(c);
  }
  return out;
}

describe('spec suite: decode + validate', () => {
  for (const file of wastFiles()) {
    it(file, () => {
      const counts: Counts = { valid: 0, invalid: 0, skipped: 0, unparsed: 0 };
      summary.set(file, counts);
      let commands: WastCommand[];
      try {
        commands = flatten(parseWast(readFileSync(join(SUITE, file), 'utf8')).commands);
      } catch (e) {
        counts.unparsed++;
        notHandled.push(`${file}: text parser: ${(e as Error).message}`);
        return;
      }
      const failures: string[] = [];
      for (const c of commands) {
        if (c.kind !== 'module' && c.kind !== 'assert_invalid') continue;
        const where = `${file}:${(c.kind === 'module' ? c.module.loc : c.loc).line}`;
        if (where in SKIPS) { counts.skipped++; continue; }
        const m = load(c.module);
        if (typeof m === 'string') {
          counts.unparsed++;
          notHandled.push(`${where}: ${m}`);
          continue;
        }
        const error = verdict(m, new TypeRegistry(), file);
        // One registry shared by the whole suite, as an engine shares it: same verdict required.
        const sharedError = verdict(m, shared, file);
        if (sharedError?.reason !== error?.reason) {
          failures.push(`${where}: shared registry gives "${sharedError?.reason}", private "${error?.reason}"`);
        }
        if (c.kind === 'module') {
          if (error === null) counts.valid++;
          else failures.push(`${where}: valid module refused: ${error.reason}`);
        } else if (error === null) {
          failures.push(`${where}: accepted, expected "${c.message}"`);
        } else if (!error.reason.startsWith(c.message)) {
          failures.push(`${where}: got "${error.reason}", expected "${c.message}"`);
        } else {
          counts.invalid++;
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

afterAll(() => {
  const t: Counts = { valid: 0, invalid: 0, skipped: 0, unparsed: 0 };
  for (const c of summary.values()) {
    t.valid += c.valid; t.invalid += c.invalid; t.skipped += c.skipped; t.unparsed += c.unparsed;
  }
  const rows = [...summary].filter(([, c]) => c.skipped + c.unparsed > 0)
    .map(([f, c]) => `  ${f}: ${c.valid} valid, ${c.invalid} invalid, ${c.skipped} skipped, ${c.unparsed} unparsed`);
  console.log(`validate suite: ${t.valid} valid modules accepted, ${t.invalid} invalid modules refused as expected, ` +
    `${t.skipped} skipped, ${t.unparsed} not readable\n${rows.join('\n')}` +
    (notHandled.length ? `\nnot handled:\n  ${notHandled.slice(0, 40).join('\n  ')}` : ''));
});
