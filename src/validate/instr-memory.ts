/**
 * Typing of memory and table instructions: the memarg rules shared by all loads, stores, atomics and
 * SIMD lane accesses (memory index, alignment, offset range), and the instructions with no fixed
 * signature — memory.size/grow/fill/copy/init, data.drop, table.get/set/size/grow/fill/copy/init,
 * elem.drop. Address operands take the memory's or table's address type (memory64 / table64); a
 * copy between an i32 and an i64 space counts its length in i32.
 *
 * Returns false for any other instruction.
 */
import type { InstrReader } from '../decoder/instr.js';
import { Op } from '../syntax/op.js';
import { I32, I64, valTypeToString, type AddrType, type MemType, type ValType } from '../syntax/types.js';
import { malformed } from '../util/errors.js';
import type { FuncState } from './func-state.js';

/** The value type of an address type. */
export function addrVal(a: AddrType): ValType {
  return a === 'i64' ? I64 : I32;
}

/**
 * Checks a memarg against its memory: the memory exists, the alignment is at most `natural` (exactly
 * `natural` for atomics), and the offset fits the address type. Returns the memory's type.
 */
export function checkMemarg(s: FuncState, r: InstrReader, natural: number, atomic: boolean): MemType {
  const mt = s.c.mem(r.memIndex, s.at);
  if (atomic ? r.memAlign !== natural : r.memAlign > natural) {
    s.fail(atomic ? 'alignment must be equal to natural' : 'alignment must not be larger than natural');
  }
  if (mt.addrType === 'i32' && r.memOffset > 0xffffffff) s.fail('offset out of range');
  return mt;
}

/** memory.init, data.drop, array.new_data and array.init_data need the data count section so that one pass can check data indices. */
export function requireDataCount(s: FuncState): void {
  if (s.c.module.dataCount === null) throw malformed('data count section required', s.at);
}

/** Types `code` if it is a memory/table instruction without a fixed signature; returns whether it was one. */
export function checkMemoryTable(s: FuncState, r: InstrReader, code: number): boolean {
  const c = s.c;
  switch (code) {
    case Op.memory_size: {
      s.push(addrVal(c.mem(r.idx, s.at).addrType));
      return true;
    }
    case Op.memory_grow: {
      const a = addrVal(c.mem(r.idx, s.at).addrType);
      s.popT(a);
      s.push(a);
      return true;
    }
    case Op.memory_fill: {
      const a = addrVal(c.mem(r.idx, s.at).addrType);
      s.popT(a);
      s.popT(I32);
      s.popT(a);
      return true;
    }
    case Op.memory_copy: {
      const d = c.mem(r.idx, s.at).addrType;
      const src = c.mem(r.idx2, s.at).addrType;
      s.popT(d === 'i64' && src === 'i64' ? I64 : I32);
      s.popT(addrVal(src));
      s.popT(addrVal(d));
      return true;
    }
    case Op.memory_init: {
      // Immediates: data index, then memory index.
      const a = addrVal(c.mem(r.idx2, s.at).addrType);
      requireDataCount(s);
      c.data(r.idx, s.at);
      s.popT(I32);
      s.popT(I32);
      s.popT(a);
      return true;
    }
    case Op.data_drop:
      requireDataCount(s);
      c.data(r.idx, s.at);
      return true;
    case Op.table_get: {
      const tt = c.table(r.idx, s.at);
      s.popT(addrVal(tt.addrType));
      s.push(tt.elemType);
      return true;
    }
    case Op.table_set: {
      const tt = c.table(r.idx, s.at);
      s.popT(tt.elemType);
      s.popT(addrVal(tt.addrType));
      return true;
    }
    case Op.table_size:
      s.push(addrVal(c.table(r.idx, s.at).addrType));
      return true;
    case Op.table_grow: {
      const tt = c.table(r.idx, s.at);
      const a = addrVal(tt.addrType);
      s.popT(a);
      s.popT(tt.elemType);
      s.push(a);
      return true;
    }
    case Op.table_fill: {
      const tt = c.table(r.idx, s.at);
      const a = addrVal(tt.addrType);
      s.popT(a);
      s.popT(tt.elemType);
      s.popT(a);
      return true;
    }
    case Op.table_copy: {
      const dst = c.table(r.idx, s.at);
      const src = c.table(r.idx2, s.at);
      if (!c.matches(src.elemType, dst.elemType)) {
        s.fail(`type mismatch: source element type ${valTypeToString(src.elemType)} does not match destination element type ${valTypeToString(dst.elemType)}`);
      }
      s.popT(dst.addrType === 'i64' && src.addrType === 'i64' ? I64 : I32);
      s.popT(addrVal(src.addrType));
      s.popT(addrVal(dst.addrType));
      return true;
    }
    case Op.table_init: {
      // Immediates: element segment index, then table index.
      const tt = c.table(r.idx2, s.at);
      const et = c.elem(r.idx, s.at);
      if (!c.matches(et, tt.elemType)) {
        s.fail(`type mismatch: element segment's type ${valTypeToString(et)} does not match table's element type ${valTypeToString(tt.elemType)}`);
      }
      s.popT(I32);
      s.popT(I32);
      s.popT(addrVal(tt.addrType));
      return true;
    }
    case Op.elem_drop:
      c.elem(r.idx, s.at);
      return true;
  }
  return false;
}
