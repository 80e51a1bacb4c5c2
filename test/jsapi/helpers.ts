/**
 * Shared by the JS API conformance tests: the two implementations every test runs against —
 * purewasm's (the subject) and the host's native V8 WebAssembly (an oracle that checks the tests
 * themselves) — and small builders for test modules written in the text format.
 */
import { watToWasm } from '../../src/cli/load.js';
import { WebAssembly as Purewasm } from '../../src/jsapi/index.js';

/**
 * The WebAssembly namespace as the tests use it. Untyped on purpose: the tests pass values outside
 * the declared types (BigInts for i32, strings for descriptors, …) to check the conversions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WA = any;

/** Each implementation under test, by name. */
export const IMPLEMENTATIONS: ReadonlyArray<readonly [string, WA]> = [
  ['purewasm', Purewasm as unknown as WA],
  ['v8', globalThis.WebAssembly as WA],
];

/** The binary of a module written in the text format. */
export function wasm(text: string): Uint8Array {
  return watToWasm(text);
}

/** The binary of `(module)`: eight bytes. */
export const EMPTY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

/** Calls `f` and returns what it threw (fails when it does not throw). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

/** What a promise rejected with (fails when it fulfils). */
export async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
