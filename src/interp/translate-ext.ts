/**
 * Translation of the instruction families that run out of line — SIMD, atomics and GC — into their
 * `Simd`, `Atomic` and `Gc` ops (layouts in code.ts, meaning in exec-simd.ts, atomics.ts, gc.ts).
 * Each function is called by the translator (translate.ts) for one operator whose immediates are
 * in `t.r`; it pops the operands, pushes the results and emits the op.
 */
import { AbsHeap, I16, I32, I8, refType, V128, type ValType } from '../syntax/types.js';
import { opByCode } from '../syntax/opcodes.js';
import { TrapCode } from '../util/errors.js';
import { Iop } from './code.js';
import { sigOf, type Translator } from './translate.js';

/** GC instructions: `Gc sub dst o1 o2 o3 o4 o5 imm0 imm1` (see gc.ts for each layout). */
export function translateGc(t: Translator, sub: number): void {
  const r = t.r;
  const REF = refType(true, AbsHeap.Any);
  const x = r.idx, y = r.idx2;
  const comp = (i: number) => t.inst.module.types[i]!.comp;
  const fieldT = (t: number): ValType => (t === I8 || t === I16 ? I32 : t);
  const canon = (ht: number): number => (ht >= 0 ? t.inst.typeIds[ht]! : ht);
  const emitGc = (dst: number, o: number[], imm0: number, imm1: number): number => {
    while (o.length < 5) o.push(-1);
    return t.emit(Iop.Gc, sub, dst, ...o, imm0, imm1);
  };
  switch (sub) {
    case 0x00: {
      const c = comp(x);
      t.materializeAll();
      const argw = t.popArgs(c.kind === 'struct' ? c.fields.length : 0);
      emitGc(t.push(REF), [argw], x, 0);
      return;
    }
    case 0x01: emitGc(t.push(REF), [], x, 0); return;
    case 0x02: case 0x03: case 0x04: {
      const c = comp(x);
      const ref = t.pop();
      const ft = c.kind === 'struct' ? fieldT(c.fields[y]!.type) : I32;
      emitGc(t.push(ft), [ref], x, y);
      return;
    }
    case 0x05: { const v = t.pop(), ref = t.pop(); emitGc(-1, [ref, v], x, y); return; }
    case 0x06: { const n = t.pop(), init = t.pop(); emitGc(t.push(REF), [init, n], x, 0); return; }
    case 0x07: { const n = t.pop(); emitGc(t.push(REF), [n], x, 0); return; }
    case 0x08: {
      t.materializeAll();
      const argw = t.popArgs(y);
      emitGc(t.push(REF), [argw], x, y);
      return;
    }
    case 0x09: case 0x0a: { const n = t.pop(), off = t.pop(); emitGc(t.push(REF), [off, n], x, y); return; }
    case 0x0b: case 0x0c: case 0x0d: {
      const c = comp(x);
      const i = t.pop(), ref = t.pop();
      emitGc(t.push(c.kind === 'array' ? fieldT(c.field.type) : I32), [ref, i], x, 0);
      return;
    }
    case 0x0e: { const v = t.pop(), i = t.pop(), ref = t.pop(); emitGc(-1, [ref, i, v], x, 0); return; }
    case 0x0f: { const ref = t.pop(); emitGc(t.push(I32), [ref], 0, 0); return; }
    case 0x10: {
      const n = t.pop(), v = t.pop(), i = t.pop(), ref = t.pop();
      emitGc(-1, [ref, i, v, n], x, 0);
      return;
    }
    case 0x11: {
      const n = t.pop(), si = t.pop(), sref = t.pop(), di = t.pop(), dref = t.pop();
      emitGc(-1, [dref, di, sref, si, n], x, y);
      return;
    }
    case 0x12: case 0x13: {
      const n = t.pop(), si = t.pop(), di = t.pop(), ref = t.pop();
      emitGc(-1, [ref, di, si, n], x, y);
      return;
    }
    case 0x14: case 0x15: { const ref = t.pop(); emitGc(t.push(I32), [ref], canon(r.heapType), 0); return; }
    case 0x16: case 0x17: { const ref = t.pop(); emitGc(t.push(REF), [ref], canon(r.heapType), 0); return; }
    case 0x18: case 0x19: {
      // br_on_cast(_fail) l rt1 rt2: the ref stays on the stack; a trampoline moves the label's values.
      t.materializeAll();
      const c = t.label(r.idx);
      const refw = t.words[t.words.length - 1]!;
      const target = canon(r.heapType2), nullable = r.nullable2 ? 1 : 0;
      const at = emitGc(-1, [refw], target, 0);
      const skip = t.emit(Iop.Br, -1);
      t.code[at + 9] = (t.code.length << 1) | nullable;
      t.branch(c);
      t.code[skip + 1] = t.code.length;
      return;
    }
    case 0x1a: case 0x1b: case 0x1c: { const a = t.pop(); emitGc(t.push(REF), [a], 0, 0); return; }
    case 0x1d: case 0x1e: { const a = t.pop(); emitGc(t.push(I32), [a], 0, 0); return; }
  }
  throw new Error(`translate: unsupported GC instruction 0xfb ${sub}`);
}

/** Atomics: `Atomic sub dst a b c offset mem` (see atomics.ts); atomic.fence emits nothing. */
export function translateAtomic(t: Translator, code: number): void {
  const r = t.r;
  const sub = code & 0xffff;
  if (sub === 0x03) return;
  const s = sigOf(code);
  const ins: number[] = new Array<number>(s.params.length);
  for (let i = s.params.length - 1; i >= 0; i--) ins[i] = t.pop();
  if (t.inst.memories[r.memIndex]!.type.addrType === 'i64') t.emit(Iop.Addr64, ins[0]!, TrapCode.MemoryOutOfBounds);
  const dst = s.results.length > 0 ? t.push(s.results[0]!) : -1;
  if (r.memOffset > 0xffffffff) {
    t.emit(Iop.Trap, TrapCode.MemoryOutOfBounds);
    return;
  }
  t.emit(Iop.Atomic, sub, dst, ins[0]!, ins[1] ?? -1, ins[2] ?? -1, r.memOffset | 0, r.memIndex);
}

/**
 * SIMD: one `Simd` op with a fixed layout `sub dst a b c imm0 imm1 imm2`; the meaning of the
 * immediates is the SIMD executor's business (lane index, memarg offset and memory, or the word
 * index of a 16-byte constant in the code for v128.const / i8x16.shuffle).
 */
export function translateSimd(t: Translator, code: number): void {
  const r = t.r;
  const sub = code & 0xffff;
  const info = opByCode(code)!;
  if (sub === 0x0c) {
    const w = t.push(V128);
    const b = r.v128;
    const word = (i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    t.markDst(t.emit(Iop.Const128, w, word(0), word(4), word(8), word(12)) + 1);
    return;
  }
  const s = sigOf(code);
  const ins: number[] = new Array<number>(s.params.length);
  for (let i = s.params.length - 1; i >= 0; i--) ins[i] = t.pop();
  let imm0 = 0, imm1 = 0, imm2 = 0;
  if (info.imm === 10 /* Memarg */ || info.imm === 18 /* MemargLane */) {
    const is64 = t.inst.memories[r.memIndex]!.type.addrType === 'i64';
    if (is64) t.emit(Iop.Addr64, ins[0]!, TrapCode.MemoryOutOfBounds);
    if (r.memOffset > 0xffffffff) {
      for (const rt of s.results) t.push(rt);
      t.emit(Iop.Trap, TrapCode.MemoryOutOfBounds);
      return;
    }
    imm0 = r.memOffset | 0;
    imm1 = r.memIndex;
    imm2 = info.imm === 18 ? r.idx : 0;
    if (sub === 0x00 && !is64) {
      // v128.load of `base + k`: the i32.add happens in the load (imm2 = k, wrapping as i32.add
      // does, before the offset is added), one op fewer per vector load in address-stepping loops.
      const fold = t.takeAddImm(ins[0]!);
      if (fold !== null) { ins[0] = fold.base; imm2 = fold.k; }
    }
  } else if (info.imm === 17 /* Lane */) {
    imm0 = r.idx;
  } else if (info.imm === 19 /* Shuffle */) {
    const b = r.v128;
    const word = (i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    // The 16 lane indices take the four words c imm0 imm1 imm2, contiguous in the code.
    const dst = t.push(V128);
    t.markDst(t.emit(Iop.Simd, sub, dst, ins[0]!, ins[1]!, word(0), word(4), word(8), word(12)) + 2);
    return;
  }
  const dst = s.results.length > 0 ? t.push(s.results[0]!) : -1;
  if ((sub === 0xae || sub === 0xe4) && fuseMulAdd(t, sub === 0xae ? 0xb5 : 0xe6, dst, ins[0]!, ins[1]!)) return;
  const at = t.emit(Iop.Simd, sub, dst, ins[0] ?? -1, ins[1] ?? -1, ins[2] ?? -1, imm0, imm1, imm2);
  // Every SIMD entry point reads all its operands before writing its result, so the result can go
  // straight into a local that is also an operand (see interp/simd/index.ts).
  if (dst >= 0) t.markDst(at + 2);
}

/** Internal SIMD subopcodes of fused pairs (beyond the 0xFD table): `dst := c + a * b`. */
export const SIMD_I32X4_MUL_ADD = 0x1f0;
export const SIMD_F32X4_MUL_ADD = 0x1f1;

/**
 * An i32x4/f32x4 add of the product the op just emitted computed into a temporary (`mulSub` with
 * its destination among the add's operands `a`, `b`): rewrites that mul into one multiply-add op,
 * writing `dst` — one dispatch for the multiply-accumulate step of dot products. The product is
 * rounded as the mul would round it before the add (see exec-simd.ts), so results are the pair's.
 */
function fuseMulAdd(t: Translator, mulSub: number, dst: number, a: number, b: number): boolean {
  const p = t.lastDstPos, code = t.code;
  if (p < 2 || p + 7 !== code.length || code[p - 2] !== Iop.Simd || code[p - 1] !== mulSub) return false;
  const prod = code[p]!;
  if (prod !== a && prod !== b) return false;
  code[p - 1] = mulSub === 0xb5 ? SIMD_I32X4_MUL_ADD : SIMD_F32X4_MUL_ADD;
  code[p] = dst;
  code[p + 3] = prod === a ? b : a;
  t.markDst(p);
  return true;
}
