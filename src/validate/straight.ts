/**
 * The validator's straight-line fast loop: typing the commonest one-byte operators (numeric
 * operators with a fixed signature, loads and stores of memory 0 with a short memarg, local.get /
 * local.set / local.tee with a one-byte index, and constants with short immediates) straight from
 * the body bytes, without InstrReader decoding
 * each operator into its fields first and without the general dispatch of func.ts.
 *
 * It only ever accepts: at the first operator it does not know, or whose operands are not exactly
 * what it needs, or whose encoding is not the short one, it stops before that operator and the
 * general path (which words every error) takes over. No operator here changes the control stack,
 * so the current frame stays the same throughout a run.
 */
import type { InstrReader } from '../decoder/instr.js';
import { Op } from '../syntax/op.js';
import { Imm, OPCODES } from '../syntax/opcodes.js';
import { F32, F64, I32, I64, type ValType } from '../syntax/types.js';
import type { FuncState } from './func-state.js';
import { ADDR, sigOf } from './signatures.js';

const enum Kind {
  Other = 0,
  /** Fixed signature of numeric/vector types, no immediates: typed from PARAMS / RESULTS. */
  Numeric = 1,
  LocalGet = 2,
  LocalSet = 3,
  LocalTee = 4,
  I32Const = 5,
  I64Const = 6,
  F32Const = 7,
  F64Const = 8,
  /** Load or store with a two-byte memarg (memory 0, offset < 128), typed from PARAMS / RESULTS for an i32 memory. */
  Memory = 9,
}

const KIND = new Uint8Array(256);
const PARAMS: (readonly ValType[])[] = [];
const RESULTS: (readonly ValType[])[] = [];
/** Largest alignment exponent of each memory operator. */
const NATURAL = new Uint8Array(256);
for (const op of OPCODES) {
  if (op.code >= 0x100 || op.sig === null) continue;
  const sig = sigOf(op.code)!;
  const i32 = (ts: readonly ValType[]) => ts.map((t) => (t === ADDR ? I32 : t));
  if (op.imm === Imm.None && !sig.hasAddr) {
    KIND[op.code] = Kind.Numeric;
  } else if (op.imm === Imm.Memarg) {
    KIND[op.code] = Kind.Memory;
    NATURAL[op.code] = op.align;
  } else {
    continue;
  }
  PARAMS[op.code] = i32(sig.params);
  RESULTS[op.code] = i32(sig.results);
}
KIND[Op.local_get] = Kind.LocalGet;
KIND[Op.local_set] = Kind.LocalSet;
KIND[Op.local_tee] = Kind.LocalTee;
KIND[Op.i32_const] = Kind.I32Const;
KIND[Op.i64_const] = Kind.I64Const;
KIND[Op.f32_const] = Kind.F32Const;
KIND[Op.f64_const] = Kind.F64Const;

/**
 * Types the straight-line run of simple operators at `r.pos` (function bodies only, not constant
 * expressions) and leaves `r.pos` at the first operator it did not take.
 */
export function skimStraight(s: FuncState, r: InstrReader): void {
  const bytes = r.bytes;
  const end = r.end;
  const vals = s.vals;
  const locals = s.locals;
  const inited = s.inited;
  const numLocals = s.numLocals;
  const height = s.ctrls[s.depth - 1]!.height;
  const mems = s.c.mems;
  const mem0i32 = mems.length > 0 && mems[0]!.addrType === 'i32';
  let sp = s.sp;
  let p = r.pos;
  loop: while (p < end) {
    const b = bytes[p]!;
    switch (KIND[b]) {
      case Kind.Numeric:
      case Kind.Memory: {
        let len = 1;
        if (KIND[b] === Kind.Memory) {
          // memarg: alignment byte without the memory-index flag (bit 6) at most natural, offset < 128.
          if (!mem0i32 || p + 2 >= end) break loop;
          if (bytes[p + 1]! > NATURAL[b]! || bytes[p + 2]! >= 0x80) break loop;
          len = 3;
        }
        const ps = PARAMS[b]!;
        const n = ps.length;
        if (sp - n < height) break loop;
        for (let i = 0; i < n; i++) if (vals[sp - n + i] !== ps[i]) break loop;
        sp -= n;
        const rs = RESULTS[b]!;
        for (let i = 0; i < rs.length; i++) vals[sp++] = rs[i]!;
        p += len;
        continue;
      }
      case Kind.LocalGet: {
        // An index byte of 0x80 or more starts a longer LEB.
        const x = p + 1 < end ? bytes[p + 1]! : 0x80;
        if (x >= 0x80 || x >= numLocals || inited[x] !== 1) break loop;
        vals[sp++] = locals[x]!;
        p += 2;
        continue;
      }
      case Kind.LocalSet: case Kind.LocalTee: {
        const x = p + 1 < end ? bytes[p + 1]! : 0x80;
        if (x >= 0x80 || x >= numLocals || sp <= height || vals[sp - 1] !== locals[x]) break loop;
        if (b === Op.local_set) sp--;
        if (inited[x] === 0) s.initLocal(x);
        p += 2;
        continue;
      }
      case Kind.I32Const: case Kind.I64Const: {
        // One-byte LEBs only; longer ones are checked for size and padding by InstrReader.
        if (p + 1 >= end || bytes[p + 1]! >= 0x80) break loop;
        vals[sp++] = b === Op.i32_const ? I32 : I64;
        p += 2;
        continue;
      }
      case Kind.F32Const: {
        if (p + 5 > end) break loop;
        vals[sp++] = F32;
        p += 5;
        continue;
      }
      case Kind.F64Const: {
        if (p + 9 > end) break loop;
        vals[sp++] = F64;
        p += 9;
        continue;
      }
      default:
        break loop;
    }
  }
  s.sp = sp;
  r.pos = p;
}
