/**
 * Runs one `Simd` op (layout `sub dst a b c imm0 imm1 imm2`, see translate.ts) by calling the SIMD
 * entry points of interp/simd/. The kind of each SIMD instruction (which entry point, which
 * operands) is derived once from the opcode table's immediates and signature.
 *
 * What it does not do: any lane arithmetic (interp/simd/ does).
 */
import type { ModuleInst } from '../core/instance.js';
import { Imm, OPCODES, PREFIX_SIMD } from '../syntax/opcodes.js';
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

/** Executes the Simd op at `pc`; `w` is the value stack's word view, `fw` the frame base. */
export function execSimd(inst: ModuleInst, w: Int32Array, fw: number, c: Int32Array, pc: number): void {
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
