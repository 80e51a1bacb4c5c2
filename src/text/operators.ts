/**
 * Plain operators of the opcode table with their immediates, encoded to binary: index spaces
 * resolved by name, memargs (memory index, `offset=`, `align=`), lanes and shuffles, constants,
 * heap and reference types for casts, typed `select`, try_table's immediates aside (those belong
 * to block structure, see instructions.ts). Labels and locals come from the caller's scope.
 */
import { Imm, OPCODES, opByName, type OpInfo } from '../syntax/opcodes.js';
import { heapOf, isNullable } from '../syntax/types.js';
import type { ByteWriter } from '../encoder/writer.js';
import type { Cursor } from './cursor.js';
import { Tok, type Token } from './lexer.js';
import { resolveIndex, type ModuleContext } from './context.js';
import { parseNat } from './numbers.js';
import { badLiteral, f32Lit, f64Lit, intLit, isNumberLike, natU32, v128Literal } from './literals.js';
import { heapType, refTypeOf, signature, typeUse } from './valtypes.js';

const NULL_CASTS = new Map<string, OpInfo>();
for (const op of OPCODES) if (op.name === 'ref.test_null' || op.name === 'ref.cast_null') NULL_CASTS.set(op.name, op);
const SELECT_T = OPCODES.find((o) => o.imm === Imm.SelectT)!;

/** Keywords of structured instructions: never operators on their own. */
export const STRUCTURED = new Set(['block', 'loop', 'if', 'then', 'else', 'end', 'try', 'try_table', 'do', 'catch', 'catch_all', 'delegate']);

/** Words of function fields: out of place among instructions, not unknown operators. */
const FIELD_WORDS = new Set(['type', 'param', 'result', 'local', 'export', 'import']);

/** Where labels and locals are resolved: the enclosing instruction sequence. */
export interface OperandScope {
  label(): number;
  local(): number;
}

/** Writes a code as the binary format does: one byte, or a prefix byte and a u32 sub-opcode. */
export function writeOpcode(w: ByteWriter, code: number): void {
  if (code > 0xff) w.u8(code >>> 16).u32(code & 0xffff);
  else w.u8(code);
}

/** Reads one plain operator and its immediates and encodes them. */
export class OperatorParser {
  private readonly cur: Cursor;

  constructor(private readonly c: ModuleContext, private readonly scope: OperandScope) {
    this.cur = c.cur;
  }

  /** A plain operator from the opcode table with its immediates, encoded to `w`. */
  write(w: ByteWriter): void {
    const cur = this.cur;
    const t = cur.next();
    if (t.kind !== Tok.Atom) cur.unexpected(t);
    const found = STRUCTURED.has(t.text) ? undefined : opByName(t.text);
    if (found === undefined && (STRUCTURED.has(t.text) || FIELD_WORDS.has(t.text))) return cur.unexpected(t);
    if (found === undefined) return cur.fail(`unknown operator ${t.text}`, t);
    let op: OpInfo = found;
    const c = this.c;
    if (op.name === 'select' && cur.isField('result')) {
      const types = signature(c, false).results;
      writeOpcode(w, SELECT_T.code);
      w.u32(types.length);
      for (const ty of types) w.valType(ty);
      return;
    }
    switch (op.imm) {
      case Imm.None:
        writeOpcode(w, op.code);
        return;
      case Imm.Block: case Imm.TryTable:
        return cur.unexpected(t);
      case Imm.Label:
        writeOpcode(w, op.code);
        w.u32(this.scope.label());
        return;
      case Imm.BrTable: {
        const xs: number[] = [];
        while (cur.peek().kind === Tok.Id || cur.isNat()) xs.push(this.scope.label());
        if (xs.length === 0) badLiteral(cur, cur.peek());
        writeOpcode(w, op.code);
        w.u32(xs.length - 1);
        for (const x of xs) w.u32(x);
        return;
      }
      case Imm.Func:
        writeOpcode(w, op.code);
        w.u32(c.index('func'));
        return;
      case Imm.CallIndirect: {
        const table = c.atIndex() ? c.index('table') : 0;
        const use = typeUse(c, false).typeIdx;
        writeOpcode(w, op.code);
        w.u32(use).u32(table);
        return;
      }
      case Imm.Type:
        writeOpcode(w, op.code);
        w.u32(c.index('type'));
        return;
      case Imm.Local:
        writeOpcode(w, op.code);
        w.u32(this.scope.local());
        return;
      case Imm.Global:
        writeOpcode(w, op.code);
        w.u32(c.index('global'));
        return;
      case Imm.Table:
        writeOpcode(w, op.code);
        w.u32(c.atIndex() ? c.index('table') : 0);
        return;
      case Imm.Memory:
        writeOpcode(w, op.code);
        w.u32(c.atIndex() ? c.index('memory') : 0);
        return;
      case Imm.Memarg:
        writeOpcode(w, op.code);
        this.memarg(w, op, c.atIndex() ? c.index('memory') : 0);
        return;
      case Imm.MemargLane: {
        let mem = 0;
        if (cur.peek().kind === Tok.Id || (cur.isNat() && (cur.isNat(1) || isMemargKey(cur.peek(1))))) mem = c.index('memory');
        writeOpcode(w, op.code);
        this.memarg(w, op, mem);
        w.u8(this.laneIndex());
        return;
      }
      case Imm.I32: {
        const v = intLit(cur, 32);
        writeOpcode(w, op.code);
        w.s64(BigInt.asIntN(32, v));
        return;
      }
      case Imm.I64: {
        const v = intLit(cur, 64);
        writeOpcode(w, op.code);
        w.s64(v);
        return;
      }
      case Imm.F32: {
        const bits = f32Lit(cur);
        writeOpcode(w, op.code);
        w.fixed32(bits);
        return;
      }
      case Imm.F64: {
        const bits = f64Lit(cur);
        writeOpcode(w, op.code);
        w.fixed64(bits);
        return;
      }
      case Imm.V128: {
        const bytes = v128Literal(cur);
        writeOpcode(w, op.code);
        w.bytes(bytes);
        return;
      }
      case Imm.Lane:
        writeOpcode(w, op.code);
        w.u8(this.laneIndex());
        return;
      case Imm.Shuffle: {
        const lanes: number[] = [];
        while (isNumberLike(cur.peek())) {
          if (lanes.length === 16) cur.fail('invalid lane length');
          lanes.push(this.laneIndex(true));
        }
        if (lanes.length !== 16) cur.fail('invalid lane length');
        writeOpcode(w, op.code);
        for (const l of lanes) w.u8(l);
        return;
      }
      case Imm.HeapType: {
        if (op.name === 'ref.test' || op.name === 'ref.cast') {
          const rt = refTypeOf(c);
          if (isNullable(rt)) op = NULL_CASTS.get(op.name + '_null')!;
          writeOpcode(w, op.code);
          w.heapType(heapOf(rt));
          return;
        }
        const ht = heapType(c);
        writeOpcode(w, op.code);
        w.heapType(ht);
        return;
      }
      case Imm.StructField: {
        const x = c.index('type');
        const names = c.fieldNames.get(x) ?? new Map<string, number>();
        const f = resolveIndex(cur, names, 'field');
        writeOpcode(w, op.code);
        w.u32(x).u32(f);
        return;
      }
      case Imm.TypeCount: {
        const x = c.index('type');
        const n = natU32(cur);
        writeOpcode(w, op.code);
        w.u32(x).u32(n);
        return;
      }
      case Imm.TypeType: {
        const x = c.index('type');
        const y = c.index('type');
        writeOpcode(w, op.code);
        w.u32(x).u32(y);
        return;
      }
      case Imm.TypeData: {
        const x = c.index('type');
        const y = c.index('data');
        c.usesDataCount = true;
        writeOpcode(w, op.code);
        w.u32(x).u32(y);
        return;
      }
      case Imm.TypeElem: {
        const x = c.index('type');
        const y = c.index('elem');
        writeOpcode(w, op.code);
        w.u32(x).u32(y);
        return;
      }
      case Imm.Data:
        c.usesDataCount = true;
        writeOpcode(w, op.code);
        w.u32(c.index('data'));
        return;
      case Imm.Elem:
        writeOpcode(w, op.code);
        w.u32(c.index('elem'));
        return;
      case Imm.MemoryInit: {
        c.usesDataCount = true;
        let mem = 0;
        if (c.atIndex() && isIndexTok(cur.peek(1))) mem = c.index('memory');
        const d = c.index('data');
        writeOpcode(w, op.code);
        w.u32(d).u32(mem);
        return;
      }
      case Imm.TableInit: {
        let table = 0;
        if (c.atIndex() && isIndexTok(cur.peek(1))) table = c.index('table');
        const e = c.index('elem');
        writeOpcode(w, op.code);
        w.u32(e).u32(table);
        return;
      }
      case Imm.MemoryCopy: case Imm.TableCopy: {
        const space = op.imm === Imm.MemoryCopy ? 'memory' : 'table';
        let d = 0, s = 0;
        if (c.atIndex()) {
          d = c.index(space);
          s = c.index(space);
        }
        writeOpcode(w, op.code);
        w.u32(d).u32(s);
        return;
      }
      case Imm.Tag:
        writeOpcode(w, op.code);
        w.u32(c.index('tag'));
        return;
      case Imm.BrOnCast: {
        const l = this.scope.label();
        const r1 = refTypeOf(c);
        const r2 = refTypeOf(c);
        writeOpcode(w, op.code);
        w.u8((isNullable(r1) ? 1 : 0) | (isNullable(r2) ? 2 : 0)).u32(l);
        w.heapType(heapOf(r1)).heapType(heapOf(r2));
        return;
      }
      case Imm.Zero:
        writeOpcode(w, op.code);
        w.u8(0);
        return;
      default:
        break;
    }
    return cur.unexpected(t);
  }

  /** `offset=N? align=N?` (memory index already read). */
  private memarg(w: ByteWriter, op: OpInfo, mem: number): void {
    const cur = this.cur;
    let offset = 0n;
    let alignLog2 = op.align;
    const ot = cur.peek();
    if (ot.kind === Tok.Atom && ot.text.startsWith('offset=')) {
      cur.pos++;
      const n = parseNat(ot.text.slice(7));
      if (n === null) return cur.fail('unknown operator', ot);
      if (n >= 1n << 64n) cur.fail('i64 constant out of range', ot);
      offset = n;
    }
    const at = cur.peek();
    if (at.kind === Tok.Atom && at.text.startsWith('align=')) {
      cur.pos++;
      const n = parseNat(at.text.slice(6));
      if (n === null) return cur.fail('unknown operator', at);
      if (n === 0n || (n & (n - 1n)) !== 0n) cur.fail('alignment must be a power of two', at);
      alignLog2 = n.toString(2).length - 1;
    }
    w.u32(alignLog2 | (mem !== 0 ? 0x40 : 0));
    if (mem !== 0) w.u32(mem);
    w.u64(offset);
  }

  /** A lane index (u8). Shuffle lanes are i8 literals, so a sign there is a range error. */
  private laneIndex(shuffle = false): number {
    const cur = this.cur;
    const t = cur.peek();
    const n = t.kind === Tok.Atom ? parseNat(t.text) : null;
    if (n === null) {
      const signed = t.kind === Tok.Atom && /^[+-]/.test(t.text) && parseNat(t.text.slice(1)) !== null;
      if ((signed || t.kind === Tok.Atom) && shuffle) cur.fail('i8 constant out of range', t);
      return cur.unexpected(t);
    }
    if (n > 255n) cur.fail('i8 constant out of range', t);
    cur.pos++;
    return Number(n);
  }
}

function isMemargKey(t: Token): boolean {
  return t.kind === Tok.Atom && (t.text.startsWith('offset=') || t.text.startsWith('align='));
}

function isIndexTok(t: Token): boolean {
  return t.kind === Tok.Id || (t.kind === Tok.Atom && parseNat(t.text) !== null);
}
