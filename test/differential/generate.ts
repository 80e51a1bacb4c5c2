/**
 * Random valid WebAssembly 2.0 modules for differential testing: seeded random bytes turned into a
 * module by binaryen's `wasm-opt --translate-to-fuzz` (the npm `binaryen` package), with only the
 * 2.0 features enabled.
 *
 * `wasm-opt` from npm is an Emscripten program: spawning it costs about a second of start-up per
 * module, so `loadTtf` loads it once into this process (a patched copy in the temp directory that
 * does not run `main` on load and hands back Emscripten's `callMain`) and calls `main` once per
 * module, about 30 ms each (reloading it every few hundred modules). The same seed gives the same module on every machine, so a seed is
 * all a mismatch report needs to reproduce it. This file does not run or compare anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The 2.0 feature set: everything else binaryen can emit (GC, exceptions, tail calls…) is off. */
export const TTF_FEATURES: readonly string[] = [
  '--mvp-features',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory',
  '--enable-multivalue',
  '--enable-reference-types',
  '--enable-simd',
];

/** How one module is made: the seed of its random input, and whether NaNs are instrumented away. */
export interface TtfRecipe {
  readonly seed: number;
  /** `--denan`: every float result that would be NaN is replaced, so floats compare bit for bit. */
  readonly denan: boolean;
  /**
   * Optimisation run on the fuzz module before it is written (`-O3`, or `--fuzz-passes` for a
   * random selection of passes): optimised code has other shapes (br_table, tee, select, folded
   * blocks) than the generator's own.
   */
  readonly passes?: readonly string[];
  /** Bytes of random input: more input, more and larger functions. */
  readonly size: number;
  /** Flags enabling features beyond 2.0 (e.g. `--enable-tail-call`), for runs outside issue 3's scope. */
  readonly extraFeatures?: readonly string[];
}

/** A deterministic 32-bit generator (mulberry32): the same seed gives the same bytes everywhere. */
export function seededBytes(seed: number, length: number): Uint8Array {
  let s = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** The wasm-opt command line for a recipe (input and output file names filled in by the caller). */
export function ttfArgs(recipe: TtfRecipe, input: string, output: string): string[] {
  return [
    input, '-ttf', ...TTF_FEATURES, ...(recipe.extraFeatures ?? []), ...(recipe.denan ? ['--denan'] : []), ...(recipe.passes ?? []), '--quiet', '-o', output,
  ];
}

/** A loaded wasm-opt: `generate` makes the module of a recipe. */
export interface TtfGenerator {
  generate(recipe: TtfRecipe): Promise<Uint8Array>;
  /**
   * `bytes` after binaryen's `--denan` pass (every float result that is NaN becomes 0): used to
   * tell a difference in NaN bits, which the spec allows, from a real one.
   */
  denan(bytes: Uint8Array): Promise<Uint8Array>;
  /** Removes the temporary files. */
  dispose(): void;
}

type CallMain = (args: string[]) => number;
const MODULE_PRELUDE = 'var Module=typeof Module!="undefined"?Module:{};';
/**
 * Runs of `main` per loaded copy. wasm-opt's `main` is not meant to run twice in one process: after
 * about 1,300 runs its heap is exhausted (RuntimeError: memory access out of bounds), so a fresh
 * copy is loaded well before that.
 */
const RUNS_PER_LOAD = 250;

/** Loads one copy of wasm-opt (patched as the file header says) and waits for its runtime. */
async function loadCopy(body: string, dir: string, n: number): Promise<CallMain> {
  const script = join(dir, `wasm-opt-${n}.cjs`);
  const key = `__purewasmTtf${process.pid}_${n}`;
  // The Emscripten settings come from a global set just before loading; `callMain` goes back the same way.
  writeFileSync(script, `var Module=globalThis.${key};${body.slice(MODULE_PRELUDE.length)}\n;globalThis.${key}.callMain=callMain;\n`);
  const g = globalThis as unknown as Record<string, { callMain?: CallMain } | undefined>;
  const ready = new Promise<void>((resolve) => {
    g[key] = {
      noInitialRun: true,
      noExitRuntime: true,
      print: () => {},
      printErr: () => {},
      onRuntimeInitialized: resolve,
    } as unknown as { callMain?: CallMain };
  });
  const require = createRequire(import.meta.url);
  require(script);
  await ready;
  const callMain = g[key]!.callMain!;
  delete g[key];
  delete require.cache[require.resolve(script)];
  rmSync(script, { force: true });
  return callMain;
}

/**
 * Loads npm binaryen's wasm-opt into this process. `root` is the project directory holding
 * node_modules. The same recipe gives the same module whatever ran before it.
 */
export async function loadTtf(root: string = process.cwd()): Promise<TtfGenerator> {
  const source = readFileSync(join(root, 'node_modules/binaryen/bin/wasm-opt'), 'utf8');
  const body = source.startsWith('#!') ? source.slice(source.indexOf('\n') + 1) : source;
  if (!body.startsWith(MODULE_PRELUDE)) throw new Error('unexpected wasm-opt script layout (binaryen upgraded?)');
  const dir = mkdtempSync(join(tmpdir(), 'purewasm-ttf-'));
  let loads = 0;
  let callMain = await loadCopy(body, dir, loads++);
  let runs = 0;
  const input = join(dir, 'in.bin');
  const output = join(dir, 'out.wasm');
  const once = (inputBytes: Uint8Array, args: string[], what: string): Uint8Array => {
    runs++;
    writeFileSync(input, inputBytes);
    rmSync(output, { force: true });
    const saved = process.exitCode;
    const rc = callMain(args);
    process.exitCode = saved; // Emscripten's exit sets it; the host process's status is not its business
    if (rc !== 0) throw new Error(`wasm-opt failed (exit ${rc}) for ${what}`);
    return new Uint8Array(readFileSync(output));
  };
  const run = async (inputBytes: Uint8Array, args: string[], what: string): Promise<Uint8Array> => {
    if (runs >= RUNS_PER_LOAD) {
      callMain = await loadCopy(body, dir, loads++);
      runs = 0;
    }
    try {
      return once(inputBytes, args, what);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      // A worn-out copy: load a fresh one and try once more.
      callMain = await loadCopy(body, dir, loads++);
      runs = 0;
      return once(inputBytes, args, what);
    }
  };
  return {
    generate(recipe: TtfRecipe): Promise<Uint8Array> {
      return run(seededBytes(recipe.seed, recipe.size), ttfArgs(recipe, input, output), `seed ${recipe.seed}`);
    },
    denan(bytes: Uint8Array): Promise<Uint8Array> {
      return run(bytes, [input, ...TTF_FEATURES, '--denan', '--quiet', '-o', output], 'the --denan pass');
    },
    dispose(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
