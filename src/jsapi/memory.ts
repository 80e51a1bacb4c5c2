/**
 * `WebAssembly.Memory`: a JS object for a memory instance of the agent's store. `buffer` is the
 * memory's current ArrayBuffer; every grow (by `grow` here, or by wasm's `memory.grow`) replaces
 * it and detaches the old one, so JS code that checks `view.byteLength === 0` (wasm-bindgen's
 * glue does) notices. A `shared: true` memory has the shared type that modules importing one
 * require, but its buffer is an ordinary ArrayBuffer (there are no threads to share it with);
 * `toResizableBuffer` is not provided.
 */
import { MemoryInst } from '../core/memory.js';
import { Memory as RuntimeMemory } from '../runtime/memory.js';
import { store } from './agent.js';
import { addressValue, dictionary, enumValue, NS, required } from './webidl.js';

const MAX_PAGES_I32 = 65536;
/** Pages a memory64 may declare as its limits at the JS API (the spec's implementation limit). */
const MAX_PAGES_I64 = 262144;

/** Memories already given a JS object. */
const objects = new WeakMap<MemoryInst, Memory>();
/** The instance behind each Memory object (the brand check for values from outside). */
const instOf = new WeakMap<object, MemoryInst>();
let adopting: MemoryInst | null = null;

/**
 * Detaches `buf` and returns a new buffer with its bytes, where the host can: ES2024's
 * `ArrayBuffer.prototype.transfer`, else `structuredClone` with a transfer list (Node 17+, every
 * current browser). Elsewhere it returns null and the old buffer stays attached, a documented gap.
 */
function detach(buf: ArrayBuffer): ArrayBuffer | null {
  const transfer = (buf as { transfer?: () => ArrayBuffer }).transfer;
  try {
    if (typeof transfer === 'function') return transfer.call(buf);
    if (typeof structuredClone === 'function') return structuredClone(buf, { transfer: [buf] });
  } catch {
    // A buffer that cannot be detached (already detached, or pinned by the host) stays as it is.
  }
  return null;
}

/**
 * Makes every successful grow of `inst` detach the buffer it replaced. The grow method is
 * replaced on this one instance only: memories JS never sees keep the plain method.
 */
function detachOnGrow(inst: MemoryInst): void {
  const grow = MemoryInst.prototype.grow;
  inst.grow = function (this: MemoryInst, delta: number): number {
    const old = this.buffer;
    const r = grow.call(this, delta);
    if (r >= 0 && this.buffer !== old) detach(old);
    return r;
  };
}


/** The JS object for memory instance `inst` (one per instance). */
export function memoryObject(inst: MemoryInst): Memory {
  let m = objects.get(inst);
  if (m === undefined) {
    adopting = inst;
    try {
      m = new Memory(undefined as never);
    } finally {
      adopting = null;
    }
  }
  return m;
}

/** The memory instance of a `WebAssembly.Memory`, or undefined for any other value. */
export function memoryInstOf(v: unknown): MemoryInst | undefined {
  return typeof v === 'object' && v !== null ? instOf.get(v) : undefined;
}

/** WebAssembly.Memory. */
export class Memory {
  #inst: MemoryInst;

  /** `new WebAssembly.Memory({initial, maximum?, address?})`. */
  constructor(descriptor: { initial: number | bigint; maximum?: number | bigint; address?: 'i32' | 'i64'; shared?: boolean }) {
    if (adopting !== null) {
      this.#inst = adopting;
    } else {
      const d = dictionary(descriptor, `${NS}.Memory(): descriptor`);
      const addressArg = d.address;
      const address = addressArg === undefined ? 'i32' : enumValue(addressArg, ['i32', 'i64'] as const, `${NS}.Memory(): address`);
      const i64 = address === 'i64';
      const initial = addressValue(required(d, 'initial', `${NS}.Memory()`), `${NS}.Memory(): initial`, i64);
      const maximumArg = d.maximum;
      const maximum = maximumArg === undefined ? null : addressValue(maximumArg, `${NS}.Memory(): maximum`, i64);
      const shared = Boolean(d.shared);
      if (shared && maximum === null) throw new TypeError(`${NS}.Memory(): a shared memory needs a maximum`);
      const limit = i64 ? MAX_PAGES_I64 : MAX_PAGES_I32;
      if (initial > limit) throw new RangeError(`${NS}.Memory(): initial ${initial} is above the limit of ${limit} pages`);
      if (maximum !== null && maximum > limit) throw new RangeError(`${NS}.Memory(): maximum ${maximum} is above the limit of ${limit} pages`);
      if (maximum !== null && maximum < initial) throw new RangeError(`${NS}.Memory(): maximum must not be less than initial`);
      let mem: RuntimeMemory;
      try {
        mem = RuntimeMemory.new(store, { min: initial, max: maximum, addrType: address, shared });
      } catch (e) {
        throw e instanceof RangeError ? e : new RangeError(`${NS}.Memory(): could not allocate memory`);
      }
      this.#inst = mem.inst;
    }
    // A shared memory's buffer is never detached (there is no second agent to race with here).
    if (!this.#inst.type.shared) detachOnGrow(this.#inst);
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }

  /** The current contents; replaced (and the old buffer detached) by every grow. */
  get buffer(): ArrayBuffer {
    return this.#inst.buffer;
  }

  /**
   * Grows by `delta` pages and returns the previous size in pages (a BigInt for a 64-bit
   * memory); RangeError when it cannot.
   */
  grow(delta: number | bigint): number | bigint {
    const inst = this.#inst;
    const i64 = inst.type.addrType === 'i64';
    const d = addressValue(delta, `${NS}.Memory.grow(): delta`, i64);
    const old = d > MAX_PAGES_I64 ? -1 : inst.grow(d);
    if (old < 0) throw new RangeError(`${NS}.Memory.grow(): maximum memory size exceeded`);
    if (d === 0 && !inst.type.shared) {
      // Growing by zero still hands out a fresh buffer and detaches the old one (the spec's
      // "refresh the memory buffer"); the bytes move without a copy where the host can.
      const prev = inst.buffer;
      const next = detach(prev);
      if (next !== null) {
        inst.buffer = next;
        inst.bytes = new Uint8Array(next);
        inst.view = new DataView(next);
      }
    }
    return i64 ? BigInt(old) : old;
  }

  /** The current buffer as a fixed-length ArrayBuffer (it always is one here). */
  toFixedLengthBuffer(): ArrayBuffer {
    return this.#inst.buffer;
  }
}
