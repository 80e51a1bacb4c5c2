/**
 * Benchmark (a command, not a test): decoding speed on a generated module of ≥ 10 MB — many
 * functions whose bodies mix what compilers emit (locals, integer and float arithmetic, loads and
 * stores, blocks, loops, if/else, calls, multi-byte constants). Reports decode MB/s, and decode +
 * validate MB/s when the validator is present, as the median CPU time of several runs; host WebAssembly
 * compilation of the same bytes is shown for scale (V8, not used by purewasm itself).
 *
 * Also reports how fast InstrReader streams the bodies' operators (what the validator and the
 * translator pay on top of decoding).
 *
 * Run: `npx tsx bench/decode.ts [MB=12] [runs=7]`.
 */
import { pathToFileURL } from 'node:url';
import { decodeModule, InstrReader } from '../src/decoder/index.js';
import type { Module } from '../src/syntax/module.js';
import { rng } from '../tools/fuzz-decoder-lib.js';

const targetMB = Number(process.argv[2] ?? 12);
const runs = Number(process.argv[3] ?? 7);

class Out {
  bytes: number[] = [];
  u8(...b: number[]): void { for (const x of b) this.bytes.push(x); }
  u32(n: number): void {
    do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; this.bytes.push(b); } while (n);
  }
  s32(n: number): void {
    for (;;) {
      const b = n & 0x7f; n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { this.bytes.push(b); return; }
      this.bytes.push(b | 0x80);
    }
  }
  f64(x: number): void { this.bytes.push(...new Uint8Array(new Float64Array([x]).buffer)); }
}

// Function type 0: (param i32 i32) (result i32); locals 2..5 are i32, 6..7 are f64.
const L = { a: 0, b: 1, x: 2, y: 3, z: 4, i: 5, f: 6, g: 7 };

/** One stack-neutral statement chosen by `r`; `fi` is the function's index (calls go backwards). */
function statement(o: Out, r: () => number, fi: number): void {
  const pick = (n: number) => Math.floor(r() * n);
  const ilocal = () => [L.a, L.b, L.x, L.y, L.z, L.i][pick(6)]!;
  const iset = () => [L.x, L.y, L.z, L.i][pick(4)]!;
  switch (pick(9)) {
    case 0: o.u8(0x20, ilocal(), 0x41); o.s32(pick(1 << 20) - (1 << 19)); o.u8(0x6a, 0x21, iset()); break;
    case 1: o.u8(0x20, ilocal(), 0x20, ilocal(), 0x6c, 0x41); o.s32(pick(4096)); o.u8(0x73, 0x21, iset()); break;
    case 2: o.u8(0x20, ilocal(), 0x41); o.s32(pick(0xffff) & ~3); o.u8(0x6a, 0x20, ilocal(), 0x36, 0x02); o.u32(pick(1024) * 4); break;
    case 3: o.u8(0x20, ilocal(), 0x28, 0x02); o.u32(pick(1024) * 4); o.u8(0x21, iset()); break;
    case 4: o.u8(0x02, 0x40, 0x20, ilocal(), 0x0d, 0x00, 0x20, L.y, 0x41, 0x01, 0x6a, 0x21, L.y, 0x0b); break;
    case 5: o.u8(0x03, 0x40, 0x20, L.i, 0x41, 0x01, 0x6b, 0x22, L.i, 0x0d, 0x00, 0x0b); break;
    case 6: o.u8(0x20, L.f, 0x44); o.f64(r() * 1000); o.u8(0xa2, 0x20, L.g, 0xa0, 0x21, L.f); break;
    case 7:
      if (fi === 0) { o.u8(0x01); break; }
      o.u8(0x20, ilocal(), 0x20, ilocal(), 0x10); o.u32(pick(fi)); o.u8(0x21, iset());
      break;
    case 8: o.u8(0x20, ilocal(), 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41); o.s32(pick(100000)); o.u8(0x0b, 0x21, iset()); break;
  }
}

/** A valid module of about `mb` megabytes. */
export function generateModule(mb: number, seed = 42): Uint8Array {
  const r = rng(seed);
  const bodies: number[][] = [];
  let total = 0;
  while (total < mb * 1e6) {
    const o = new Out();
    o.u8(2, 4, 0x7f, 2, 0x7c); // locals: 4 × i32, 2 × f64
    const n = 20 + Math.floor(r() * 60);
    for (let k = 0; k < n; k++) statement(o, r, bodies.length);
    o.u8(0x20, L.x, 0x0b);
    const entry = new Out();
    entry.u32(o.bytes.length);
    entry.bytes.push(...o.bytes);
    bodies.push(entry.bytes);
    total += entry.bytes.length;
  }
  const m = new Out();
  const section = (id: number, content: number[]) => { m.u8(id); m.u32(content.length); m.bytes.push(...content); };
  m.u8(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]);
  const funcs = new Out();
  funcs.u32(bodies.length);
  for (let i = 0; i < bodies.length; i++) funcs.u8(0);
  section(3, funcs.bytes);
  section(5, [1, 0, 1]);
  section(7, [1, 4, 0x6d, 0x61, 0x69, 0x6e, 0x00, 0x00]); // (export "main" (func 0))
  const code = new Out();
  code.u32(bodies.length);
  // Append in chunks: spreading megabytes in one call overflows the argument stack.
  const header = code.bytes;
  const size = header.length + total;
  m.u8(10);
  m.u32(size);
  const head = Uint8Array.from(m.bytes);
  const out = new Uint8Array(head.length + size);
  out.set(head);
  let p = head.length;
  out.set(header, p); p += header.length;
  for (const b of bodies) { out.set(b, p); p += b.length; }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU milliseconds of `f` (user + system): steadier than wall time on a shared machine. */
function time(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  const bytes = generateModule(targetMB);
  const mb = bytes.length / 1e6;
  const m = decodeModule(bytes);
  console.log(`module: ${mb.toFixed(1)} MB, ${m.funcs.length} functions`);

  time(() => decodeModule(bytes)); // warm up
  const decodeMs = median(Array.from({ length: runs }, () => time(() => decodeModule(bytes))));
  console.log(`decode:            ${(mb / (decodeMs / 1000)).toFixed(0).padStart(6)} MB/s  (median ${decodeMs.toFixed(1)} ms of ${runs})`);

  let ops = 0;
  const stream = (mod: Module) => {
    ops = 0;
    for (const c of mod.codes) {
      const ir = new InstrReader(c.body.bytes, 0, c.body.bytes.length, c.body.offset);
      while (!ir.atEnd()) { ir.next(); ops++; }
    }
  };
  stream(m);
  const streamMs = median(Array.from({ length: runs }, () => time(() => stream(m))));
  console.log(`stream operators:  ${(mb / (streamMs / 1000)).toFixed(0).padStart(6)} MB/s  ` +
    `(${(ops / streamMs / 1000).toFixed(1)} M operators/s, InstrReader over every body)`);

  let validate: ((m: Module) => void) | null = null;
  try {
    validate = (await import('../src/validate/index.js')).validateModule;
  } catch {
    console.log('decode + validate: (src/validate/index.ts not present)');
  }
  if (validate) {
    const v = validate;
    time(() => v(decodeModule(bytes)));
    const ms = median(Array.from({ length: runs }, () => time(() => v(decodeModule(bytes)))));
    console.log(`decode + validate: ${(mb / (ms / 1000)).toFixed(0).padStart(6)} MB/s  (median ${ms.toFixed(1)} ms of ${runs})`);
  }

  const host = (globalThis as { WebAssembly?: { Module: new (b: Uint8Array) => unknown } }).WebAssembly;
  if (host) {
    const ms = median(Array.from({ length: 3 }, () => time(() => new host.Module(bytes))));
    console.log(`(for scale) V8 new WebAssembly.Module: ${(mb / (ms / 1000)).toFixed(0)} MB/s`);
  }
}

// Run only as a command, so other scripts can import generateModule.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
