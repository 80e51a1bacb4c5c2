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
import type { Thread } from './thread.js';

let current: Thread | null = null;
let currentArgw = 0;

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

/** @internal Sets the caller (and its argument word) for the duration of one host call. */
export function setHostCaller(t: Thread | null, argw: number): void {
  current = t;
  currentArgw = argw;
}
