/**
 * Which interpreter thread is making the host call that is running now. A host function gets only
 * its arguments; embedders that need more — the calling instance (wasmtime's `Caller`), or the
 * thread to suspend for an async host function — read it here while the host function runs.
 * `callHostAt` (thread.ts) sets it around each host call made from wasm and restores the previous
 * value afterwards, so host → wasm → host nesting sees the innermost caller. A host function that
 * is the root of a call (no wasm frame) sees null.
 *
 * What it does not do: track anything between host calls, or know about stores.
 */
import type { HostFuncInst } from '../core/func.js';
import type { Thread } from './thread.js';

let current: Thread | null = null;
let currentArgw = 0;
let currentCallee: HostFuncInst | null = null;

/** The thread whose wasm code called the running host function, or null at the root. */
export function hostCaller(): Thread | null {
  return current;
}

/**
 * The absolute stack word where the running host call's arguments start and its results go
 * (meaningful only while `hostCaller()` is not null); a suspended call resumes by writing there.
 */
export function hostCallArgWord(): number {
  return currentArgw;
}

/**
 * The host function that wasm called last and that is still running. A host function compares it
 * with itself: if they differ, it was called some other way (e.g. directly by another host
 * function through the API) and `hostCaller()` is not its caller.
 */
export function hostCallee(): HostFuncInst | null {
  return currentCallee;
}

/** @internal Sets the caller, its argument word and the callee for the duration of one host call. */
export function setHostCaller(t: Thread | null, argw: number, callee: HostFuncInst | null): void {
  current = t;
  currentArgw = argw;
  currentCallee = callee;
}
