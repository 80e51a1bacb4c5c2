/**
 * SIMD memory instructions over a MemoryInst: v128.load/store, the extending loads
 * (load8x8_s/u, load16x4_s/u, load32x2_s/u), load_splat, load32/64_zero and loadN_lane/storeN_lane.
 *
 * `addr` is the effective address (base + offset) as a non-negative number; every access checks
 * that all of its bytes lie inside the memory's current size and traps with
 * "out of bounds memory access" otherwise, before touching anything (a failing store writes
 * nothing). Views are read from the MemoryInst on every call because `grow` replaces them.
 */
import type { MemoryInst } from '../../core/memory.js';
import { Op } from '../../syntax/op.js';
import { Trap, TrapCode } from '../../util/errors.js';
import { rI16, rI32, rU16, rU8, storeR } from './lanes.js';
import { unknownSimd } from './lane.js';

function check(mem: MemoryInst, addr: number, n: number): void {
  if (!(addr >= 0 && addr + n <= mem.bytes.length)) throw new Trap(TrapCode.MemoryOutOfBounds);
}

/** Bytes each load/store instruction accesses. */
function accessSize(code: number): number {
  switch (code) {
    case Op.v128_load: case Op.v128_store: return 16;
    case Op.v128_load8_splat: case Op.v128_load8_lane: case Op.v128_store8_lane: return 1;
    case Op.v128_load16_splat: case Op.v128_load16_lane: case Op.v128_store16_lane: return 2;
    case Op.v128_load32_splat: case Op.v128_load32_zero: case Op.v128_load32_lane: case Op.v128_store32_lane: return 4;
    default: return 8; // extending loads, load64_splat/zero/lane, store64_lane
  }
}

/**
 * Executes a SIMD load that produces a whole v128 (all but the loadN_lane forms), writing it to
 * `w[dst..dst+3]`.
 * @throws Trap(MemoryOutOfBounds) when the access leaves the memory.
 */
export function load(code: number, mem: MemoryInst, addr: number, w: Int32Array, dst: number): void {
  const v = mem.view;
  if (code === Op.v128_load) {
    // The commonest SIMD instruction: straight into the slots (memory cannot alias them).
    check(mem, addr, 16);
    w[dst] = v.getInt32(addr, true);
    w[dst + 1] = v.getInt32(addr + 4, true);
    w[dst + 2] = v.getInt32(addr + 8, true);
    w[dst + 3] = v.getInt32(addr + 12, true);
    return;
  }
  check(mem, addr, accessSize(code));
  switch (code) {
    case Op.v128_load8x8_s: for (let i = 0; i < 8; i++) rI16[i] = v.getInt8(addr + i); break;
    case Op.v128_load8x8_u: for (let i = 0; i < 8; i++) rI16[i] = v.getUint8(addr + i); break;
    case Op.v128_load16x4_s: for (let i = 0; i < 4; i++) rI32[i] = v.getInt16(addr + 2 * i, true); break;
    case Op.v128_load16x4_u: for (let i = 0; i < 4; i++) rI32[i] = v.getUint16(addr + 2 * i, true); break;
    case Op.v128_load32x2_s: case Op.v128_load32x2_u:
      for (let k = 0; k < 4; k += 2) {
        const x = v.getInt32(addr + 2 * k, true);
        rI32[k] = x;
        rI32[k + 1] = code === Op.v128_load32x2_s ? x >> 31 : 0;
      }
      break;
    case Op.v128_load8_splat: { const x = Math.imul(v.getUint8(addr), 0x01010101); for (let k = 0; k < 4; k++) rI32[k] = x; break; }
    case Op.v128_load16_splat: { const x = v.getUint16(addr, true); for (let i = 0; i < 8; i++) rU16[i] = x; break; }
    case Op.v128_load32_splat: { const x = v.getInt32(addr, true); for (let k = 0; k < 4; k++) rI32[k] = x; break; }
    case Op.v128_load64_splat: {
      const lo = v.getInt32(addr, true), hi = v.getInt32(addr + 4, true);
      rI32[0] = lo; rI32[1] = hi; rI32[2] = lo; rI32[3] = hi;
      break;
    }
    case Op.v128_load32_zero: rI32[0] = v.getInt32(addr, true); rI32[1] = 0; rI32[2] = 0; rI32[3] = 0; break;
    case Op.v128_load64_zero:
      rI32[0] = v.getInt32(addr, true); rI32[1] = v.getInt32(addr + 4, true); rI32[2] = 0; rI32[3] = 0;
      break;
    default: throw unknownSimd(code);
  }
  storeR(w, dst);
}

/**
 * v128.loadN_lane: writes to `dst` the v128 at `a` with lane `lane` replaced by N bits from memory.
 * @throws Trap(MemoryOutOfBounds) when the access leaves the memory.
 */
export function loadLane(code: number, mem: MemoryInst, addr: number, w: Int32Array, dst: number, a: number, lane: number): void {
  check(mem, addr, accessSize(code));
  const v = mem.view;
  for (let k = 0; k < 4; k++) rI32[k] = w[a + k];
  switch (code) {
    case Op.v128_load8_lane: rU8[lane] = v.getUint8(addr); break;
    case Op.v128_load16_lane: rU16[lane] = v.getUint16(addr, true); break;
    case Op.v128_load32_lane: rI32[lane] = v.getInt32(addr, true); break;
    case Op.v128_load64_lane: rI32[2 * lane] = v.getInt32(addr, true); rI32[2 * lane + 1] = v.getInt32(addr + 4, true); break;
    default: throw unknownSimd(code);
  }
  storeR(w, dst);
}

/**
 * v128.store: writes the v128 at `a` to memory.
 * @throws Trap(MemoryOutOfBounds) when the access leaves the memory.
 */
export function store(mem: MemoryInst, addr: number, w: Int32Array, a: number): void {
  check(mem, addr, 16);
  const v = mem.view;
  v.setInt32(addr, w[a], true);
  v.setInt32(addr + 4, w[a + 1], true);
  v.setInt32(addr + 8, w[a + 2], true);
  v.setInt32(addr + 12, w[a + 3], true);
}

/**
 * v128.storeN_lane: writes lane `lane` of the v128 at `a` (N bits) to memory.
 * @throws Trap(MemoryOutOfBounds) when the access leaves the memory.
 */
export function storeLane(code: number, mem: MemoryInst, addr: number, w: Int32Array, a: number, lane: number): void {
  check(mem, addr, accessSize(code));
  const v = mem.view;
  switch (code) {
    case Op.v128_store8_lane: v.setUint8(addr, w[a + (lane >> 2)] >>> (8 * (lane & 3))); break;
    case Op.v128_store16_lane: v.setUint16(addr, w[a + (lane >> 1)] >>> (16 * (lane & 1)), true); break;
    case Op.v128_store32_lane: v.setInt32(addr, w[a + lane], true); break;
    case Op.v128_store64_lane: v.setInt32(addr, w[a + 2 * lane], true); v.setInt32(addr + 4, w[a + 2 * lane + 1], true); break;
    default: throw unknownSimd(code);
  }
}
