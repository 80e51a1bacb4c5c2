/**
 * The engines the benchmarks compare, behind one small interface: load a module's bytes and return
 * a function that calls its `run` export and gives the checksum as a string (i32 results as
 * unsigned decimal, i64 as unsigned 64-bit decimal, so every engine's answer compares as text).
 *
 * - `v8`: the host's native WebAssembly (the baseline; absent under `--jitless`).
 * - `purewasm`: this project, imported from the tsc build in dist/ — tsc inlines `const enum`
 *   values, tsx does not, so measuring src/ through tsx would measure the wrong code.
 * - `purewasm-fuel`: the same with fuel metering on (to measure what metering costs).
 * - `polywasm`: the peer, a polyfill that translates wasm to JS with `new Function` (dev-only).
 *
 * Loading is done in the measuring process; this file does no timing.
 */
import { fileURLToPath } from 'node:url';

/** Engine names the runner accepts. */
export const ENGINES = ['v8', 'purewasm', 'purewasm-fuel', 'polywasm'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Calls the loaded module's `run(n)` and returns the checksum as text. */
export type RunFn = (n: number) => string;

/** The compiled purewasm entry point (dist/index.js). */
export const PUREWASM_DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

type Purewasm = typeof import('../src/index.js');

/** The loosely typed slice of a WebAssembly-like API (V8's and polywasm's) the benchmarks use. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** Normalises a result to unsigned decimal text (i32 as u32, i64 as u64). */
export function checksumText(v: unknown): string {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v).toString();
  if (typeof v === 'number') return (v >>> 0).toString();
  throw new TypeError(`unexpected result ${String(v)}`);
}

function viaWasmApi(api: WasmApi, bytes: Uint8Array): RunFn {
  const instance = new api.Instance(new api.Module(bytes), {});
  const run = instance.exports['run'];
  if (typeof run !== 'function') throw new Error('module has no run export');
  return (n) => checksumText((run as (n: number) => unknown)(n));
}

async function viaPurewasm(bytes: Uint8Array, fuel: boolean): Promise<RunFn> {
  const pw = (await import(PUREWASM_DIST)) as Purewasm;
  const engine = new pw.Engine({ consumeFuel: fuel });
  const store = new pw.Store(engine, undefined);
  const instance = pw.Instance.new(store, pw.Module.new(engine, bytes), []);
  const run = instance.getFunc(store, 'run');
  if (!run) throw new Error('module has no run export');
  return (n) => {
    if (fuel) store.setFuel(Number.MAX_SAFE_INTEGER);
    return checksumText(run.call(store, n)[0]);
  };
}

/** Loads `bytes` into `engine`; throws if the engine cannot compile or instantiate it. */
export async function load(engine: EngineName, bytes: Uint8Array): Promise<RunFn> {
  switch (engine) {
    case 'v8': {
      const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
      if (!api) throw new Error('no native WebAssembly in this process (--jitless?)');
      return viaWasmApi(api, bytes);
    }
    case 'purewasm':
      return viaPurewasm(bytes, false);
    case 'purewasm-fuel':
      return viaPurewasm(bytes, true);
    case 'polywasm': {
      // A computed specifier: polywasm ships no type declarations.
      const specifier = 'polywasm';
      const { WebAssembly: api } = (await import(specifier)) as { WebAssembly: WasmApi };
      return viaWasmApi(api, bytes);
    }
  }
}
