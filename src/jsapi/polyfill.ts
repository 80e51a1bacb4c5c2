/**
 * Installs purewasm's `WebAssembly` as `globalThis.WebAssembly` where the host has none (Safari
 * Lockdown Mode, Hermes, QuickJS, `node --jitless`, `--noexpose-wasm`). Where a native
 * `WebAssembly` exists it is left alone. Importing this module is the whole API:
 *
 * ```js
 * import 'purewasm/polyfill';
 * ```
 */
import { WebAssembly } from './index.js';

/** Whether this import installed purewasm (false when the host already had a WebAssembly). */
export const installed: boolean = install();

function install(): boolean {
  const g = globalThis as { WebAssembly?: unknown };
  if (typeof g.WebAssembly !== 'undefined') return false;
  Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
  return true;
}
