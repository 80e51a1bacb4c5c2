/**
 * Seed modules for the decoder fuzzer: every well-formed `(module binary …)` of the spec suite,
 * plus text modules of the suite turned into binaries — by purewasm's own WAT parser and encoder
 * when they are present (src/text, src/encoder), else by wabt (a dev dependency; MVP and common
 * proposals only). Modules neither can build are left out.
 */
import { createRequire } from 'node:module';
import { decodeModule } from '../src/decoder/index.js';
import { allSuiteBinaries, suiteFiles, textModulesIn } from '../test/decoder/suite-binaries.js';

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

/** Text modules of the suite compiled by wabt (at most `limit`). */
export async function wabtSeeds(limit = Infinity): Promise<Uint8Array[]> {
  const require = createRequire(import.meta.url);
  const wabt = await (require('wabt') as () => Promise<WabtModule>)();
  const features = {
    exceptions: true, mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true,
    threads: true, multi_value: true, tail_call: true, bulk_memory: true, reference_types: true,
    memory64: true, multi_memory: true, extended_const: true, relaxed_simd: true,
  };
  const out: Uint8Array[] = [];
  for (const file of suiteFiles()) {
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
