/**
 * The benchmark kernels: which built module each is, the argument that sizes its work, and what it
 * exercises. Each module (bench/wasm/<name>.wasm, built from bench/kernels/<name>.c by build.sh)
 * exports `run(n)`; the work grows linearly with n and the result is a checksum.
 *
 * `arg` is chosen so one call takes roughly 60–110 ms (CPU time, after warm-up) on V8's native
 * WebAssembly on the 2-core development machine (an AMD EPYC); `--scale` in run.ts multiplies it for quicker (or longer) runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One benchmark kernel. */
export interface Kernel {
  /** Short name; also the file name under bench/wasm/ and bench/kernels/. */
  readonly name: string;
  /** Argument to `run` at scale 1. */
  readonly arg: number;
  /** What the kernel exercises. */
  readonly what: string;
  /** Wasm features beyond the MVP that it needs (engines lacking them report "unsupported"). */
  readonly features: readonly string[];
}

/** All kernels, in table order. */
export const KERNELS: readonly Kernel[] = [
  { name: 'fib', arg: 1000, what: 'recursive calls (naive Fibonacci)', features: [] },
  { name: 'loop', arg: 600_000, what: 'integer loop on locals (Collatz steps)', features: [] },
  { name: 'sieve', arg: 150, what: 'byte loads/stores (sieve of Eratosthenes)', features: [] },
  { name: 'matmul', arg: 1000, what: 'f64 matrix multiply through memory', features: [] },
  { name: 'nbody', arg: 1_500_000, what: 'f64 math with sqrt/div (n-body)', features: [] },
  { name: 'f32', arg: 5000, what: 'f32 math (Mandelbrot in single precision)', features: [] },
  { name: 'i64', arg: 16_000_000, what: 'i64 xorshift, 64-bit mul/div/rem', features: [] },
  { name: 'vm', arg: 2_000_000, what: 'br_table dispatch (a tiny bytecode VM)', features: [] },
  { name: 'sort', arg: 80, what: 'quicksort of i32 data', features: [] },
  { name: 'hash', arg: 600, what: 'CRC-32 table lookups and FNV-1a over a buffer', features: [] },
  { name: 'indirect', arg: 6_000_000, what: 'call_indirect through a function table', features: [] },
  { name: 'bulk', arg: 80_000, what: 'memory.copy / memory.fill', features: ['bulk-memory'] },
  { name: 'simd', arg: 40_000, what: 'v128 integer, float and byte ops', features: ['simd'] },
];

/** The directory holding the built kernels. */
export const WASM_DIR = fileURLToPath(new URL('./wasm/', import.meta.url));

/** The bytes of kernel `name`'s module. */
export function kernelBytes(name: string): Uint8Array<ArrayBuffer> {
  const file = readFileSync(`${WASM_DIR}${name}.wasm`);
  const bytes = new Uint8Array(file.length); // its own ArrayBuffer, as WebAssembly.Module wants
  bytes.set(file);
  return bytes;
}

/** The kernels named in `names` (all when empty); throws on an unknown name. */
export function selectKernels(names: readonly string[]): Kernel[] {
  if (names.length === 0) return [...KERNELS];
  return names.map((n) => {
    const k = KERNELS.find((x) => x.name === n);
    if (!k) throw new Error(`unknown kernel '${n}' (known: ${KERNELS.map((x) => x.name).join(', ')})`);
    return k;
  });
}
