/**
 * The decoder fuzzer's engine: seeded mutations of module binaries (bit flips, interesting-byte
 * overwrites, insertions, deletions, truncation, slice duplication, LEB128 lengthening, and byte
 * increments/decrements, which also shift section and vector sizes). Each variant is decoded, its
 * bodies streamed as the validator would, and — when it decodes — disassembled with wasm2wat.
 * The only acceptable outcomes are a Module (and its text) or a CompileError; anything else is
 * recorded as a failure with what it takes to reproduce it. Deterministic for a given seed.
 *
 * It does not judge whether a decoded variant is *right* — only that the decoder never crashes,
 * throws a foreign error, or stalls (the slowest variant's time is reported).
 */
import { decodeModule, InstrReader } from '../src/decoder/index.js';
import { wasm2wat } from '../src/disasm/index.js';
import type { Module } from '../src/syntax/module.js';
import { CompileError } from '../src/util/errors.js';

/** mulberry32: a small, fast, seedable PRNG (quality is plenty for picking mutations). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, 0x60, 0x70, 0xfc, 0xfd, 0xfb];

/** One variant of `src` with 1–3 mutations; `src` is not modified. */
export function mutate(src: Uint8Array, next: () => number): Uint8Array {
  let b = Array.from(src);
  const pick = (n: number) => Math.floor(next() * n);
  const rounds = 1 + pick(3);
  for (let k = 0; k < rounds; k++) {
    // Keep most mutations past the header so that variants reach the section decoders.
    const pos = b.length > 8 && next() < 0.95 ? 8 + pick(b.length - 8) : pick(Math.max(b.length, 1));
    switch (pick(8)) {
      case 0: if (b.length) b[pos] = b[pos]! ^ (1 << pick(8)); break;
      case 1: if (b.length) b[pos] = INTERESTING[pick(INTERESTING.length)]!; break;
      case 2: b.splice(pos, 0, pick(256)); break;
      case 3: b.splice(pos, 1 + pick(4)); break;
      case 4: b = b.slice(0, pos); break;
      case 5: {
        const len = 1 + pick(16);
        b.splice(pick(b.length + 1), 0, ...b.slice(pos, pos + len));
        break;
      }
      case 6: {
        // Lengthen a LEB128 byte: same value, one more (redundant) byte — or one too many.
        if (b.length && b[pos]! < 0x80) b.splice(pos, 1, b[pos]! | 0x80, next() < 0.5 ? 0x00 : 0x80);
        break;
      }
      case 7: if (b.length) b[pos] = (b[pos]! + (next() < 0.5 ? 1 : -1)) & 0xff; break;
    }
  }
  return Uint8Array.from(b);
}

/** Streams every body's operators, as module creation does during validation. */
export function streamBodies(m: Module): void {
  for (const code of m.codes) {
    const ir = new InstrReader(code.body.bytes, 0, code.body.bytes.length, code.body.offset);
    while (!ir.atEnd()) ir.next();
  }
}

export interface FuzzFailure {
  seedIndex: number;
  variant: number;
  bytes: Uint8Array;
  error: unknown;
}

export interface FuzzReport {
  variants: number;
  decoded: number;
  rejected: number;
  failures: FuzzFailure[];
  slowestMs: number;
}

/**
 * Decodes `count` variants of the `seeds` (round robin), with PRNG seed `seed`.
 * @param onProgress called every `progressEvery` variants
 * @param disassemble also run wasm2wat on each variant that decodes
 */
export function fuzzDecoder(seeds: readonly Uint8Array[], count: number, seed = 1,
  onProgress?: (done: number) => void, disassemble = true, progressEvery = 10_000): FuzzReport {
  const next = rng(seed);
  const report: FuzzReport = { variants: 0, decoded: 0, rejected: 0, failures: [], slowestMs: 0 };
  for (let v = 0; v < count; v++) {
    const seedIndex = v % seeds.length;
    const bytes = mutate(seeds[seedIndex]!, next);
    const t0 = performance.now();
    try {
      const m = decodeModule(bytes);
      streamBodies(m);
      // The disassembler must cope with whatever decodes, valid or not (its one documented
      // refusal: more locals than text can hold).
      if (disassemble && !m.codes.some((c) => c.numLocals > 10_000_000)) wasm2wat(m);
      report.decoded++;
    } catch (e) {
      if (e instanceof CompileError) report.rejected++;
      else report.failures.push({ seedIndex, variant: v, bytes, error: e });
    }
    const ms = performance.now() - t0;
    if (ms > report.slowestMs) report.slowestMs = ms;
    report.variants++;
    if (onProgress && (v + 1) % progressEvery === 0) onProgress(v + 1);
  }
  return report;
}
