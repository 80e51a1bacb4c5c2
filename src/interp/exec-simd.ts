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
import type { MemoryInst } from '../core/memory.js';
import { Imm, OPCODES, PREFIX_SIMD } from '../syntax/opcodes.js';
import { Trap, TrapCode } from '../util/errors.js';
import {
  simdBinary, simdExtractLane, simdLoad, simdLoadLane, simdReplaceLane, simdShift, simdShuffle, simdSplat,
  simdStore, simdStoreLane, simdTernary, simdTest, simdUnary,
} from './simd/index.js';
import { Iop } from './code.js';
import { SIMD_F32X4_MUL_ADD, SIMD_I32X4_MUL_ADD } from './translate-ext.js';
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
 * Dense case numbers of the run loop's one switch (V8 makes a jump table of a switch only when its
 * case values are dense; the SIMD subopcodes the loop inlines are not): `RUN_SIMD[sub]` for a Simd
 * op, `RUN_OP[op]` for the scalar ops a SIMD loop is made of. 0 hands the op back to the main loop.
 */
const enum R {
  Exit, Generic,
  Load, Store, Splat32, Extract32, Shuffle, I8Eq, I8Add, I8Sub, And, Or, Xor, I32Shl, I32ShrS, I32ShrU,
  I32Add, I32Sub, I32Mul, F32Add, F32Sub, F32Mul, F32Min, F32Max, I32MulAdd, F32MulAdd,
  Const32, Const128, Copy1, Copy4, I32AddImm, I32AddOp, Br, BrIf, BrUnless, BrEqz, BrNez,
  BrEq, BrNe, BrLtS, BrLtU, BrGtS, BrGtU, BrLeS, BrLeU, BrGeS, BrGeU,
  BrEqI, BrNeI, BrLtSI, BrLtUI, BrGtSI, BrGtUI, BrLeSI, BrLeUI, BrGeSI, BrGeUI,
}

const RUN_SIMD = new Uint8Array(0x200).fill(R.Generic);
for (const [sub, r] of [
  [0x00, R.Load], [0x0b, R.Store], [0x11, R.Splat32], [0x13, R.Splat32], [0x1b, R.Extract32], [0x1f, R.Extract32],
  [0x0d, R.Shuffle], [0x23, R.I8Eq], [0x6e, R.I8Add], [0x71, R.I8Sub], [0x4e, R.And], [0x50, R.Or], [0x51, R.Xor],
  [0xab, R.I32Shl], [0xac, R.I32ShrS], [0xad, R.I32ShrU], [0xae, R.I32Add], [0xb1, R.I32Sub], [0xb5, R.I32Mul],
  [0xe4, R.F32Add], [0xe5, R.F32Sub], [0xe6, R.F32Mul], [0xe8, R.F32Min], [0xe9, R.F32Max],
  [SIMD_I32X4_MUL_ADD, R.I32MulAdd], [SIMD_F32X4_MUL_ADD, R.F32MulAdd],
] as const) RUN_SIMD[sub] = r;

// Only ops that cannot trap, call, or charge fuel: `Fuel` and the `_fuel` branch forms return to
// the main loop, so fuel is charged and paused on exactly as without this loop.
const RUN_OP = new Uint8Array(Iop.FuelBrUnless + 1);
RUN_OP[Iop.Const32] = R.Const32; RUN_OP[Iop.Const128] = R.Const128;
RUN_OP[Iop.Copy1] = R.Copy1; RUN_OP[Iop.Copy4] = R.Copy4;
RUN_OP[Iop.ImmBase + 0x6a] = R.I32AddImm; RUN_OP[0x6a] = R.I32AddOp;
RUN_OP[Iop.Br] = R.Br; RUN_OP[Iop.BrIf] = R.BrIf; RUN_OP[Iop.BrUnless] = R.BrUnless;
RUN_OP[Iop.BrEqz] = R.BrEqz; RUN_OP[Iop.BrNez] = R.BrNez;
for (let i = 0; i < 10; i++) {
  RUN_OP[Iop.BrCmpBase + 0x46 + i] = R.BrEq + i;
  RUN_OP[Iop.BrCmpImmBase + 0x46 + i] = R.BrEqI + i;
}

/**
 * Runs the Simd op at `pc` and the ops after it while they are Simd ops or the plain scalar ops
 * SIMD loops are made of (constants, copies, `i32.add`, branches): one call and no main-loop
 * dispatch per op. Returns the pc of the first op it does not run, for the main loop. `w` is the
 * value stack's word view and `f` its f32 view (same buffer), `fw` the frame base.
 *
 * An op that would trap is run only as the first op: anywhere else the loop returns its pc instead,
 * and the main loop dispatches it again and traps with that pc, so backtraces point at it.
 */
export function execSimd(inst: ModuleInst, w: Int32Array, f: Float32Array, fw: number, c: Int32Array, pc: number): number {
  const start = pc;
  let d = 0, x = 0, y = 0, z = 0, a = 0, ea = 0;
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
  let mem: MemoryInst;
  let v: DataView;
  for (;;) {
    const op = c[pc]!;
    let sub = 0;
    if (op === Iop.Simd) {
      sub = c[pc + 1]!;
      d = fw + c[pc + 2]!; x = fw + c[pc + 3]!; y = fw + c[pc + 4]!;
    }
    floats: {
      switch (op === Iop.Simd ? RUN_SIMD[sub]! : op < RUN_OP.length ? RUN_OP[op]! : R.Exit) {
        case R.Exit:
          return pc;
        case R.Load: { // v128.load; imm2 is an i32.add folded into the address by the translator
          mem = inst.memories[c[pc + 7]!]!;
          ea = ((w[x]! + c[pc + 8]!) >>> 0) + (c[pc + 6]! >>> 0);
          if (ea + 16 > mem.bytes.length) {
            if (pc !== start) return pc;
            throw new Trap(TrapCode.MemoryOutOfBounds);
          }
          v = mem.view;
          w[d] = v.getInt32(ea, true); w[d + 1] = v.getInt32(ea + 4, true);
          w[d + 2] = v.getInt32(ea + 8, true); w[d + 3] = v.getInt32(ea + 12, true);
          pc += 9;
          continue;
        }
        case R.Store: {
          mem = inst.memories[c[pc + 7]!]!;
          ea = (w[x]! >>> 0) + (c[pc + 6]! >>> 0);
          if (ea + 16 > mem.bytes.length) {
            if (pc !== start) return pc;
            throw new Trap(TrapCode.MemoryOutOfBounds);
          }
          v = mem.view;
          v.setInt32(ea, w[y]!, true); v.setInt32(ea + 4, w[y + 1]!, true);
          v.setInt32(ea + 8, w[y + 2]!, true); v.setInt32(ea + 12, w[y + 3]!, true);
          pc += 9;
          continue;
        }
        case R.Splat32: // i32x4.splat, f32x4.splat (bits)
          r0 = w[x]!; w[d] = r0; w[d + 1] = r0; w[d + 2] = r0; w[d + 3] = r0;
          pc += 9;
          continue;
        case R.Extract32: // i32x4.extract_lane, f32x4.extract_lane (bits)
          w[d] = w[x + c[pc + 6]!]!;
          pc += 9;
          continue;
        case R.Shuffle: // i8x16.shuffle: lane indices packed four per code word (see translate-ext.ts)
          aI32[0] = w[x]!; aI32[1] = w[x + 1]!; aI32[2] = w[x + 2]!; aI32[3] = w[x + 3]!;
          bI32[0] = w[y]!; bI32[1] = w[y + 1]!; bI32[2] = w[y + 2]!; bI32[3] = w[y + 3]!;
          r0 = shuffleWord(c[pc + 5]!); r1 = shuffleWord(c[pc + 6]!); r2 = shuffleWord(c[pc + 7]!); r3 = shuffleWord(c[pc + 8]!);
          break;
        case R.I8Eq: r0 = ~ne8(w[x]!, w[y]!); r1 = ~ne8(w[x + 1]!, w[y + 1]!); r2 = ~ne8(w[x + 2]!, w[y + 2]!); r3 = ~ne8(w[x + 3]!, w[y + 3]!); break;
        case R.I8Add: r0 = add8(w[x]!, w[y]!); r1 = add8(w[x + 1]!, w[y + 1]!); r2 = add8(w[x + 2]!, w[y + 2]!); r3 = add8(w[x + 3]!, w[y + 3]!); break;
        case R.I8Sub: r0 = sub8(w[x]!, w[y]!); r1 = sub8(w[x + 1]!, w[y + 1]!); r2 = sub8(w[x + 2]!, w[y + 2]!); r3 = sub8(w[x + 3]!, w[y + 3]!); break;
        case R.And: r0 = w[x]! & w[y]!; r1 = w[x + 1]! & w[y + 1]!; r2 = w[x + 2]! & w[y + 2]!; r3 = w[x + 3]! & w[y + 3]!; break;
        case R.Or: r0 = w[x]! | w[y]!; r1 = w[x + 1]! | w[y + 1]!; r2 = w[x + 2]! | w[y + 2]!; r3 = w[x + 3]! | w[y + 3]!; break;
        case R.Xor: r0 = w[x]! ^ w[y]!; r1 = w[x + 1]! ^ w[y + 1]!; r2 = w[x + 2]! ^ w[y + 2]!; r3 = w[x + 3]! ^ w[y + 3]!; break;
        case R.I32Shl: r3 = w[y]!; r0 = w[x]! << r3; r1 = w[x + 1]! << r3; r2 = w[x + 2]! << r3; r3 = w[x + 3]! << r3; break;
        case R.I32ShrS: r3 = w[y]!; r0 = w[x]! >> r3; r1 = w[x + 1]! >> r3; r2 = w[x + 2]! >> r3; r3 = w[x + 3]! >> r3; break;
        case R.I32ShrU: r3 = w[y]!; r0 = w[x]! >>> r3; r1 = w[x + 1]! >>> r3; r2 = w[x + 2]! >>> r3; r3 = w[x + 3]! >>> r3; break;
        case R.I32Add: r0 = w[x]! + w[y]!; r1 = w[x + 1]! + w[y + 1]!; r2 = w[x + 2]! + w[y + 2]!; r3 = w[x + 3]! + w[y + 3]!; break;
        case R.I32Sub: r0 = w[x]! - w[y]!; r1 = w[x + 1]! - w[y + 1]!; r2 = w[x + 2]! - w[y + 2]!; r3 = w[x + 3]! - w[y + 3]!; break;
        case R.I32Mul:
          r0 = Math.imul(w[x]!, w[y]!); r1 = Math.imul(w[x + 1]!, w[y + 1]!);
          r2 = Math.imul(w[x + 2]!, w[y + 2]!); r3 = Math.imul(w[x + 3]!, w[y + 3]!);
          break;
        // f32x4: computed in f64 and rounded once by the Float32Array store, which is exact for + − ×.
        // Fused mul + add of the product (translate-ext.ts): c is the addend.
        case R.I32MulAdd:
          z = fw + c[pc + 5]!;
          r0 = w[z]! + Math.imul(w[x]!, w[y]!); r1 = w[z + 1]! + Math.imul(w[x + 1]!, w[y + 1]!);
          r2 = w[z + 2]! + Math.imul(w[x + 2]!, w[y + 2]!); r3 = w[z + 3]! + Math.imul(w[x + 3]!, w[y + 3]!);
          break;
        // The product rounded to f32 first, as f32x4.mul stores it; a NaN product stays NaN.
        case R.F32MulAdd:
          z = fw + c[pc + 5]!;
          f0 = f[z]! + Math.fround(f[x]! * f[y]!); f1 = f[z + 1]! + Math.fround(f[x + 1]! * f[y + 1]!);
          f2 = f[z + 2]! + Math.fround(f[x + 2]! * f[y + 2]!); f3 = f[z + 3]! + Math.fround(f[x + 3]! * f[y + 3]!);
          break floats;
        case R.F32Add: f0 = f[x]! + f[y]!; f1 = f[x + 1]! + f[y + 1]!; f2 = f[x + 2]! + f[y + 2]!; f3 = f[x + 3]! + f[y + 3]!; break floats;
        case R.F32Sub: f0 = f[x]! - f[y]!; f1 = f[x + 1]! - f[y + 1]!; f2 = f[x + 2]! - f[y + 2]!; f3 = f[x + 3]! - f[y + 3]!; break floats;
        case R.F32Mul: f0 = f[x]! * f[y]!; f1 = f[x + 1]! * f[y + 1]!; f2 = f[x + 2]! * f[y + 2]!; f3 = f[x + 3]! * f[y + 3]!; break floats;
        // min/max: Math.min/max already give NaN for a NaN operand and order −0 below +0.
        case R.F32Min:
          f0 = Math.min(f[x]!, f[y]!); f1 = Math.min(f[x + 1]!, f[y + 1]!); f2 = Math.min(f[x + 2]!, f[y + 2]!); f3 = Math.min(f[x + 3]!, f[y + 3]!);
          break floats;
        case R.F32Max:
          f0 = Math.max(f[x]!, f[y]!); f1 = Math.max(f[x + 1]!, f[y + 1]!); f2 = Math.max(f[x + 2]!, f[y + 2]!); f3 = Math.max(f[x + 3]!, f[y + 3]!);
          break floats;
        case R.Generic:
          if (pc !== start && KIND[sub]! >= K.Load) return pc; // may trap: the main loop runs it
          execSimdGeneric(inst, w, fw, c, pc);
          pc += 9;
          continue;
        // The scalar ops, as in the main loop.
        case R.Const32: w[fw + c[pc + 1]!] = c[pc + 2]!; pc += 3; continue;
        case R.Const128:
          d = fw + c[pc + 1]!;
          w[d] = c[pc + 2]!; w[d + 1] = c[pc + 3]!; w[d + 2] = c[pc + 4]!; w[d + 3] = c[pc + 5]!;
          pc += 6;
          continue;
        case R.Copy1: w[fw + c[pc + 1]!] = w[fw + c[pc + 2]!]!; pc += 3; continue;
        case R.Copy4:
          d = fw + c[pc + 1]!; x = fw + c[pc + 2]!;
          w[d] = w[x]!; w[d + 1] = w[x + 1]!; w[d + 2] = w[x + 2]!; w[d + 3] = w[x + 3]!;
          pc += 3;
          continue;
        case R.I32AddImm: w[fw + c[pc + 1]!] = w[fw + c[pc + 2]!]! + c[pc + 3]!; pc += 4; continue;
        case R.I32AddOp: w[fw + c[pc + 1]!] = w[fw + c[pc + 2]!]! + w[fw + c[pc + 3]!]!; pc += 4; continue;
        case R.Br: pc = c[pc + 1]!; continue;
        case R.BrIf: case R.BrNez: pc = w[fw + c[pc + 1]!] !== 0 ? c[pc + 2]! : pc + 3; continue;
        case R.BrUnless: case R.BrEqz: pc = w[fw + c[pc + 1]!] === 0 ? c[pc + 2]! : pc + 3; continue;
        case R.BrEq: a = w[fw + c[pc + 1]!]!; pc = a === w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrNe: a = w[fw + c[pc + 1]!]!; pc = a !== w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLtS: a = w[fw + c[pc + 1]!]!; pc = a < w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLtU: a = w[fw + c[pc + 1]!]! >>> 0; pc = a < w[fw + c[pc + 2]!]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrGtS: a = w[fw + c[pc + 1]!]!; pc = a > w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrGtU: a = w[fw + c[pc + 1]!]! >>> 0; pc = a > w[fw + c[pc + 2]!]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrLeS: a = w[fw + c[pc + 1]!]!; pc = a <= w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLeU: a = w[fw + c[pc + 1]!]! >>> 0; pc = a <= w[fw + c[pc + 2]!]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrGeS: a = w[fw + c[pc + 1]!]!; pc = a >= w[fw + c[pc + 2]!]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrGeU: a = w[fw + c[pc + 1]!]! >>> 0; pc = a >= w[fw + c[pc + 2]!]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrEqI: pc = w[fw + c[pc + 1]!]! === c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrNeI: pc = w[fw + c[pc + 1]!]! !== c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLtSI: pc = w[fw + c[pc + 1]!]! < c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLtUI: pc = w[fw + c[pc + 1]!]! >>> 0 < c[pc + 2]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrGtSI: pc = w[fw + c[pc + 1]!]! > c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrGtUI: pc = w[fw + c[pc + 1]!]! >>> 0 > c[pc + 2]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrLeSI: pc = w[fw + c[pc + 1]!]! <= c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrLeUI: pc = w[fw + c[pc + 1]!]! >>> 0 <= c[pc + 2]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        case R.BrGeSI: pc = w[fw + c[pc + 1]!]! >= c[pc + 2]! ? c[pc + 3]! : pc + 4; continue;
        case R.BrGeUI: pc = w[fw + c[pc + 1]!]! >>> 0 >= c[pc + 2]! >>> 0 ? c[pc + 3]! : pc + 4; continue;
        default:
          return pc;
      }
      // Int32Array stores reduce modulo 2^32: the wrap the integer lanes need.
      w[d] = r0; w[d + 1] = r1; w[d + 2] = r2; w[d + 3] = r3;
      pc += 9;
      continue;
    }
    // Float lanes, all computed before any is written (`d` may alias an operand); NaNs canonical.
    // Inline rather than a helper: a call with double arguments boxed them (GC in the profile).
    if (f0 === f0) f[d] = f0; else w[d] = F32_NAN;
    if (f1 === f1) f[d + 1] = f1; else w[d + 1] = F32_NAN;
    if (f2 === f2) f[d + 2] = f2; else w[d + 2] = F32_NAN;
    if (f3 === f3) f[d + 3] = f3; else w[d + 3] = F32_NAN;
    pc += 9;
  }
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
