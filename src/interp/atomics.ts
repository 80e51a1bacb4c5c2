/**
 * The threads proposal's atomic instructions for a single-threaded store: atomic loads, stores,
 * read-modify-write and compare-exchange are plain accesses with the extra alignment trap
 * ("unaligned atomic"); `memory.atomic.notify` wakes nobody (0); `memory.atomic.wait32/64` traps
 * on an unshared memory, returns 1 ("not-equal") when the value differs, and otherwise 2
 * ("timed-out") at once, since no other thread could ever notify it.
 *
 * Layout of the `Atomic` op: sub dst a b c offset mem (frame words; dst/b/c -1 when absent).
 */
import type { ModuleInst } from '../core/instance.js';
import { opByCode, PREFIX_ATOMIC } from '../syntax/opcodes.js';
import { Trap, TrapCode } from '../util/errors.js';
import type { StackViews } from './stack.js';

const MASKS = [0xffn, 0xffffn, 0xffffffffn, 0xffffffffffffffffn];

/** Executes the Atomic op at `pc`. */
export function atomicOp(inst: ModuleInst, s: StackViews, fw: number, c: Int32Array, pc: number): void {
  const sub = c[pc + 1]!;
  const info = opByCode((PREFIX_ATOMIC << 16) | sub)!;
  const sizeLog2 = info.align;
  const size = 1 << sizeLog2;
  const mem = inst.memories[c[pc + 7]!]!;
  const ea = (s.i32[fw + c[pc + 3]!]! >>> 0) + (c[pc + 6]! >>> 0);
  if (ea + size > mem.bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
  if (ea % size !== 0) throw new Trap(TrapCode.UnalignedAtomic);
  const sig = info.sig!;
  const wide = sig.endsWith('I');
  const dst = fw + c[pc + 2]!;
  const arg = (k: number, t: string): bigint => {
    const w = fw + c[pc + k]!;
    return t === 'I' ? s.u64[w >> 1]! : BigInt(s.i32[w]! >>> 0);
  };
  const result = (v: bigint): void => {
    if (wide) s.u64[dst >> 1] = v;
    else s.i32[dst] = Number(v) | 0;
  };
  const v = mem.view;
  const read = (): bigint => {
    switch (size) {
      case 1: return BigInt(v.getUint8(ea));
      case 2: return BigInt(v.getUint16(ea, true));
      case 4: return BigInt(v.getUint32(ea, true));
      default: return v.getBigUint64(ea, true);
    }
  };
  const write = (x: bigint): void => {
    switch (size) {
      case 1: v.setUint8(ea, Number(x & 0xffn)); return;
      case 2: v.setUint16(ea, Number(x & 0xffffn), true); return;
      case 4: v.setUint32(ea, Number(x & 0xffffffffn), true); return;
      default: v.setBigUint64(ea, x & MASKS[3]!, true);
    }
  };
  if (sub === 0x00) { s.i32[dst] = 0; return; }
  if (sub === 0x01 || sub === 0x02) {
    if (!mem.type.shared) throw new Trap(TrapCode.ExpectedSharedMemory);
    const expected = arg(4, sub === 0x01 ? 'i' : 'I');
    s.i32[dst] = read() !== expected ? 1 : 2;
    return;
  }
  const mask = MASKS[sizeLog2]!;
  if (sub >= 0x10 && sub <= 0x16) { result(read()); return; }
  if (sub >= 0x17 && sub <= 0x1d) { write(arg(4, sig[1]!)); return; }
  const op = Math.floor((sub - 0x1e) / 7);
  const t = sig[1]!;
  const old = read();
  const x = arg(4, t) & mask;
  switch (op) {
    case 0: write((old + x) & mask); break;
    case 1: write((old - x) & mask); break;
    case 2: write(old & x); break;
    case 3: write(old | x); break;
    case 4: write(old ^ x); break;
    case 5: write(x); break;
    case 6: if (old === x) write(arg(5, t) & mask); break;
    default: throw new Error(`atomicOp: unknown atomic 0x${sub.toString(16)}`);
  }
  result(old);
}
