/**
 * SIMD for the interpreter: every fixed-width 128-bit SIMD instruction and every relaxed SIMD
 * instruction (deterministic profile), called out of line from the dispatch loop.
 *
 * ## Contract with the interpreter
 * - A v128 value occupies 4 consecutive 32-bit words of the interpreter's `Int32Array` slot array
 *   `w`, little-endian: word k holds bytes 4k..4k+3 (so i32x4 lane k is word k, i64x2/f64x2 lane k
 *   is words 2k (low) and 2k+1 (high)). Operands and destinations are word indices into `w`.
 * - A destination may alias any operand: every entry point reads all its operands before writing.
 * - No entry point allocates; they work in module-level scratch registers (lanes.ts), so they are
 *   not re-entrant — which nothing needs, since none of them calls back into wasm.
 * - `code` is the instruction's code from the opcode table (`Op.*`, i.e. `0xFD0000 | subopcode`);
 *   only SIMD codes may be passed (unary/binary dispatch looks at the subopcode alone). Passing a
 *   SIMD code to the wrong entry point throws a plain Error (a translator bug, not a trap).
 * - Scalars: i32 and f32 operands/results are one word (f32 as its bit pattern); i64 and f64 are
 *   two words (lo, hi) — as `lo, hi` arguments for splat/replace_lane and as `w[dst], w[dst+1]`
 *   for extract_lane's result.
 * - Memory: `addr` is the effective address (base + memarg offset, unsigned, as a number). The
 *   access is bounds-checked against the memory's current byte length and throws
 *   `Trap(TrapCode.MemoryOutOfBounds)`; nothing is read or written when it traps.
 *
 * | Entry point                                   | Instructions                                       |
 * |-----------------------------------------------|----------------------------------------------------|
 * | simdConst(w, dst, pool, at)                   | v128.const (4 words at pool[at]; see v128ToWords)  |
 * | simdUnary(code, w, dst, a)                    | every v128 → v128 instruction                      |
 * | simdBinary(code, w, dst, a, b)                | every v128 v128 → v128 instruction but shuffle     |
 * | simdTernary(code, w, dst, a, b, c)            | bitselect, relaxed madd/nmadd/laneselect/dot_add   |
 * | simdShuffle(w, dst, a, b, lanes, at)          | i8x16.shuffle (16 indices packed like a v128.const)|
 * | simdShift(code, w, dst, a, count)             | shl, shr_s, shr_u (count: the i32 operand)         |
 * | simdTest(code, w, a) → i32                    | any_true, all_true, bitmask                        |
 * | simdSplat(code, w, dst, lo, hi)               | *.splat                                            |
 * | simdExtractLane(code, w, dst, a, lane)        | *.extract_lane*                                    |
 * | simdReplaceLane(code, w, dst, a, lane, lo, hi)| *.replace_lane                                     |
 * | simdLoad(code, mem, addr, w, dst)             | v128.load*, load_splat, load_zero (not _lane)      |
 * | simdLoadLane(code, mem, addr, w, dst, a, lane)| v128.loadN_lane                                    |
 * | simdStore(mem, addr, w, a)                    | v128.store                                         |
 * | simdStoreLane(code, mem, addr, w, a, lane)    | v128.storeN_lane                                   |
 *
 * ## Semantics chosen where the spec allows a choice
 * - NaN results of float arithmetic are always the positive canonical NaN (a member of every
 *   `nans` set), so results are bit-identical on every host; abs, neg, pmin, pmax and lane moves
 *   keep NaN bits exactly.
 * - Relaxed SIMD follows the spec's deterministic profile (every relaxation parameter is 0):
 *   relaxed_swizzle = swizzle, relaxed_trunc = trunc_sat, relaxed_madd/nmadd unfused (product
 *   rounded, then added), relaxed_min/max = min/max, relaxed_laneselect = bitselect,
 *   relaxed_q15mulr_s = q15mulr_sat_s, relaxed dot products treat both operands as signed with
 *   i16 pair sums saturating.
 *
 * ## Layout
 * index.ts dispatches; words.ts has word-at-a-time fast paths for the commonest operations;
 * lanes.ts the scratch registers; integer.ts, i64.ts, float.ts, widen.ts, convert.ts, lane.ts and
 * memory.ts one family each.
 *
 * The interpreter's translator, not this module, validates immediates (lane indices < lane count,
 * shuffle indices < 32): out-of-range values here are a translator bug.
 */
import type { MemoryInst } from '../../core/memory.js';
import { Op } from '../../syntax/op.js';
import { Imm, OPCODES, PREFIX_SIMD } from '../../syntax/opcodes.js';
import { convertUnary } from './convert.js';
import { floatBinary, floatMadd, floatUnary } from './float.js';
import { i64Binary, i64Shift, i64Unary } from './i64.js';
import { intBinary, intUnary } from './integer.js';
import { bitselect, extractLane, intShift, laneBinary, laneTest, replaceLane, shuffle, splat, unknownSimd } from './lane.js';
import { loadA, loadB, loadC, storeR } from './lanes.js';
import { load, loadLane, store, storeLane } from './memory.js';
import { relaxedDotAdd, widenBinary, widenUnary } from './widen.js';
import { bitmask8, wordBinary, wordShift, wordUnary } from './words.js';

/** Which family file implements each SIMD instruction (indexed by subopcode); None = not this entry point. */
const enum Family { None, Word, Int, Float, I64, Widen, Lane, Convert }

/**
 * Family of each unary / binary subopcode, found once at load time by asking each family whether
 * it implements the code (they compute into scratch registers only, so probing is harmless). One
 * table lookup then replaces a chain of family calls per operation — calls are what cost most
 * without a JIT — and no second list of opcodes has to be kept in step with the family switches.
 */
const UNARY_FAMILY = new Uint8Array(0x200);
const BINARY_FAMILY = new Uint8Array(0x200);
{
  const probe = new Int32Array(8);
  for (const op of OPCODES) {
    if (op.code >>> 16 !== PREFIX_SIMD || op.imm !== Imm.None) continue;
    const sub = op.code & 0x1ff, c = op.code;
    if (op.sig === 'v>v') {
      UNARY_FAMILY[sub] = wordUnary(c, probe, 4, 0) ? Family.Word : intUnary(c) ? Family.Int : floatUnary(c) ? Family.Float
        : widenUnary(c) ? Family.Widen : convertUnary(c) ? Family.Convert : i64Unary(c) ? Family.I64 : Family.None;
    } else if (op.sig === 'vv>v') {
      BINARY_FAMILY[sub] = wordBinary(c, probe, 4, 0, 0) ? Family.Word : intBinary(c) ? Family.Int : floatBinary(c) ? Family.Float
        : i64Binary(c) ? Family.I64 : widenBinary(c) ? Family.Widen : laneBinary(c) ? Family.Lane : Family.None;
    }
  }
}

/** v128.const: copies the 4 words `pool[at..at+3]` to `w[dst..dst+3]`. */
export function simdConst(w: Int32Array, dst: number, pool: Int32Array, at: number): void {
  w[dst] = pool[at];
  w[dst + 1] = pool[at + 1];
  w[dst + 2] = pool[at + 2];
  w[dst + 3] = pool[at + 3];
}

/**
 * Packs 16 bytes (a v128.const immediate or i8x16.shuffle's lane indices, as the decoder gives
 * them) into 4 little-endian words at `out[at..at+3]` — the form simdConst and simdShuffle read.
 */
export function v128ToWords(bytes: Uint8Array, out: Int32Array, at: number): void {
  for (let k = 0; k < 4; k++) {
    out[at + k] = bytes[4 * k] | (bytes[4 * k + 1] << 8) | (bytes[4 * k + 2] << 16) | (bytes[4 * k + 3] << 24);
  }
}

/** Executes a v128 → v128 instruction: `w[dst..] = op(w[a..])`. */
export function simdUnary(code: number, w: Int32Array, dst: number, a: number): void {
  const family = UNARY_FAMILY[code & 0x1ff];
  if (family === Family.Word) {
    wordUnary(code, w, dst, a);
    return;
  }
  loadA(w, a);
  switch (family) {
    case Family.Int: intUnary(code); break;
    case Family.Float: floatUnary(code); break;
    case Family.Widen: widenUnary(code); break;
    case Family.Convert: convertUnary(code); break;
    case Family.I64: i64Unary(code); break;
    default: throw unknownSimd(code);
  }
  storeR(w, dst);
}

/** Executes a v128 v128 → v128 instruction (all but shuffle): `w[dst..] = op(w[a..], w[b..])`. */
export function simdBinary(code: number, w: Int32Array, dst: number, a: number, b: number): void {
  const family = BINARY_FAMILY[code & 0x1ff];
  if (family === Family.Word) {
    wordBinary(code, w, dst, a, b);
    return;
  }
  loadA(w, a);
  loadB(w, b);
  switch (family) {
    case Family.Int: intBinary(code); break;
    case Family.Float: floatBinary(code); break;
    case Family.I64: i64Binary(code); break;
    case Family.Widen: widenBinary(code); break;
    case Family.Lane: laneBinary(code); break;
    default: throw unknownSimd(code);
  }
  storeR(w, dst);
}

/** Executes a v128 v128 v128 → v128 instruction: `w[dst..] = op(w[a..], w[b..], w[c..])`. */
export function simdTernary(code: number, w: Int32Array, dst: number, a: number, b: number, c: number): void {
  loadA(w, a);
  loadB(w, b);
  loadC(w, c);
  switch (code) {
    case Op.v128_bitselect:
    case Op.i8x16_relaxed_laneselect: case Op.i16x8_relaxed_laneselect:
    case Op.i32x4_relaxed_laneselect: case Op.i64x2_relaxed_laneselect:
      bitselect();
      break;
    case Op.i32x4_relaxed_dot_i8x16_i7x16_add_s: relaxedDotAdd(); break;
    default: if (!floatMadd(code)) throw unknownSimd(code);
  }
  storeR(w, dst);
}

/** i8x16.shuffle: lane indices packed four per word at `lanes[at..at+3]` (see v128ToWords). */
export function simdShuffle(w: Int32Array, dst: number, a: number, b: number, lanes: Int32Array, at: number): void {
  loadA(w, a);
  loadB(w, b);
  shuffle(lanes, at);
  storeR(w, dst);
}

/** Executes shl/shr_s/shr_u: `count` is the i32 operand, reduced modulo the lane width here. */
export function simdShift(code: number, w: Int32Array, dst: number, a: number, count: number): void {
  if (wordShift(code, w, dst, a, count)) return;
  loadA(w, a);
  if (!(intShift(code, count) || i64Shift(code, count & 63))) throw unknownSimd(code);
  storeR(w, dst);
}

/** any_true / all_true / bitmask of the v128 at `a`, as an i32. */
export function simdTest(code: number, w: Int32Array, a: number): number {
  // The two tests string and search loops run most, straight on the words.
  if (code === Op.v128_any_true) return (w[a] | w[a + 1] | w[a + 2] | w[a + 3]) !== 0 ? 1 : 0;
  if (code === Op.i8x16_bitmask) {
    return bitmask8(w[a]) | (bitmask8(w[a + 1]) << 4) | (bitmask8(w[a + 2]) << 8) | (bitmask8(w[a + 3]) << 12);
  }
  loadA(w, a);
  return laneTest(code);
}

/** *.splat: fills `w[dst..]` with the scalar; (lo, hi) words for i64/f64, `hi` ignored otherwise. */
export function simdSplat(code: number, w: Int32Array, dst: number, lo: number, hi: number): void {
  splat(code, w, dst, lo, hi);
}

/** *.extract_lane: writes the lane to `w[dst]` (and `w[dst+1]`, the high word, for i64/f64). */
export function simdExtractLane(code: number, w: Int32Array, dst: number, a: number, lane: number): void {
  extractLane(code, w, dst, a, lane);
}

/** *.replace_lane: `w[dst..]` = `w[a..]` with lane `lane` set to the scalar (lo, hi). */
export function simdReplaceLane(code: number, w: Int32Array, dst: number, a: number, lane: number, lo: number, hi: number): void {
  replaceLane(code, w, dst, a, lane, lo, hi);
}

/**
 * v128.load, the extending loads, load_splat and load_zero: `w[dst..]` = the value at `addr`.
 * @throws Trap(MemoryOutOfBounds)
 */
export function simdLoad(code: number, mem: MemoryInst, addr: number, w: Int32Array, dst: number): void {
  load(code, mem, addr, w, dst);
}

/**
 * v128.loadN_lane: `w[dst..]` = `w[a..]` with lane `lane` loaded from `addr`.
 * @throws Trap(MemoryOutOfBounds)
 */
export function simdLoadLane(code: number, mem: MemoryInst, addr: number, w: Int32Array, dst: number, a: number, lane: number): void {
  loadLane(code, mem, addr, w, dst, a, lane);
}

/**
 * v128.store of `w[a..]` at `addr`.
 * @throws Trap(MemoryOutOfBounds)
 */
export function simdStore(mem: MemoryInst, addr: number, w: Int32Array, a: number): void {
  store(mem, addr, w, a);
}

/**
 * v128.storeN_lane: stores lane `lane` of `w[a..]` at `addr`.
 * @throws Trap(MemoryOutOfBounds)
 */
export function simdStoreLane(code: number, mem: MemoryInst, addr: number, w: Int32Array, a: number, lane: number): void {
  storeLane(code, mem, addr, w, a, lane);
}
