/**
 * Seed modules for the decoder fuzzer: every well-formed `(module binary …)` of the spec suite,
 * plus the suite's text modules turned into binaries by purewasm's WAST parser and encoder
 * (src/text, src/encoder), falling back to wabt (a dev dependency; MVP and common proposals only)
 * for files that parser cannot read. Modules neither can build are left out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodeModule } from '../src/decoder/index.js';
import { parseWast } from '../src/text/index.js';
import { allSuiteBinaries, SUITE_DIR, suiteFiles, textModulesIn } from '../test/decoder/suite-binaries.js';

/** Well-formed binaries written as such in the suite. */
export function suiteBinarySeeds(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const b of allSuiteBinaries()) {
    if (b.command === 'assert_malformed') continue;
    try {
      decodeModule(b.bytes, { customPageSizes: true });
      out.push(b.bytes);
    } catch {
      // a proposal the decoder does not implement
    }
  }
  return out;
}

/**
 * Text modules of the suite (every command's module, assertions included, except malformed
 * ones) as encoded by purewasm's WAST parser; files it cannot read yet are compiled by wabt.
 * At most `limit` modules.
 */
export async function suiteTextSeeds(limit = Infinity): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const missed: string[] = [];
  for (const file of suiteFiles()) {
    let script;
    try {
      script = parseWast(readFileSync(join(SUITE_DIR, file), 'utf8'));
    } catch {
      missed.push(file);
      continue;
    }
    for (const c of script.commands) {
      if (out.length >= limit) return out;
      if (!('module' in c) || c.kind === 'assert_malformed') continue;
      const mod = c.module;
      if (mod !== null && typeof mod === 'object' && mod.source === 'text' && mod.bytes) out.push(mod.bytes);
    }
  }
  if (out.length < limit) out.push(...await wabtSeeds(limit - out.length, missed));
  return out;
}

/** Text modules of the suite (or of `files`) compiled by wabt (at most `limit`). */
export async function wabtSeeds(limit = Infinity, files: string[] = suiteFiles()): Promise<Uint8Array[]> {
  // wabt is itself WebAssembly: without the host's (node --jitless) there is nothing to add.
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'undefined') return [];
  const require = createRequire(import.meta.url);
  const wabt = await (require('wabt') as () => Promise<WabtModule>)();
  const features = {
    exceptions: true, mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true,
    threads: true, multi_value: true, tail_call: true, bulk_memory: true, reference_types: true,
    memory64: true, multi_memory: true, extended_const: true, relaxed_simd: true,
  };
  const out: Uint8Array[] = [];
  for (const file of files) {
    for (const { text } of textModulesIn(file)) {
      if (out.length >= limit) return out;
      try {
        const m = wabt.parseWat(file, text, features);
        out.push(new Uint8Array(m.toBinary({}).buffer));
        m.destroy();
      } catch {
        // wabt lacks a feature this module uses
      }
    }
  }
  return out;
}

interface WabtModule {
  parseWat(name: string, text: string, features: object): { toBinary(o: object): { buffer: ArrayLike<number> }; destroy(): void };
}
