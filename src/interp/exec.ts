/**
 * THE dispatch loop: runs translated code (code.ts) over the thread's explicit frames until the
 * outermost function returns or fuel runs short. A wasm→wasm call never makes a JS call: call ops
 * update the thread's frame and the loop reloads its locals.
 *
 * Hot operations (arithmetic, comparisons, loads/stores, locals, branches) are inline; rare or long
 * ones (conversions, bulk memory, tables, globals, calls, SIMD) are out of line so that this
 * function stays small enough for V8 to optimise (under 61,440 bytes of bytecode).
 *
 * Value representation: see code.ts. f32/f64 values are moved as words (never through a JS number)
 * wherever the spec keeps NaN bits: copies, abs/neg/copysign, reinterpret, loads and stores.
 * i64 arithmetic uses BigInt64Array views (typed-array stores wrap to 64 bits).
 *
 * Every memory access is checked against the memory's current byte length before touching it, and
 * reads the memory's current view (refreshed by grow), so no access can read `undefined`.
 *
 * One case per opcode; the cases follow the order of the opcode table.
 */
import type { WasmFuncInst } from '../core/func.js';
import type { Ref } from '../core/values.js';
import { Trap, TrapCode } from '../util/errors.js';
import { bulkOp, memorySizeOrGrow } from './bulk.js';
import { callOp } from './calls.js';
import { Iop } from './code.js';
import { convert, ctz32, nearest, popcnt32 } from './numeric.js';
import { execSimd } from './exec-simd.js';
import { returnFrom, RunResult, type Thread } from './thread.js';
import type { CompiledFunc } from './translate.js';
import { readVal, writeVal } from './values.js';

function memOob(): Trap {
  return new Trap(TrapCode.MemoryOutOfBounds);
}

const I64_MIN = -0x8000000000000000n;

/** Runs the thread's current frame until done or out of fuel. Traps and host errors are thrown. */
export function execute(t: Thread): RunResult {
  let fn: WasmFuncInst = t.func!;
  let c: Int32Array = (fn.compiled as CompiledFunc).code;
  let pc = t.pc;
  let fw = t.fw;
  let S = t.stack;
  let I32 = S.i32, F32 = S.f32, F64 = S.f64, I64 = S.i64, U64 = S.u64;
  let R: Ref[] = S.refs;
  let inst = fn.instance;
  let mems = inst.memories;
  try {
    for (;;) {
      switch (c[pc]) {
        case 0x28: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getInt32(ea, true);
          pc += 5;
          break;
        }
        case 0x29: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 8 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; I32[d] = v.getInt32(ea, true); I32[d + 1] = v.getInt32(ea + 4, true);
          pc += 5;
          break;
        }
        case 0x2a: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getInt32(ea, true);
          pc += 5;
          break;
        }
        case 0x2b: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 8 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; I32[d] = v.getInt32(ea, true); I32[d + 1] = v.getInt32(ea + 4, true);
          pc += 5;
          break;
        }
        case 0x2c: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getInt8(ea);
          pc += 5;
          break;
        }
        case 0x2d: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getUint8(ea);
          pc += 5;
          break;
        }
        case 0x2e: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getInt16(ea, true);
          pc += 5;
          break;
        }
        case 0x2f: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          I32[fw + c[pc + 1]!] = v.getUint16(ea, true);
          pc += 5;
          break;
        }
        case 0x30: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; const x = v.getInt8(ea); I32[d] = x; I32[d + 1] = x >> 31;
          pc += 5;
          break;
        }
        case 0x31: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; I32[d] = v.getUint8(ea); I32[d + 1] = 0;
          pc += 5;
          break;
        }
        case 0x32: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; const x = v.getInt16(ea, true); I32[d] = x; I32[d + 1] = x >> 31;
          pc += 5;
          break;
        }
        case 0x33: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; I32[d] = v.getUint16(ea, true); I32[d + 1] = 0;
          pc += 5;
          break;
        }
        case 0x34: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; const x = v.getInt32(ea, true); I32[d] = x; I32[d + 1] = x >> 31;
          pc += 5;
          break;
        }
        case 0x35: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 2]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          const d = fw + c[pc + 1]!; I32[d] = v.getInt32(ea, true); I32[d + 1] = 0;
          pc += 5;
          break;
        }
        case 0x36: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt32(ea, I32[s]!, true);
          pc += 5;
          break;
        }
        case 0x37: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 8 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt32(ea, I32[s]!, true); v.setInt32(ea + 4, I32[s + 1]!, true);
          pc += 5;
          break;
        }
        case 0x38: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt32(ea, I32[s]!, true);
          pc += 5;
          break;
        }
        case 0x39: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 8 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt32(ea, I32[s]!, true); v.setInt32(ea + 4, I32[s + 1]!, true);
          pc += 5;
          break;
        }
        case 0x3a: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt8(ea, I32[s]!);
          pc += 5;
          break;
        }
        case 0x3b: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt16(ea, I32[s]!, true);
          pc += 5;
          break;
        }
        case 0x3c: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 1 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt8(ea, I32[s]!);
          pc += 5;
          break;
        }
        case 0x3d: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 2 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt16(ea, I32[s]!, true);
          pc += 5;
          break;
        }
        case 0x3e: {
          const m = mems[c[pc + 4]!]!;
          const ea = (I32[fw + c[pc + 1]!]! >>> 0) + (c[pc + 3]! >>> 0);
          if (ea + 4 > m.bytes.length) throw memOob();
          const v = m.view;
          const s = fw + c[pc + 2]!;
          v.setInt32(ea, I32[s]!, true);
          pc += 5;
          break;
        }
        case 0x45: I32[fw + c[pc + 1]!] = I32[fw + c[pc + 2]!]! === 0 ? 1 : 0; pc += 3; break;
        case 0x46: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a === b ? 1 : 0; pc += 4; break; }
        case 0x47: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a !== b ? 1 : 0; pc += 4; break; }
        case 0x48: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a < b ? 1 : 0; pc += 4; break; }
        case 0x49: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a >>> 0) < (b >>> 0) ? 1 : 0; pc += 4; break; }
        case 0x4a: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a > b ? 1 : 0; pc += 4; break; }
        case 0x4b: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a >>> 0) > (b >>> 0) ? 1 : 0; pc += 4; break; }
        case 0x4c: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a <= b ? 1 : 0; pc += 4; break; }
        case 0x4d: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a >>> 0) <= (b >>> 0) ? 1 : 0; pc += 4; break; }
        case 0x4e: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a >= b ? 1 : 0; pc += 4; break; }
        case 0x4f: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a >>> 0) >= (b >>> 0) ? 1 : 0; pc += 4; break; }
        case 0x50: { const a = fw + c[pc + 2]!; I32[fw + c[pc + 1]!] = (I32[a]! | I32[a + 1]!) === 0 ? 1 : 0; pc += 3; break; }
        case 0x51: { const a = fw + c[pc + 2]!, b = fw + c[pc + 3]!; I32[fw + c[pc + 1]!] = I32[a] === I32[b] && I32[a + 1] === I32[b + 1] ? 1 : 0; pc += 4; break; }
        case 0x52: { const a = fw + c[pc + 2]!, b = fw + c[pc + 3]!; I32[fw + c[pc + 1]!] = I32[a] === I32[b] && I32[a + 1] === I32[b + 1] ? 0 : 1; pc += 4; break; }
        case 0x53: I32[fw + c[pc + 1]!] = I64[(fw + c[pc + 2]!) >> 1]! < I64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x54: I32[fw + c[pc + 1]!] = U64[(fw + c[pc + 2]!) >> 1]! < U64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x55: I32[fw + c[pc + 1]!] = I64[(fw + c[pc + 2]!) >> 1]! > I64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x56: I32[fw + c[pc + 1]!] = U64[(fw + c[pc + 2]!) >> 1]! > U64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x57: I32[fw + c[pc + 1]!] = I64[(fw + c[pc + 2]!) >> 1]! <= I64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x58: I32[fw + c[pc + 1]!] = U64[(fw + c[pc + 2]!) >> 1]! <= U64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x59: I32[fw + c[pc + 1]!] = I64[(fw + c[pc + 2]!) >> 1]! >= I64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x5a: I32[fw + c[pc + 1]!] = U64[(fw + c[pc + 2]!) >> 1]! >= U64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x5b: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! === F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x5c: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! !== F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x5d: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! < F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x5e: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! > F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x5f: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! <= F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x60: I32[fw + c[pc + 1]!] = F32[fw + c[pc + 2]!]! >= F32[fw + c[pc + 3]!]! ? 1 : 0; pc += 4; break;
        case 0x61: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! === F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x62: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! !== F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x63: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! < F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x64: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! > F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x65: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! <= F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x66: I32[fw + c[pc + 1]!] = F64[(fw + c[pc + 2]!) >> 1]! >= F64[(fw + c[pc + 3]!) >> 1]! ? 1 : 0; pc += 4; break;
        case 0x67: I32[fw + c[pc + 1]!] = Math.clz32(I32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x68: I32[fw + c[pc + 1]!] = ctz32(I32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x69: I32[fw + c[pc + 1]!] = popcnt32(I32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x6a: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a + b; pc += 4; break; }
        case 0x6b: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a - b; pc += 4; break; }
        case 0x6c: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = Math.imul(a, b); pc += 4; break; }
        case 0x71: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a & b; pc += 4; break; }
        case 0x72: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a | b; pc += 4; break; }
        case 0x73: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a ^ b; pc += 4; break; }
        case 0x74: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a << b; pc += 4; break; }
        case 0x75: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a >> b; pc += 4; break; }
        case 0x76: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = a >>> b; pc += 4; break; }
        case 0x77: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a << b) | (a >>> (32 - (b & 31))); pc += 4; break; }
        case 0x78: { const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!; I32[fw + c[pc + 1]!] = (a >>> b) | (a << (32 - (b & 31))); pc += 4; break; }
        case 0x6d: {
          const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!;
          if (b === 0) throw new Trap(TrapCode.IntegerDivideByZero);
          if (b === -1 && a === -2147483648) throw new Trap(TrapCode.IntegerOverflow);
          I32[fw + c[pc + 1]!] = (a / b) | 0;
          pc += 4;
          break;
        }
        case 0x6e: {
          const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!;
          if (b === 0) throw new Trap(TrapCode.IntegerDivideByZero);
          I32[fw + c[pc + 1]!] = ((a >>> 0) / (b >>> 0)) | 0;
          pc += 4;
          break;
        }
        case 0x6f: {
          const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!;
          if (b === 0) throw new Trap(TrapCode.IntegerDivideByZero);
          I32[fw + c[pc + 1]!] = (a % b) | 0;
          pc += 4;
          break;
        }
        case 0x70: {
          const a = I32[fw + c[pc + 2]!]!, b = I32[fw + c[pc + 3]!]!;
          if (b === 0) throw new Trap(TrapCode.IntegerDivideByZero);
          I32[fw + c[pc + 1]!] = ((a >>> 0) % (b >>> 0)) | 0;
          pc += 4;
          break;
        }
        case 0x79: {
          const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!;
          const lo = I32[a]!, hi = I32[a + 1]!;
          I32[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 0x7a: {
          const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!;
          const lo = I32[a]!, hi = I32[a + 1]!;
          I32[d] = lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 0x7b: {
          const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!;
          const n = popcnt32(I32[a]!) + popcnt32(I32[a + 1]!);
          I32[d] = n;
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 0x7c: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a + b; pc += 4; break; }
        case 0x7d: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a - b; pc += 4; break; }
        case 0x7e: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a * b; pc += 4; break; }
        case 0x83: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a & b; pc += 4; break; }
        case 0x84: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a | b; pc += 4; break; }
        case 0x85: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a ^ b; pc += 4; break; }
        case 0x86: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a << (b & 63n); pc += 4; break; }
        case 0x87: { const a = I64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a >> (b & 63n); pc += 4; break; }
        case 0x88: { const a = U64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = a >> (b & 63n); pc += 4; break; }
        case 0x89: { const a = U64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = (a << (b & 63n)) | (a >> ((64n - (b & 63n)) & 63n)); pc += 4; break; }
        case 0x8a: { const a = U64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!; I64[(fw + c[pc + 1]!) >> 1] = (a >> (b & 63n)) | (a << ((64n - (b & 63n)) & 63n)); pc += 4; break; }
        case 0x7f: {
          const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!;
          if (b === 0n) throw new Trap(TrapCode.IntegerDivideByZero);
          if (b === -1n && a === I64_MIN) throw new Trap(TrapCode.IntegerOverflow);
          I64[(fw + c[pc + 1]!) >> 1] = a / b;
          pc += 4;
          break;
        }
        case 0x80: {
          const a = U64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!;
          if (b === 0n) throw new Trap(TrapCode.IntegerDivideByZero);
          I64[(fw + c[pc + 1]!) >> 1] = a / b;
          pc += 4;
          break;
        }
        case 0x81: {
          const a = I64[(fw + c[pc + 2]!) >> 1]!, b = I64[(fw + c[pc + 3]!) >> 1]!;
          if (b === 0n) throw new Trap(TrapCode.IntegerDivideByZero);
          I64[(fw + c[pc + 1]!) >> 1] = a % b;
          pc += 4;
          break;
        }
        case 0x82: {
          const a = U64[(fw + c[pc + 2]!) >> 1]!, b = U64[(fw + c[pc + 3]!) >> 1]!;
          if (b === 0n) throw new Trap(TrapCode.IntegerDivideByZero);
          I64[(fw + c[pc + 1]!) >> 1] = a % b;
          pc += 4;
          break;
        }
        case 0x8b: I32[fw + c[pc + 1]!] = I32[fw + c[pc + 2]!]! & 0x7fffffff; pc += 3; break;
        case 0x8c: I32[fw + c[pc + 1]!] = I32[fw + c[pc + 2]!]! ^ -2147483648; pc += 3; break;
        case 0x8d: F32[fw + c[pc + 1]!] = Math.ceil(F32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x8e: F32[fw + c[pc + 1]!] = Math.floor(F32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x8f: F32[fw + c[pc + 1]!] = Math.trunc(F32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x90: F32[fw + c[pc + 1]!] = nearest(F32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x91: F32[fw + c[pc + 1]!] = Math.sqrt(F32[fw + c[pc + 2]!]!); pc += 3; break;
        case 0x92: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = a + b; pc += 4; break; }
        case 0x93: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = a - b; pc += 4; break; }
        case 0x94: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = a * b; pc += 4; break; }
        case 0x95: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = a / b; pc += 4; break; }
        case 0x96: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = Math.min(a, b); pc += 4; break; }
        case 0x97: { const a = F32[fw + c[pc + 2]!]!, b = F32[fw + c[pc + 3]!]!; F32[fw + c[pc + 1]!] = Math.max(a, b); pc += 4; break; }
        case 0x98: I32[fw + c[pc + 1]!] = (I32[fw + c[pc + 2]!]! & 0x7fffffff) | (I32[fw + c[pc + 3]!]! & -2147483648); pc += 4; break;
        case 0x99: { const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!; I32[d] = I32[a]!; I32[d + 1] = I32[a + 1]! & 0x7fffffff; pc += 3; break; }
        case 0x9a: { const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!; I32[d] = I32[a]!; I32[d + 1] = I32[a + 1]! ^ -2147483648; pc += 3; break; }
        case 0x9b: F64[(fw + c[pc + 1]!) >> 1] = Math.ceil(F64[(fw + c[pc + 2]!) >> 1]!); pc += 3; break;
        case 0x9c: F64[(fw + c[pc + 1]!) >> 1] = Math.floor(F64[(fw + c[pc + 2]!) >> 1]!); pc += 3; break;
        case 0x9d: F64[(fw + c[pc + 1]!) >> 1] = Math.trunc(F64[(fw + c[pc + 2]!) >> 1]!); pc += 3; break;
        case 0x9e: F64[(fw + c[pc + 1]!) >> 1] = nearest(F64[(fw + c[pc + 2]!) >> 1]!); pc += 3; break;
        case 0x9f: F64[(fw + c[pc + 1]!) >> 1] = Math.sqrt(F64[(fw + c[pc + 2]!) >> 1]!); pc += 3; break;
        case 0xa0: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = a + b; pc += 4; break; }
        case 0xa1: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = a - b; pc += 4; break; }
        case 0xa2: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = a * b; pc += 4; break; }
        case 0xa3: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = a / b; pc += 4; break; }
        case 0xa4: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = Math.min(a, b); pc += 4; break; }
        case 0xa5: { const a = F64[(fw + c[pc + 2]!) >> 1]!, b = F64[(fw + c[pc + 3]!) >> 1]!; F64[(fw + c[pc + 1]!) >> 1] = Math.max(a, b); pc += 4; break; }
        case 0xa6: {
          const a = fw + c[pc + 2]!, b = fw + c[pc + 3]!, d = fw + c[pc + 1]!;
          I32[d] = I32[a]!;
          I32[d + 1] = (I32[a + 1]! & 0x7fffffff) | (I32[b + 1]! & -2147483648);
          pc += 4;
          break;
        }
        case 0xa7: case 0xbc: case 0xbe: I32[fw + c[pc + 1]!] = I32[fw + c[pc + 2]!]!; pc += 3; break;
        case 0xbd: case 0xbf: { const a = fw + c[pc + 2]!, d = fw + c[pc + 1]!; I32[d] = I32[a]!; I32[d + 1] = I32[a + 1]!; pc += 3; break; }
        case 0xac: { const x = I32[fw + c[pc + 2]!]!, d = fw + c[pc + 1]!; I32[d] = x; I32[d + 1] = x >> 31; pc += 3; break; }
        case 0xad: { const x = I32[fw + c[pc + 2]!]!, d = fw + c[pc + 1]!; I32[d] = x; I32[d + 1] = 0; pc += 3; break; }
        case 0xc0: I32[fw + c[pc + 1]!] = (I32[fw + c[pc + 2]!]! << 24) >> 24; pc += 3; break;
        case 0xc1: I32[fw + c[pc + 1]!] = (I32[fw + c[pc + 2]!]! << 16) >> 16; pc += 3; break;
        case 0xc2: { const x = (I32[fw + c[pc + 2]!]! << 24) >> 24, d = fw + c[pc + 1]!; I32[d] = x; I32[d + 1] = x >> 31; pc += 3; break; }
        case 0xc3: { const x = (I32[fw + c[pc + 2]!]! << 16) >> 16, d = fw + c[pc + 1]!; I32[d] = x; I32[d + 1] = x >> 31; pc += 3; break; }
        case 0xc4: { const x = I32[fw + c[pc + 2]!]!, d = fw + c[pc + 1]!; I32[d] = x; I32[d + 1] = x >> 31; pc += 3; break; }
        case 0xa8: case 0xa9: case 0xaa: case 0xab: case 0xae: case 0xaf: case 0xb0: case 0xb1: case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7: case 0xb8: case 0xb9: case 0xba: case 0xbb:
        case 0x100: case 0x101: case 0x102: case 0x103: case 0x104: case 0x105: case 0x106: case 0x107:
          convert(c[pc]!, S, fw + c[pc + 1]!, fw + c[pc + 2]!);
          pc += 3;
          break;
        case 0x108: case 0x10a: case 0x10c: case 0x10e:
          bulkOp(c[pc]!, inst, S, fw, c, pc);
          pc += 6;
          break;
        case 0x10b: case 0x10f: case 0x111:
          bulkOp(c[pc]!, inst, S, fw, c, pc);
          pc += 5;
          break;
        case 0x109: case 0x10d:
          bulkOp(c[pc]!, inst, S, fw, c, pc);
          pc += 2;
          break;
        case 0x110:
          bulkOp(c[pc]!, inst, S, fw, c, pc);
          pc += 3;
          break;
        case Iop.MemorySize:
          memorySizeOrGrow(Iop.MemorySize, inst, S, fw, c, pc);
          pc += 3;
          break;
        case Iop.MemoryGrow:
          memorySizeOrGrow(Iop.MemoryGrow, inst, S, fw, c, pc);
          pc += 4;
          break;
        case Iop.Unreachable:
          throw new Trap(TrapCode.Unreachable);
        case Iop.Br:
          pc = c[pc + 1]!;
          break;
        case Iop.BrIf:
          pc = I32[fw + c[pc + 1]!] !== 0 ? c[pc + 2]! : pc + 3;
          break;
        case Iop.BrUnless:
          pc = I32[fw + c[pc + 1]!] === 0 ? c[pc + 2]! : pc + 3;
          break;
        case Iop.BrTable: {
          const i = I32[fw + c[pc + 1]!]! >>> 0;
          const n = c[pc + 2]!;
          pc = c[pc + 3 + (i < n ? i : n)]!;
          break;
        }
        case Iop.Move: {
          const d = fw + c[pc + 1]!, s = fw + c[pc + 2]!, n = c[pc + 3]!;
          for (let i = 0; i < n; i++) {
            I32[d + i] = I32[s + i]!;
            R[d + i] = R[s + i]!;
          }
          pc += 4;
          break;
        }
        case Iop.Copy1:
          I32[fw + c[pc + 1]!] = I32[fw + c[pc + 2]!]!;
          pc += 3;
          break;
        case Iop.Copy2: {
          const d = fw + c[pc + 1]!, s = fw + c[pc + 2]!;
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          pc += 3;
          break;
        }
        case Iop.CopyRef:
          R[fw + c[pc + 1]!] = R[fw + c[pc + 2]!]!;
          pc += 3;
          break;
        case Iop.Copy4: {
          const d = fw + c[pc + 1]!, s = fw + c[pc + 2]!;
          I32[d] = I32[s]!;
          I32[d + 1] = I32[s + 1]!;
          I32[d + 2] = I32[s + 2]!;
          I32[d + 3] = I32[s + 3]!;
          pc += 3;
          break;
        }
        case Iop.Const32:
          I32[fw + c[pc + 1]!] = c[pc + 2]!;
          pc += 3;
          break;
        case Iop.Const64: {
          const d = fw + c[pc + 1]!;
          I32[d] = c[pc + 2]!;
          I32[d + 1] = c[pc + 3]!;
          pc += 4;
          break;
        }
        case Iop.Const128: {
          const d = fw + c[pc + 1]!;
          I32[d] = c[pc + 2]!;
          I32[d + 1] = c[pc + 3]!;
          I32[d + 2] = c[pc + 4]!;
          I32[d + 3] = c[pc + 5]!;
          pc += 6;
          break;
        }
        case Iop.RefNull:
          R[fw + c[pc + 1]!] = null;
          pc += 2;
          break;
        case Iop.RefFunc:
          R[fw + c[pc + 1]!] = inst.funcs[c[pc + 2]!]!;
          pc += 3;
          break;
        case Iop.RefIsNull:
          I32[fw + c[pc + 1]!] = R[fw + c[pc + 2]!] === null ? 1 : 0;
          pc += 3;
          break;
        case Iop.RefEq:
          I32[fw + c[pc + 1]!] = R[fw + c[pc + 2]!] === R[fw + c[pc + 3]!] ? 1 : 0;
          pc += 4;
          break;
        case Iop.RefAsNonNull:
          if (R[fw + c[pc + 1]!] === null) throw new Trap(TrapCode.NullReference);
          pc += 2;
          break;
        case Iop.BrOnNull:
          pc = R[fw + c[pc + 1]!] === null ? c[pc + 2]! : pc + 3;
          break;
        case Iop.BrOnNonNull:
          pc = R[fw + c[pc + 1]!] !== null ? c[pc + 2]! : pc + 3;
          break;
        case Iop.Select: {
          if (I32[fw + c[pc + 3]!] === 0) {
            const d = fw + c[pc + 1]!, s = fw + c[pc + 2]!, n = c[pc + 4]!;
            for (let i = 0; i < n; i++) {
              I32[d + i] = I32[s + i]!;
              R[d + i] = R[s + i]!;
            }
          }
          pc += 5;
          break;
        }
        case Iop.GlobalGet: {
          const g = inst.globals[c[pc + 2]!]!;
          writeVal(S, fw + c[pc + 1]!, g.type.type, g.value);
          pc += 3;
          break;
        }
        case Iop.GlobalSet: {
          const g = inst.globals[c[pc + 1]!]!;
          g.value = readVal(S, fw + c[pc + 2]!, g.type.type);
          pc += 3;
          break;
        }
        case Iop.TableGet: {
          const els = inst.tables[c[pc + 2]!]!.elements;
          const i = I32[fw + c[pc + 3]!]! >>> 0;
          if (i >= els.length) throw new Trap(TrapCode.TableOutOfBounds);
          R[fw + c[pc + 1]!] = els[i]!;
          pc += 4;
          break;
        }
        case Iop.TableSet: {
          const els = inst.tables[c[pc + 1]!]!.elements;
          const i = I32[fw + c[pc + 2]!]! >>> 0;
          if (i >= els.length) throw new Trap(TrapCode.TableOutOfBounds);
          els[i] = R[fw + c[pc + 3]!]!;
          pc += 4;
          break;
        }
        case Iop.Addr64:
          if (I32[fw + c[pc + 1]! + 1] !== 0) {
            const code = c[pc + 2]!;
            throw code === TrapCode.UninitializedElement ? new Trap(TrapCode.TableOutOfBounds, 'undefined element') : new Trap(code);
          }
          pc += 3;
          break;
        case Iop.Trap:
          throw new Trap(c[pc + 1]!);
        case Iop.Fuel: {
          const n = c[pc + 1]!;
          if (t.fuel < n) {
            t.func = fn;
            t.pc = pc;
            t.fw = fw;
            return RunResult.OutOfFuel;
          }
          t.fuel -= n;
          pc += 2;
          break;
        }
        case Iop.Simd:
          execSimd(inst, S.i32, fw, c, pc);
          pc += 9;
          break;
        case Iop.Return:
        case Iop.Call: case Iop.CallIndirect: case Iop.CallRef:
        case Iop.ReturnCall: case Iop.ReturnCallIndirect: case Iop.ReturnCallRef: {
          t.func = fn;
          t.pc = pc;
          t.fw = fw;
          const finished = c[pc] === Iop.Return ? returnFrom(t, c[pc + 1]!, c[pc + 2]!) : callOp(t, c, pc);
          if (finished) return RunResult.Done;
          fn = t.func;
          c = (fn.compiled as CompiledFunc).code;
          pc = t.pc;
          fw = t.fw;
          S = t.stack;
          I32 = S.i32; F32 = S.f32; F64 = S.f64; I64 = S.i64; U64 = S.u64; R = S.refs;
          if (fn.instance !== inst) {
            inst = fn.instance;
            mems = inst.memories;
          }
          break;
        }
        default:
          throw new Error(`interp: unknown internal op 0x${c[pc]!.toString(16)} at ${pc}`);
      }
    }
  } catch (e) {
    // Leave the thread pointing at the faulting op, for the backtrace.
    t.func = fn;
    t.pc = pc;
    t.fw = fw;
    throw e;
  }
}

