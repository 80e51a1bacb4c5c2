/**
 * Runs one `Simd` op (layout `sub dst a b c imm0 imm1 imm2`, see translate.ts). The instructions
 * the benchmark kernels and clang's vectorised loops issue most (v128.load/store, bitwise ops,
 * i32x4 add/sub/mul/shifts, f32x4 add/sub/mul/min/max, splats) run inline in one switch on the
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
  switch (sub) {
    case 0x00: { // v128.load
      const mem = inst.memories[c[pc + 7]!]!;
      const ea = (w[x]! >>> 0) + (c[pc + 6]! >>> 0);
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
    case 0xe4: r0 = f[x]! + f[y]!; r1 = f[x + 1]! + f[y + 1]!; r2 = f[x + 2]! + f[y + 2]!; r3 = f[x + 3]! + f[y + 3]!; storeF32(w, f, d, r0, r1, r2, r3); return;
    case 0xe5: r0 = f[x]! - f[y]!; r1 = f[x + 1]! - f[y + 1]!; r2 = f[x + 2]! - f[y + 2]!; r3 = f[x + 3]! - f[y + 3]!; storeF32(w, f, d, r0, r1, r2, r3); return;
    case 0xe6: r0 = f[x]! * f[y]!; r1 = f[x + 1]! * f[y + 1]!; r2 = f[x + 2]! * f[y + 2]!; r3 = f[x + 3]! * f[y + 3]!; storeF32(w, f, d, r0, r1, r2, r3); return;
    // min/max: Math.min/max already give NaN for a NaN operand and order −0 below +0.
    case 0xe8:
      r0 = Math.min(f[x]!, f[y]!); r1 = Math.min(f[x + 1]!, f[y + 1]!); r2 = Math.min(f[x + 2]!, f[y + 2]!); r3 = Math.min(f[x + 3]!, f[y + 3]!);
      storeF32(w, f, d, r0, r1, r2, r3);
      return;
    case 0xe9:
      r0 = Math.max(f[x]!, f[y]!); r1 = Math.max(f[x + 1]!, f[y + 1]!); r2 = Math.max(f[x + 2]!, f[y + 2]!); r3 = Math.max(f[x + 3]!, f[y + 3]!);
      storeF32(w, f, d, r0, r1, r2, r3);
      return;
    default:
      execSimdGeneric(inst, w, fw, c, pc);
      return;
  }
  // Int32Array stores reduce modulo 2^32: the wrap the integer lanes need.
  w[d] = r0; w[d + 1] = r1; w[d + 2] = r2; w[d + 3] = r3;
}

/** Writes four f32 lanes (already computed, so `d` may alias an operand), NaNs canonical. */
function storeF32(w: Int32Array, f: Float32Array, d: number, r0: number, r1: number, r2: number, r3: number): void {
  if (r0 === r0) f[d] = r0; else w[d] = F32_NAN;
  if (r1 === r1) f[d + 1] = r1; else w[d + 1] = F32_NAN;
  if (r2 === r2) f[d + 2] = r2; else w[d + 2] = F32_NAN;
  if (r3 === r3) f[d + 3] = r3; else w[d + 3] = F32_NAN;
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
