/**
 * Closures for the numeric ops beyond the hot i32/f64 ones in compile.ts: i32 division and bit
 * counts, i64 on 32-bit halves (div/rem on the BigInt views), f32, the rest of f64, conversions.
 * Each is the switch loop's case (exec.ts) with its operands captured: same results, same NaN
 * bits, same traps.
 */
import { Trap, TrapCode } from '../../util/errors.js';
import { convert, ctz32, nearest, popcnt32 } from '../numeric.js';
import type { Op } from './ops.js';
import { F32, F64, I64, T, U64 } from './state.js';

const I64_MIN = -0x8000000000000000n;

function divZero(): Trap {
  return new Trap(TrapCode.IntegerDivideByZero);
}

function overflow(): Trap {
  return new Trap(TrapCode.IntegerOverflow);
}

/** The closure of numeric op `op` (layout dst a [b]), or null when it has none. */
export function compileNumeric(op: number, d: number, a: number, b: number, next: number): Op | null {
  switch (op) {
    // i32
    case 0x67: return (I32, fw) => { I32[fw + d] = Math.clz32(I32[fw + a]!); return next; };
    case 0x68: return (I32, fw) => { I32[fw + d] = ctz32(I32[fw + a]!); return next; };
    case 0x69: return (I32, fw) => { I32[fw + d] = popcnt32(I32[fw + a]!); return next; };
    case 0x6d:
      return (I32, fw) => {
        const x = I32[fw + a]!, y = I32[fw + b]!;
        if (y === 0) throw divZero();
        if (y === -1 && x === -2147483648) throw overflow();
        I32[fw + d] = (x / y) | 0;
        return next;
      };
    case 0x6e:
      return (I32, fw) => {
        const x = I32[fw + a]!, y = I32[fw + b]!;
        if (y === 0) throw divZero();
        I32[fw + d] = ((x >>> 0) / (y >>> 0)) | 0;
        return next;
      };
    case 0x6f:
      return (I32, fw) => {
        const x = I32[fw + a]!, y = I32[fw + b]!;
        if (y === 0) throw divZero();
        I32[fw + d] = (x % y) | 0;
        return next;
      };
    case 0x70:
      return (I32, fw) => {
        const x = I32[fw + a]!, y = I32[fw + b]!;
        if (y === 0) throw divZero();
        I32[fw + d] = ((x >>> 0) % (y >>> 0)) | 0;
        return next;
      };
    case 0x77: return (I32, fw) => { const x = I32[fw + a]!, y = I32[fw + b]!; I32[fw + d] = (x << y) | (x >>> (32 - (y & 31))); return next; };
    case 0x78: return (I32, fw) => { const x = I32[fw + a]!, y = I32[fw + b]!; I32[fw + d] = (x >>> y) | (x << (32 - (y & 31))); return next; };
    case 0xc0: return (I32, fw) => { I32[fw + d] = (I32[fw + a]! << 24) >> 24; return next; };
    case 0xc1: return (I32, fw) => { I32[fw + d] = (I32[fw + a]! << 16) >> 16; return next; };
    // Word copies: wrap, reinterpretations.
    case 0xa7: case 0xbc: case 0xbe: return (I32, fw) => { I32[fw + d] = I32[fw + a]!; return next; };
    case 0xbd: case 0xbf: return (I32, fw) => { I32[fw + d] = I32[fw + a]!; I32[fw + d + 1] = I32[fw + a + 1]!; return next; };
    case 0xac: return (I32, fw) => { const x = I32[fw + a]!; I32[fw + d] = x; I32[fw + d + 1] = x >> 31; return next; };
    case 0xad: return (I32, fw) => { I32[fw + d] = I32[fw + a]!; I32[fw + d + 1] = 0; return next; };
    case 0xc2: return (I32, fw) => { const x = (I32[fw + a]! << 24) >> 24; I32[fw + d] = x; I32[fw + d + 1] = x >> 31; return next; };
    case 0xc3: return (I32, fw) => { const x = (I32[fw + a]! << 16) >> 16; I32[fw + d] = x; I32[fw + d + 1] = x >> 31; return next; };
    case 0xc4: return (I32, fw) => { const x = I32[fw + a]!; I32[fw + d] = x; I32[fw + d + 1] = x >> 31; return next; };
  }
  if (op >= 0x5b && op <= 0x60) return floatCmp(op, d, a, b, next);
  if (op >= 0x50 && op <= 0x8a) return i64Op(op, d, a, b, next);
  if (op >= 0x8b && op <= 0xa6) return floatOp(op, d, a, b, next);
  if ((op >= 0xa8 && op <= 0xbb && op !== 0xac && op !== 0xad) || (op >= 0xc5 && op <= 0xcc)) {
    return (_I, fw) => { convert(op, T.stack, fw + d, fw + a); return next; };
  }
  return null;
}

function i64Op(op: number, d: number, a: number, b: number, next: number): Op | null {
  switch (op) {
    case 0x50: return (I32, fw) => { I32[fw + d] = (I32[fw + a]! | I32[fw + a + 1]!) === 0 ? 1 : 0; return next; };
    case 0x51: return (I32, fw) => { I32[fw + d] = I32[fw + a] === I32[fw + b] && I32[fw + a + 1] === I32[fw + b + 1] ? 1 : 0; return next; };
    case 0x52: return (I32, fw) => { I32[fw + d] = I32[fw + a] === I32[fw + b] && I32[fw + a + 1] === I32[fw + b + 1] ? 0 : 1; return next; };
    case 0x53: case 0x55: case 0x57: case 0x59: {
      // Signed: the high words decide unless equal, then the low words unsigned.
      const cmp = op;
      return (I32, fw) => {
        const ah = I32[fw + a + 1]!, bh = I32[fw + b + 1]!;
        const al = I32[fw + a]! >>> 0, bl = I32[fw + b]! >>> 0;
        let r: boolean;
        if (ah !== bh) r = cmp === 0x53 || cmp === 0x57 ? ah < bh : ah > bh;
        else r = cmp === 0x53 ? al < bl : cmp === 0x55 ? al > bl : cmp === 0x57 ? al <= bl : al >= bl;
        I32[fw + d] = r ? 1 : 0;
        return next;
      };
    }
    case 0x54: case 0x56: case 0x58: case 0x5a: {
      const cmp = op;
      return (I32, fw) => {
        const ah = I32[fw + a + 1]! >>> 0, bh = I32[fw + b + 1]! >>> 0;
        const al = I32[fw + a]! >>> 0, bl = I32[fw + b]! >>> 0;
        let r: boolean;
        if (ah !== bh) r = cmp === 0x54 || cmp === 0x58 ? ah < bh : ah > bh;
        else r = cmp === 0x54 ? al < bl : cmp === 0x56 ? al > bl : cmp === 0x58 ? al <= bl : al >= bl;
        I32[fw + d] = r ? 1 : 0;
        return next;
      };
    }
    case 0x79:
      return (I32, fw) => {
        const lo = I32[fw + a]!, hi = I32[fw + a + 1]!;
        I32[fw + d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
        I32[fw + d + 1] = 0;
        return next;
      };
    case 0x7a:
      return (I32, fw) => {
        const lo = I32[fw + a]!, hi = I32[fw + a + 1]!;
        I32[fw + d] = lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
        I32[fw + d + 1] = 0;
        return next;
      };
    case 0x7b:
      return (I32, fw) => {
        I32[fw + d] = popcnt32(I32[fw + a]!) + popcnt32(I32[fw + a + 1]!);
        I32[fw + d + 1] = 0;
        return next;
      };
    case 0x7c:
      return (I32, fw) => {
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, bl = I32[fw + b]!, bh = I32[fw + b + 1]!;
        const lo = (al + bl) | 0;
        I32[fw + d + 1] = (ah + bh + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
        I32[fw + d] = lo;
        return next;
      };
    case 0x7d:
      return (I32, fw) => {
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, bl = I32[fw + b]!, bh = I32[fw + b + 1]!;
        I32[fw + d + 1] = (ah - bh - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
        I32[fw + d] = (al - bl) | 0;
        return next;
      };
    case 0x7e:
      return (I32, fw) => {
        // 16 bits at a time so every partial product is exact in a double (as exec.ts).
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, bl = I32[fw + b]!, bh = I32[fw + b + 1]!;
        const lo = al & 0xffff, hi = al >>> 16, x = bl & 0xffff, k = bl >>> 16;
        const s = lo * x, n = lo * k, e = hi * x;
        const m = (s >>> 16) + (n & 0xffff) + (e & 0xffff);
        I32[fw + d] = (m << 16) | (s & 0xffff);
        I32[fw + d + 1] = hi * k + (n >>> 16) + (e >>> 16) + (m >>> 16) + Math.imul(al, bh) + Math.imul(ah, bl);
        return next;
      };
    case 0x7f:
      return (_I, fw) => {
        const x = I64[(fw + a) >> 1]!, y = I64[(fw + b) >> 1]!;
        if (y === 0n) throw divZero();
        if (y === -1n && x === I64_MIN) throw overflow();
        I64[(fw + d) >> 1] = x / y;
        return next;
      };
    case 0x80:
      return (_I, fw) => {
        const x = U64[(fw + a) >> 1]!, y = U64[(fw + b) >> 1]!;
        if (y === 0n) throw divZero();
        I64[(fw + d) >> 1] = x / y;
        return next;
      };
    case 0x81:
      return (_I, fw) => {
        const x = I64[(fw + a) >> 1]!, y = I64[(fw + b) >> 1]!;
        if (y === 0n) throw divZero();
        I64[(fw + d) >> 1] = x % y;
        return next;
      };
    case 0x82:
      return (_I, fw) => {
        const x = U64[(fw + a) >> 1]!, y = U64[(fw + b) >> 1]!;
        if (y === 0n) throw divZero();
        I64[(fw + d) >> 1] = x % y;
        return next;
      };
    case 0x83: return (I32, fw) => { I32[fw + d] = I32[fw + a]! & I32[fw + b]!; I32[fw + d + 1] = I32[fw + a + 1]! & I32[fw + b + 1]!; return next; };
    case 0x84: return (I32, fw) => { I32[fw + d] = I32[fw + a]! | I32[fw + b]!; I32[fw + d + 1] = I32[fw + a + 1]! | I32[fw + b + 1]!; return next; };
    case 0x85: return (I32, fw) => { I32[fw + d] = I32[fw + a]! ^ I32[fw + b]!; I32[fw + d + 1] = I32[fw + a + 1]! ^ I32[fw + b + 1]!; return next; };
    case 0x86:
      return (I32, fw) => {
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, k = I32[fw + b]! & 63;
        if (k === 0) { I32[fw + d] = al; I32[fw + d + 1] = ah; }
        else if (k < 32) { I32[fw + d + 1] = (ah << k) | (al >>> (32 - k)); I32[fw + d] = al << k; }
        else { I32[fw + d + 1] = al << (k - 32); I32[fw + d] = 0; }
        return next;
      };
    case 0x87:
      return (I32, fw) => {
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, k = I32[fw + b]! & 63;
        if (k === 0) { I32[fw + d] = al; I32[fw + d + 1] = ah; }
        else if (k < 32) { I32[fw + d] = (al >>> k) | (ah << (32 - k)); I32[fw + d + 1] = ah >> k; }
        else { I32[fw + d] = ah >> (k - 32); I32[fw + d + 1] = ah >> 31; }
        return next;
      };
    case 0x88:
      return (I32, fw) => {
        const al = I32[fw + a]!, ah = I32[fw + a + 1]!, k = I32[fw + b]! & 63;
        if (k === 0) { I32[fw + d] = al; I32[fw + d + 1] = ah; }
        else if (k < 32) { I32[fw + d] = (al >>> k) | (ah << (32 - k)); I32[fw + d + 1] = ah >>> k; }
        else { I32[fw + d] = ah >>> (k - 32); I32[fw + d + 1] = 0; }
        return next;
      };
    case 0x89: case 0x8a: {
      const left = op === 0x89;
      return (I32, fw) => {
        const r = I32[fw + b]! & 63;
        let k = left ? r : (64 - r) & 63;
        let al: number, ah: number;
        // Rotating by 32 or more first swaps the halves.
        if (k & 32) { al = I32[fw + a + 1]!; ah = I32[fw + a]!; k &= 31; } else { al = I32[fw + a]!; ah = I32[fw + a + 1]!; }
        if (k === 0) { I32[fw + d] = al; I32[fw + d + 1] = ah; }
        else { I32[fw + d] = (al << k) | (ah >>> (32 - k)); I32[fw + d + 1] = (ah << k) | (al >>> (32 - k)); }
        return next;
      };
    }
  }
  return null;
}

function floatCmp(op: number, d: number, a: number, b: number, next: number): Op | null {
  switch (op) {
    case 0x5b: return (I32, fw) => { I32[fw + d] = F32[fw + a]! === F32[fw + b]! ? 1 : 0; return next; };
    case 0x5c: return (I32, fw) => { I32[fw + d] = F32[fw + a]! !== F32[fw + b]! ? 1 : 0; return next; };
    case 0x5d: return (I32, fw) => { I32[fw + d] = F32[fw + a]! < F32[fw + b]! ? 1 : 0; return next; };
    case 0x5e: return (I32, fw) => { I32[fw + d] = F32[fw + a]! > F32[fw + b]! ? 1 : 0; return next; };
    case 0x5f: return (I32, fw) => { I32[fw + d] = F32[fw + a]! <= F32[fw + b]! ? 1 : 0; return next; };
    case 0x60: return (I32, fw) => { I32[fw + d] = F32[fw + a]! >= F32[fw + b]! ? 1 : 0; return next; };
  }
  return null;
}

/** Sets the quiet bit of a NaN result of ceil/floor/trunc/nearest, as exec.ts does. */
function f64Round(fn: (x: number) => number, d: number, a: number, next: number): Op {
  return (I32, fw) => {
    const x = fn(F64[(fw + a) >> 1]!);
    F64[(fw + d) >> 1] = x;
    if (x !== x) I32[fw + d + 1] = I32[fw + d + 1]! | 0x80000;
    return next;
  };
}

function floatOp(op: number, d: number, a: number, b: number, next: number): Op | null {
  switch (op) {
    case 0x8b: return (I32, fw) => { I32[fw + d] = I32[fw + a]! & 0x7fffffff; return next; };
    case 0x8c: return (I32, fw) => { I32[fw + d] = I32[fw + a]! ^ -2147483648; return next; };
    case 0x8d: return (_I, fw) => { F32[fw + d] = Math.ceil(F32[fw + a]!); return next; };
    case 0x8e: return (_I, fw) => { F32[fw + d] = Math.floor(F32[fw + a]!); return next; };
    case 0x8f: return (_I, fw) => { F32[fw + d] = Math.trunc(F32[fw + a]!); return next; };
    case 0x90: return (_I, fw) => { F32[fw + d] = nearest(F32[fw + a]!); return next; };
    case 0x91: return (_I, fw) => { F32[fw + d] = Math.sqrt(F32[fw + a]!); return next; };
    case 0x92: return (_I, fw) => { F32[fw + d] = F32[fw + a]! + F32[fw + b]!; return next; };
    case 0x93: return (_I, fw) => { F32[fw + d] = F32[fw + a]! - F32[fw + b]!; return next; };
    case 0x94: return (_I, fw) => { F32[fw + d] = F32[fw + a]! * F32[fw + b]!; return next; };
    case 0x95: return (_I, fw) => { F32[fw + d] = F32[fw + a]! / F32[fw + b]!; return next; };
    case 0x96: return (_I, fw) => { F32[fw + d] = Math.min(F32[fw + a]!, F32[fw + b]!); return next; };
    case 0x97: return (_I, fw) => { F32[fw + d] = Math.max(F32[fw + a]!, F32[fw + b]!); return next; };
    case 0x98: return (I32, fw) => { I32[fw + d] = (I32[fw + a]! & 0x7fffffff) | (I32[fw + b]! & -2147483648); return next; };
    case 0x99: return (I32, fw) => { I32[fw + d] = I32[fw + a]!; I32[fw + d + 1] = I32[fw + a + 1]! & 0x7fffffff; return next; };
    case 0x9a: return (I32, fw) => { I32[fw + d] = I32[fw + a]!; I32[fw + d + 1] = I32[fw + a + 1]! ^ -2147483648; return next; };
    case 0x9b: return f64Round(Math.ceil, d, a, next);
    case 0x9c: return f64Round(Math.floor, d, a, next);
    case 0x9d: return f64Round(Math.trunc, d, a, next);
    case 0x9e: return f64Round(nearest, d, a, next);
    case 0x9f: return (_I, fw) => { F64[(fw + d) >> 1] = Math.sqrt(F64[(fw + a) >> 1]!); return next; };
    case 0xa4: return (_I, fw) => { F64[(fw + d) >> 1] = Math.min(F64[(fw + a) >> 1]!, F64[(fw + b) >> 1]!); return next; };
    case 0xa5: return (_I, fw) => { F64[(fw + d) >> 1] = Math.max(F64[(fw + a) >> 1]!, F64[(fw + b) >> 1]!); return next; };
    case 0xa6:
      return (I32, fw) => {
        I32[fw + d] = I32[fw + a]!;
        I32[fw + d + 1] = (I32[fw + a + 1]! & 0x7fffffff) | (I32[fw + b + 1]! & -2147483648);
        return next;
      };
  }
  return null;
}
