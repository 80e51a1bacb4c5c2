/**
 * Runs one `Simd` op (layout `sub dst a b c imm0 imm1 imm2`, see translate.ts). The instructions
 * the benchmark kernels and clang's vectorised loops issue most (v128.load/store, bitwise ops,
 * i32x4 add/sub/mul/shifts, i8x16 add/sub/eq/shuffle, f32x4 add/sub/mul/min/max, splats) run inline in one switch on the
 * subopcode: going through the generic entry points cost three calls and two more dispatches per
 * instruction (measured: the simd kernel ran 1.6× faster with these cases inline). Everything
 * else calls the SIMD entry points of interp/simd/; the kind of each instruction (which entry
 * point, which operands) is derived once from the opcode table's immediates and signature.
 *
 * Like the entry points, every inline case reads all its operands before writing its result (the
 * translator may make the destination a local that is also an operand). Float lanes that come out
 * NaN are written as the positive canonical NaN, as interp/simd/float.ts does.
 *
 * What it does not do: any lane arithmetic (interp/simd/ does).
 */
import type { ModuleInst } from '../core/instance.js';
import { Imm, OPCODES, PREFIX_SIMD } from '../syntax/opcodes.js';
import { Trap, TrapCode } from '../util/errors.js';
import {
  simdBinary, simdExtractLane, simdLoad, simdLoadLane, simdReplaceLane, simdShift, simdShuffle, simdSplat,
  simdStore, simdStoreLane, simdTernary, simdTest, simdUnary,
} from './simd/index.js';
import { abU8, aI32, bI32 } from './simd/lanes.js';
import { add8, ne8, sub8 } from './simd/words.js';

const enum K {
  Unknown, Unary, Binary, Ternary, Shuffle, Shift, Test, Splat, Extract, Replace, Load, LoadLane, Store, StoreLane,
}

const KIND = new Uint8Array(0x200);
for (const op of OPCODES) {
  if (op.code >>> 16 !== PREFIX_SIMD) continue;
  const sub = op.code & 0xffff;
  if (sub >= KIND.length) continue;
  const sig = op.sig ?? '';
  let k = K.Unknown;
  switch (op.imm) {
    case Imm.Memarg: k = sig.endsWith('>') ? K.Store : K.Load; break;
    case Imm.MemargLane: k = sig.endsWith('>') ? K.StoreLane : K.LoadLane; break;
    case Imm.Shuffle: k = K.Shuffle; break;
    case Imm.Lane: k = sig.startsWith('v>') ? K.Extract : K.Replace; break;
    case Imm.None:
      if (sig === 'v>v') k = K.Unary;
      else if (sig === 'vv>v') k = K.Binary;
      else if (sig === 'vvv>v') k = K.Ternary;
      else if (sig === 'vi>v') k = K.Shift;
      else if (sig === 'v>i') k = K.Test;
      else if (sig.endsWith('>v') && sig.length === 3) k = K.Splat;
      break;
  }
  KIND[sub] = k;
}

const F32_NAN = 0x7fc00000;

/**
 * Executes the Simd op at `pc`; `w` is the value stack's word view and `f` its f32 view (same
 * buffer), `fw` the frame base.
 */
export function execSimd(inst: ModuleInst, w: Int32Array, f: Float32Array, fw: number, c: Int32Array, pc: number): void {
  const sub = c[pc + 1]!;
  const d = fw + c[pc + 2]!, x = fw + c[pc + 3]!, y = fw + c[pc + 4]!;
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
  floats: {
    switch (sub) {
      case 0x00: { // v128.load; imm2 is an i32.add folded into the address by the translator
        const mem = inst.memories[c[pc + 7]!]!;
        const ea = ((w[x]! + c[pc + 8]!) >>> 0) + (c[pc + 6]! >>> 0);
        if (ea + 16 > mem.bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
        const v = mem.view;
        w[d] = v.getInt32(ea, true); w[d + 1] = v.getInt32(ea + 4, true);
        w[d + 2] = v.getInt32(ea + 8, true); w[d + 3] = v.getInt32(ea + 12, true);
        return;
      }
      case 0x0b: { // v128.store
        const mem = inst.memories[c[pc + 7]!]!;
        const ea = (w[x]! >>> 0) + (c[pc + 6]! >>> 0);
        if (ea + 16 > mem.bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
        const v = mem.view;
        v.setInt32(ea, w[y]!, true); v.setInt32(ea + 4, w[y + 1]!, true);
        v.setInt32(ea + 8, w[y + 2]!, true); v.setInt32(ea + 12, w[y + 3]!, true);
        return;
      }
      case 0x11: case 0x13: // i32x4.splat, f32x4.splat (bits)
        r0 = w[x]!; w[d] = r0; w[d + 1] = r0; w[d + 2] = r0; w[d + 3] = r0;
        return;
      case 0x1b: case 0x1f: // i32x4.extract_lane, f32x4.extract_lane (bits)
        w[d] = w[x + c[pc + 6]!]!;
        return;
      case 0x0d: // i8x16.shuffle: lane indices packed four per code word (see translate-ext.ts)
        aI32[0] = w[x]!; aI32[1] = w[x + 1]!; aI32[2] = w[x + 2]!; aI32[3] = w[x + 3]!;
        bI32[0] = w[y]!; bI32[1] = w[y + 1]!; bI32[2] = w[y + 2]!; bI32[3] = w[y + 3]!;
        r0 = shuffleWord(c[pc + 5]!); r1 = shuffleWord(c[pc + 6]!); r2 = shuffleWord(c[pc + 7]!); r3 = shuffleWord(c[pc + 8]!);
        break;
      case 0x23: r0 = ~ne8(w[x]!, w[y]!); r1 = ~ne8(w[x + 1]!, w[y + 1]!); r2 = ~ne8(w[x + 2]!, w[y + 2]!); r3 = ~ne8(w[x + 3]!, w[y + 3]!); break;
      case 0x6e: r0 = add8(w[x]!, w[y]!); r1 = add8(w[x + 1]!, w[y + 1]!); r2 = add8(w[x + 2]!, w[y + 2]!); r3 = add8(w[x + 3]!, w[y + 3]!); break;
      case 0x71: r0 = sub8(w[x]!, w[y]!); r1 = sub8(w[x + 1]!, w[y + 1]!); r2 = sub8(w[x + 2]!, w[y + 2]!); r3 = sub8(w[x + 3]!, w[y + 3]!); break;
      case 0x4e: r0 = w[x]! & w[y]!; r1 = w[x + 1]! & w[y + 1]!; r2 = w[x + 2]! & w[y + 2]!; r3 = w[x + 3]! & w[y + 3]!; break;
      case 0x50: r0 = w[x]! | w[y]!; r1 = w[x + 1]! | w[y + 1]!; r2 = w[x + 2]! | w[y + 2]!; r3 = w[x + 3]! | w[y + 3]!; break;
      case 0x51: r0 = w[x]! ^ w[y]!; r1 = w[x + 1]! ^ w[y + 1]!; r2 = w[x + 2]! ^ w[y + 2]!; r3 = w[x + 3]! ^ w[y + 3]!; break;
      case 0xab: r3 = w[y]!; r0 = w[x]! << r3; r1 = w[x + 1]! << r3; r2 = w[x + 2]! << r3; r3 = w[x + 3]! << r3; break;
      case 0xac: r3 = w[y]!; r0 = w[x]! >> r3; r1 = w[x + 1]! >> r3; r2 = w[x + 2]! >> r3; r3 = w[x + 3]! >> r3; break;
      case 0xad: r3 = w[y]!; r0 = w[x]! >>> r3; r1 = w[x + 1]! >>> r3; r2 = w[x + 2]! >>> r3; r3 = w[x + 3]! >>> r3; break;
      case 0xae: r0 = w[x]! + w[y]!; r1 = w[x + 1]! + w[y + 1]!; r2 = w[x + 2]! + w[y + 2]!; r3 = w[x + 3]! + w[y + 3]!; break;
      case 0xb1: r0 = w[x]! - w[y]!; r1 = w[x + 1]! - w[y + 1]!; r2 = w[x + 2]! - w[y + 2]!; r3 = w[x + 3]! - w[y + 3]!; break;
      case 0xb5:
        r0 = Math.imul(w[x]!, w[y]!); r1 = Math.imul(w[x + 1]!, w[y + 1]!);
        r2 = Math.imul(w[x + 2]!, w[y + 2]!); r3 = Math.imul(w[x + 3]!, w[y + 3]!);
        break;
      // f32x4: computed in f64 and rounded once by the Float32Array store, which is exact for + − ×.
      case 0xe4: f0 = f[x]! + f[y]!; f1 = f[x + 1]! + f[y + 1]!; f2 = f[x + 2]! + f[y + 2]!; f3 = f[x + 3]! + f[y + 3]!; break floats;
      case 0xe5: f0 = f[x]! - f[y]!; f1 = f[x + 1]! - f[y + 1]!; f2 = f[x + 2]! - f[y + 2]!; f3 = f[x + 3]! - f[y + 3]!; break floats;
      case 0xe6: f0 = f[x]! * f[y]!; f1 = f[x + 1]! * f[y + 1]!; f2 = f[x + 2]! * f[y + 2]!; f3 = f[x + 3]! * f[y + 3]!; break floats;
      // min/max: Math.min/max already give NaN for a NaN operand and order −0 below +0.
      case 0xe8:
        f0 = Math.min(f[x]!, f[y]!); f1 = Math.min(f[x + 1]!, f[y + 1]!); f2 = Math.min(f[x + 2]!, f[y + 2]!); f3 = Math.min(f[x + 3]!, f[y + 3]!);
        break floats;
      case 0xe9:
        f0 = Math.max(f[x]!, f[y]!); f1 = Math.max(f[x + 1]!, f[y + 1]!); f2 = Math.max(f[x + 2]!, f[y + 2]!); f3 = Math.max(f[x + 3]!, f[y + 3]!);
        break floats;
      default:
        execSimdGeneric(inst, w, fw, c, pc);
        return;
    }
    // Int32Array stores reduce modulo 2^32: the wrap the integer lanes need.
    w[d] = r0; w[d + 1] = r1; w[d + 2] = r2; w[d + 3] = r3;
    return;
  }
  // Float lanes, all computed before any is written (`d` may alias an operand); NaNs canonical.
  // Inline rather than a helper: a call with double arguments boxed them (GC in the profile).
  if (f0 === f0) f[d] = f0; else w[d] = F32_NAN;
  if (f1 === f1) f[d + 1] = f1; else w[d + 1] = F32_NAN;
  if (f2 === f2) f[d + 2] = f2; else w[d + 2] = F32_NAN;
  if (f3 === f3) f[d + 3] = f3; else w[d + 3] = F32_NAN;
}

/** Four result bytes of i8x16.shuffle from four packed lane indices (0-31 into A then B). */
function shuffleWord(m: number): number {
  return abU8[m & 31]! | (abU8[(m >>> 8) & 31]! << 8) | (abU8[(m >>> 16) & 31]! << 16) | (abU8[(m >>> 24) & 31]! << 24);
}

/** Every other SIMD instruction, through the entry points of interp/simd/. */
function execSimdGeneric(inst: ModuleInst, w: Int32Array, fw: number, c: Int32Array, pc: number): void {
  const sub = c[pc + 1]!;
  const code = (PREFIX_SIMD << 16) | sub;
  const dst = fw + c[pc + 2]!, a = fw + c[pc + 3]!, b = fw + c[pc + 4]!;
  switch (KIND[sub]) {
    case K.Unary: simdUnary(code, w, dst, a); return;
    case K.Binary: simdBinary(code, w, dst, a, b); return;
    case K.Ternary: simdTernary(code, w, dst, a, b, fw + c[pc + 5]!); return;
    case K.Shuffle: simdShuffle(w, dst, a, b, c, pc + 5); return;
    case K.Shift: simdShift(code, w, dst, a, w[b]!); return;
    case K.Test: w[dst] = simdTest(code, w, a); return;
    case K.Splat: simdSplat(code, w, dst, w[a]!, w[a + 1]!); return;
    case K.Extract: simdExtractLane(code, w, dst, a, c[pc + 6]!); return;
    case K.Replace: simdReplaceLane(code, w, dst, a, c[pc + 6]!, w[b]!, w[b + 1]!); return;
  }
  // Memory forms: a is the address; imm0 the offset, imm1 the memory, imm2 the lane.
  const mem = inst.memories[c[pc + 7]!]!;
  const addr = (w[a]! >>> 0) + (c[pc + 6]! >>> 0);
  switch (KIND[sub]) {
    case K.Load: simdLoad(code, mem, addr, w, dst); return;
    case K.LoadLane: simdLoadLane(code, mem, addr, w, dst, b, c[pc + 8]!); return;
    case K.Store: simdStore(mem, addr, w, b); return;
    case K.StoreLane: simdStoreLane(code, mem, addr, w, b, c[pc + 8]!); return;
  }
  throw new Error(`interp: unsupported SIMD instruction 0x${sub.toString(16)}`);
}
