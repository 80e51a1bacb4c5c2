/**
 * Evaluates constant expressions (global initialisers, segment offsets, element expressions, table
 * initialisers) against an instance under construction: the constants, ref.null, ref.func,
 * global.get and the extended-constant arithmetic (i32/i64 add, sub, mul). Results are raw values
 * (core/values.ts). The expression has been validated, so only those operators can occur.
 *
 * GC allocations (struct.new*, array.new*, ref.i31) and the extern/any conversions are included.
 */
import type { ModuleInst } from '../core/instance.js';
import type { RawVal } from '../core/values.js';
import { InstrReader } from '../decoder/instr.js';
import type { Expr } from '../syntax/module.js';
import { newArray, newStruct, packVal } from './gc.js';

/** The parts of an instance a constant expression can read. */
export type ConstContext = Pick<ModuleInst, 'funcs' | 'globals' | 'module' | 'typeIds'>;

/** Evaluates `expr` and returns its (single) value in raw form. */
export function evalConstExpr(expr: Expr, ctx: ConstContext): RawVal {
  const r = new InstrReader(expr.bytes, 0, expr.bytes.length, expr.offset);
  const stack: RawVal[] = [];
  const pop = (): RawVal => stack.pop()!;
  for (;;) {
    const code = r.next();
    switch (code) {
      case 0x0b: return stack[stack.length - 1]!;
      case 0x41: stack.push(r.i32); break;
      case 0x42: stack.push(BigInt.asIntN(64, r.i64)); break;
      case 0x43: stack.push(r.f32Bits); break;
      case 0x44: stack.push((BigInt(r.f64Hi >>> 0) << 32n) | BigInt(r.f64Lo >>> 0)); break;
      case 0xfd000c: stack.push(new Uint8Array(r.v128)); break;
      case 0xd0: stack.push(null); break;
      case 0xd2: stack.push(ctx.funcs[r.idx]!); break;
      case 0x23: stack.push(ctx.globals[r.idx]!.value); break;
      case 0x6a: { const b = pop() as number, a = pop() as number; stack.push((a + b) | 0); break; }
      case 0x6b: { const b = pop() as number, a = pop() as number; stack.push((a - b) | 0); break; }
      case 0x6c: { const b = pop() as number, a = pop() as number; stack.push(Math.imul(a, b)); break; }
      case 0x7c: { const b = pop() as bigint, a = pop() as bigint; stack.push(BigInt.asIntN(64, a + b)); break; }
      case 0x7d: { const b = pop() as bigint, a = pop() as bigint; stack.push(BigInt.asIntN(64, a - b)); break; }
      case 0x7e: { const b = pop() as bigint, a = pop() as bigint; stack.push(BigInt.asIntN(64, a * b)); break; }
      case 0xfb0000: case 0xfb0001: {
        const c = ctx.module.types[r.idx]!.comp;
        const n = code === 0xfb0000 && c.kind === 'struct' ? c.fields.length : 0;
        const vals = stack.splice(stack.length - n, n);
        stack.push(newStruct(ctx as ModuleInst, r.idx, code === 0xfb0000 ? vals : null));
        break;
      }
      case 0xfb0006: { const n = pop() as number, init = pop(); stack.push(newArray(ctx as ModuleInst, r.idx, n >>> 0, init)); break; }
      case 0xfb0007: { const n = pop() as number; stack.push(newArray(ctx as ModuleInst, r.idx, n >>> 0, undefined)); break; }
      case 0xfb0008: {
        const vals = stack.splice(stack.length - r.idx2, r.idx2);
        const a = newArray(ctx as ModuleInst, r.idx, 0, undefined);
        const c = ctx.module.types[r.idx]!.comp;
        for (const v of vals) a.elems.push(c.kind === 'array' ? packVal(c.field.type, v) : v);
        stack.push(a);
        break;
      }
      case 0xfb001a: case 0xfb001b: break; // any.convert_extern / extern.convert_any: identity
      case 0xfb001c: stack.push(((pop() as number) << 1) >> 1); break;
      default:
        throw new Error(`evalConstExpr: unsupported constant instruction ${r.op.name}`);
    }
  }
}

/** A segment offset or table index as a number (i64 offsets beyond 2^53 lose precision but are out of bounds anyway). */
export function offsetValue(v: RawVal): number {
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}
