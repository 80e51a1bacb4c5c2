/**
 * Memory and table instructions other than plain loads/stores and table.get/set: size, grow,
 * and the bulk operations (init, copy, fill, drop). They run out of the dispatch loop; operands are
 * word offsets relative to the frame base `fw`, laid out as the translator emits them (code.ts).
 *
 * Addresses, sizes and counts take the address type of their memory or table (memory64,
 * table64); 64-bit values are read as numbers, which are exact up to 2^53 — anything larger is out
 * of bounds anyway. Bounds are checked before anything is written, as the spec requires.
 */
import type { ModuleInst } from '../core/instance.js';
import type { Ref } from '../core/values.js';
import { Trap, TrapCode } from '../util/errors.js';
import { Iop } from './code.js';
import type { StackViews } from './stack.js';

function readAddr(s: StackViews, w: number, is64: boolean): number {
  return is64 ? Number(s.u64[w >> 1]!) : s.i32[w]! >>> 0;
}

function writeAddr(s: StackViews, w: number, is64: boolean, v: number): void {
  if (is64) s.i64[w >> 1] = BigInt(v);
  else s.i32[w] = v;
}

function memOob(): Trap {
  return new Trap(TrapCode.MemoryOutOfBounds);
}
function tableOob(): Trap {
  return new Trap(TrapCode.TableOutOfBounds);
}

/** memory.size (dst mem) and memory.grow (dst mem delta). */
export function memorySizeOrGrow(op: number, inst: ModuleInst, s: StackViews, fw: number, c: Int32Array, pc: number): void {
  const mem = inst.memories[c[pc + 2]!]!;
  const is64 = mem.type.addrType === 'i64';
  const dst = fw + c[pc + 1]!;
  if (op === Iop.MemorySize) {
    writeAddr(s, dst, is64, mem.pages);
    return;
  }
  const delta = readAddr(s, fw + c[pc + 3]!, is64);
  const r = delta > 2 ** 48 ? -1 : mem.grow(delta);
  writeAddr(s, dst, is64, r);
}

/** The 0xFC bulk instructions 0x08–0x11 (internal op 0x100 + sub). */
export function bulkOp(op: number, inst: ModuleInst, s: StackViews, fw: number, c: Int32Array, pc: number): void {
  const w = (k: number): number => fw + c[pc + k]!;
  switch (op - Iop.MiscBase) {
    case 0x08: { // memory.init data mem d s n
      const data = inst.datas[c[pc + 1]!]!.bytes;
      const mem = inst.memories[c[pc + 2]!]!;
      const d = readAddr(s, w(3), mem.type.addrType === 'i64');
      const src = s.i32[w(4)]! >>> 0, n = s.i32[w(5)]! >>> 0;
      if (src + n > data.length || d + n > mem.bytes.length) throw memOob();
      mem.bytes.set(data.subarray(src, src + n), d);
      return;
    }
    case 0x09: inst.datas[c[pc + 1]!]!.bytes = new Uint8Array(0); return;
    case 0x0a: { // memory.copy dstmem srcmem d s n
      const dm = inst.memories[c[pc + 1]!]!, sm = inst.memories[c[pc + 2]!]!;
      const d64 = dm.type.addrType === 'i64', s64 = sm.type.addrType === 'i64';
      const d = readAddr(s, w(3), d64), src = readAddr(s, w(4), s64), n = readAddr(s, w(5), d64 && s64);
      if (src + n > sm.bytes.length || d + n > dm.bytes.length) throw memOob();
      if (dm === sm) dm.bytes.copyWithin(d, src, src + n);
      else dm.bytes.set(sm.bytes.subarray(src, src + n), d);
      return;
    }
    case 0x0b: { // memory.fill mem d val n
      const mem = inst.memories[c[pc + 1]!]!;
      const is64 = mem.type.addrType === 'i64';
      const d = readAddr(s, w(2), is64), v = s.i32[w(3)]! & 0xff, n = readAddr(s, w(4), is64);
      if (d + n > mem.bytes.length) throw memOob();
      mem.bytes.fill(v, d, d + n);
      return;
    }
    case 0x0c: { // table.init elem table d s n
      const elems = inst.elems[c[pc + 1]!]!.elements;
      const table = inst.tables[c[pc + 2]!]!;
      const d = readAddr(s, w(3), table.type.addrType === 'i64');
      const src = s.i32[w(4)]! >>> 0, n = s.i32[w(5)]! >>> 0;
      if (src + n > elems.length || d + n > table.elements.length) throw tableOob();
      for (let i = 0; i < n; i++) table.elements[d + i] = elems[src + i]!;
      return;
    }
    case 0x0d: inst.elems[c[pc + 1]!]!.elements = []; return;
    case 0x0e: { // table.copy dst src d s n
      const dt = inst.tables[c[pc + 1]!]!, st = inst.tables[c[pc + 2]!]!;
      const d64 = dt.type.addrType === 'i64', s64 = st.type.addrType === 'i64';
      const d = readAddr(s, w(3), d64), src = readAddr(s, w(4), s64), n = readAddr(s, w(5), d64 && s64);
      if (src + n > st.elements.length || d + n > dt.elements.length) throw tableOob();
      if (dt === st) dt.elements.copyWithin(d, src, src + n);
      else for (let i = 0; i < n; i++) dt.elements[d + i] = st.elements[src + i]!;
      return;
    }
    case 0x0f: { // table.grow dst table init delta
      const table = inst.tables[c[pc + 2]!]!;
      const is64 = table.type.addrType === 'i64';
      const init = s.refs[w(3)] ?? null;
      const delta = readAddr(s, w(4), is64);
      writeAddr(s, w(1), is64, table.grow(delta, init as Ref));
      return;
    }
    case 0x10: { // table.size dst table
      const table = inst.tables[c[pc + 2]!]!;
      writeAddr(s, w(1), table.type.addrType === 'i64', table.elements.length);
      return;
    }
    case 0x11: { // table.fill table i val n
      const table = inst.tables[c[pc + 1]!]!;
      const is64 = table.type.addrType === 'i64';
      const d = readAddr(s, w(2), is64), v = s.refs[w(3)] ?? null, n = readAddr(s, w(4), is64);
      if (d + n > table.elements.length) throw tableOob();
      table.elements.fill(v, d, d + n);
      return;
    }
  }
  throw new Error(`bulkOp: unknown op 0x${op.toString(16)}`);
}
