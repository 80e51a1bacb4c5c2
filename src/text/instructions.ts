/**
 * Instructions in the text format (Text › Instructions), encoded to binary as they are parsed:
 * plain and folded forms, structured blocks with labels, and every immediate layout of the opcode
 * table. Folded instructions are unfolded with an explicit frame stack and labels are kept on an
 * explicit label stack, so the nesting depth of the input never deepens the JS call stack.
 * It checks only what the text grammar checks (names, literal ranges, label matching); typing is
 * the validator's job.
 */
import { Imm, OPCODES, opByName, type OpInfo } from '../syntax/opcodes.js';
import { heapOf, isNullable } from '../syntax/types.js';
import { ByteWriter } from '../encoder/writer.js';
import type { Cursor } from './cursor.js';
import { Tok, type Token } from './lexer.js';
import { resolveIndex, sameFunc, type ModuleContext } from './context.js';
import { parseF32, parseF64, parseIntBits, parseNat, RangeFailure } from './numbers.js';
import { heapType, refTypeOf, signature, typeUse } from './valtypes.js';

const NULL_CASTS = new Map<string, OpInfo>();
for (const op of OPCODES) if (op.name === 'ref.test_null' || op.name === 'ref.cast_null') NULL_CASTS.set(op.name, op);
const SELECT_T = OPCODES.find((o) => o.imm === Imm.SelectT)!;

/** Keywords of structured instructions: never operators on their own in folded form. */
const STRUCTURED = new Set(['block', 'loop', 'if', 'then', 'else', 'end', 'try', 'try_table', 'do', 'catch', 'catch_all', 'delegate']);

/** Words of function fields: out of place among instructions, not unknown operators. */
const FIELD_WORDS = new Set(['type', 'param', 'result', 'local', 'export', 'import']);

const enum F { Plain, Block, If, Try, Clause }
const enum IfState { Cond, AfterThen, AfterElse }

interface Frame {
  k: F;
  /** Plain: the operator's encoding, written when the frame closes (after its operands). */
  bytes: Uint8Array | null;
  /** Label stack height when the frame's own instructions began. */
  labels: number;
  /** If/Try: progress through the clauses. */
  state: number;
  /** If: the header, written at `(then`. Try: whether `delegate` ended it. */
  header: Uint8Array | null;
  label: string | null;
  parent: Frame | null;
}

/** What `local` names and how many parameters and locals a function has. */
export interface LocalScope {
  names: Map<string, number>;
}

/** Writes a code as the binary format does: one byte, or a prefix byte and a u32 sub-opcode. */
export function writeOpcode(w: ByteWriter, code: number): void {
  if (code > 0xff) w.u8(code >>> 16).u32(code & 0xffff);
  else w.u8(code);
}

/** Parses an instruction sequence and encodes it into a ByteWriter. */
export class InstrParser {
  private readonly cur: Cursor;
  private readonly labels: (string | null)[] = [];
  private readonly frames: Frame[] = [];
  /** Writer length just after the last `else` written, or -1. */
  private afterElse = -1;

  constructor(
    private readonly c: ModuleContext,
    private readonly locals: LocalScope | null,
    private readonly w: ByteWriter,
  ) {
    this.cur = c.cur;
  }

  /** Instructions up to (not including) the `)` that closes the enclosing field. */
  sequence(): void {
    this.run(false);
  }

  /** Exactly one folded instruction `( … )`. */
  single(): void {
    if (!this.cur.isLParen()) this.cur.unexpected();
    this.folded();
    this.run(true);
  }

  private run(one: boolean): void {
    const cur = this.cur;
    const frames = this.frames;
    for (;;) {
      const t = cur.peek();
      const top = frames[frames.length - 1];
      if (t.kind === Tok.RParen) {
        if (top === undefined) break;
        cur.pos++;
        frames.pop();
        this.close(top);
        if (one && frames.length === 0) break;
        continue;
      }
      if (t.kind === Tok.LParen) {
        if (top !== undefined && (top.k === F.If || top.k === F.Try)) this.clause(top);
        else this.folded();
        continue;
      }
      if (t.kind === Tok.Atom && (top === undefined || (top.k !== F.If && top.k !== F.Try))) {
        this.plain();
        continue;
      }
      if (t.kind === Tok.Eof || top !== undefined) cur.unexpected(t);
      break;
    }
    if (this.labels.length > 0) cur.unexpected();
  }

  private push(k: F, bytes: Uint8Array | null = null, label: string | null = null, parent: Frame | null = null): Frame {
    const f: Frame = { k, bytes, labels: this.labels.length, state: 0, header: null, label, parent };
    this.frames.push(f);
    return f;
  }

  /** Writes `else`, remembering where, so that an empty else branch can be dropped at `end`. */
  private elseOp(): void {
    this.w.u8(0x05);
    this.afterElse = this.w.length;
  }

  /**
   * Writes `end`. An `else` with nothing after it is dropped first, as the reference encoder
   * does: nothing written since the else means it belongs to the block this `end` closes.
   */
  private end(): void {
    if (this.afterElse === this.w.length) this.w.truncate(this.w.length - 1);
    this.afterElse = -1;
    this.w.u8(0x0b);
  }

  private close(f: Frame): void {
    if (this.labels.length !== f.labels) this.cur.unexpected(this.cur.peek(-1));
    switch (f.k) {
      case F.Plain:
        this.w.bytes(f.bytes!);
        return;
      case F.Block:
        this.w.u8(0x0b);
        this.labels.pop();
        return;
      case F.Clause:
        f.parent!.state = f.state;
        return;
      case F.If:
        if (f.state === IfState.Cond) this.cur.unexpected(this.cur.peek(-1));
        this.end();
        this.labels.pop();
        return;
      case F.Try:
        if (f.state === 0) this.cur.unexpected(this.cur.peek(-1));
        if (f.header === null) {
          this.w.u8(0x0b);
          this.labels.pop();
        }
        return;
    }
  }

  /** A parenthesised clause inside a folded `if` or `try`. */
  private clause(f: Frame): void {
    const cur = this.cur;
    const kw = cur.fieldKeyword();
    if (f.k === F.If) {
      if (f.state === IfState.Cond && kw === 'then') {
        cur.pos += 2;
        this.w.bytes(f.header!);
        this.labels.push(f.label);
        f.labels = this.labels.length;
        this.push(F.Clause, null, null, f).state = IfState.AfterThen;
        return;
      }
      if (f.state === IfState.AfterThen && kw === 'else') {
        cur.pos += 2;
        this.elseOp();
        this.push(F.Clause, null, null, f).state = IfState.AfterElse;
        return;
      }
      if (f.state === IfState.Cond) {
        this.folded();
        return;
      }
      cur.unexpected(cur.peek(1));
    }
    // Legacy try: (do …) then (catch x …)* (catch_all …)? or (delegate l).
    // States: 0 before do, 1 after do, 2 after a catch, 3 after catch_all.
    if (f.header !== null) cur.unexpected();
    if (f.state === 0) {
      if (kw !== 'do') cur.unexpected(cur.peek(1));
      cur.pos += 2;
      this.push(F.Clause, null, null, f).state = 1;
      return;
    }
    if (kw === 'catch' && f.state < 3) {
      cur.pos += 2;
      this.w.u8(0x07).u32(this.c.index('tag'));
      this.push(F.Clause, null, null, f).state = 2;
      return;
    }
    if (kw === 'catch_all' && f.state < 3) {
      cur.pos += 2;
      this.w.u8(0x19);
      this.push(F.Clause, null, null, f).state = 3;
      return;
    }
    if (kw === 'delegate' && f.state === 1) {
      cur.pos += 2;
      this.labels.pop();
      f.labels = this.labels.length;
      this.w.u8(0x18).u32(this.label());
      cur.rparen();
      f.header = new Uint8Array(0);
      return;
    }
    cur.unexpected(cur.peek(1));
  }

  /** `(op …)`: a folded instruction. */
  private folded(): void {
    const cur = this.cur;
    cur.pos++;
    const t = cur.peek();
    if (t.kind !== Tok.Atom) cur.unexpected(t);
    switch (t.text) {
      case 'block': case 'loop': case 'try_table': {
        cur.pos++;
        this.blockHeader(t.text, this.w);
        this.push(F.Block);
        return;
      }
      case 'if': {
        cur.pos++;
        const label = cur.optId();
        const hw = new ByteWriter().u8(0x04);
        this.blockType(hw);
        const f = this.push(F.If, null, label);
        f.header = hw.finish();
        return;
      }
      case 'try': {
        cur.pos++;
        const label = cur.optId();
        this.w.u8(0x06);
        this.blockType(this.w);
        this.labels.push(label);
        this.push(F.Try);
        return;
      }
    }
    const ow = new ByteWriter();
    this.operator(ow);
    this.push(F.Plain, ow.finish());
  }

  /** A plain (unfolded) instruction, including block delimiters. */
  private plain(): void {
    const cur = this.cur;
    const t = cur.peek();
    const floor = this.frames.length > 0 ? this.frames[this.frames.length - 1]!.labels : 0;
    switch (t.text) {
      case 'block': case 'loop': case 'if': case 'try_table':
        cur.pos++;
        this.blockHeader(t.text, this.w);
        return;
      case 'try': {
        cur.pos++;
        const label = cur.optId();
        this.w.u8(0x06);
        this.blockType(this.w);
        this.labels.push(label);
        return;
      }
      case 'else': case 'end': case 'catch': case 'catch_all': case 'delegate': {
        if (this.labels.length <= floor) cur.unexpected(t);
        cur.pos++;
        if (t.text === 'catch') {
          this.w.u8(0x07).u32(this.c.index('tag'));
          return;
        }
        if (t.text === 'catch_all') {
          this.w.u8(0x19);
          return;
        }
        if (t.text === 'delegate') {
          this.labels.pop();
          this.w.u8(0x18).u32(this.label());
          return;
        }
        const id = cur.peek();
        if (id.kind === Tok.Id) {
          cur.pos++;
          if (this.labels[this.labels.length - 1] !== id.text) cur.fail('mismatching label', id);
        }
        if (t.text === 'else') {
          this.elseOp();
        } else {
          this.end();
          this.labels.pop();
        }
        return;
      }
    }
    this.operator(this.w);
  }

  /** `label? blocktype` of block/loop/if/try_table, its header written to `w`, its label pushed. */
  private blockHeader(kw: string, w: ByteWriter): void {
    const label = this.cur.optId();
    const code = kw === 'block' ? 0x02 : kw === 'loop' ? 0x03 : kw === 'if' ? 0x04 : 0x1f;
    w.u8(code);
    this.blockType(w);
    if (code === 0x1f) this.catchClauses(w);
    this.labels.push(label);
  }

  /** try_table's catch clauses; their labels count from outside the try_table. */
  private catchClauses(w: ByteWriter): void {
    const cur = this.cur;
    const clauses: number[][] = [];
    for (;;) {
      const kw = cur.fieldKeyword();
      if (kw === 'catch' || kw === 'catch_ref') {
        cur.pos += 2;
        const tag = this.c.index('tag');
        clauses.push([kw === 'catch' ? 0 : 1, tag, this.label()]);
      } else if (kw === 'catch_all' || kw === 'catch_all_ref') {
        cur.pos += 2;
        clauses.push([kw === 'catch_all' ? 2 : 3, this.label()]);
      } else {
        break;
      }
      cur.rparen();
    }
    w.u32(clauses.length);
    for (const cl of clauses) for (const v of cl) w.u32(v);
  }

  /** A block type: `(type x)?` and/or an inline signature without parameter names. */
  private blockType(w: ByteWriter): void {
    const cur = this.cur;
    const c = this.c;
    if (cur.isField('type')) {
      cur.pos += 2;
      const x = c.index('type');
      cur.rparen();
      const at = cur.peek();
      const sig = signature(c, false);
      if (sig.params.length + sig.results.length > 0) {
        const ft = c.funcTypeAt(x);
        if (ft !== null && !sameFunc(ft, { kind: 'func', params: sig.params, results: sig.results })) {
          cur.fail('inline function type', at);
        }
      }
      w.s32(x);
      return;
    }
    const sig = signature(c, false);
    if (sig.params.length === 0 && sig.results.length === 0) w.u8(0x40);
    else if (sig.params.length === 0 && sig.results.length === 1) w.valType(sig.results[0]!);
    else w.s32(c.implicitType({ kind: 'func', params: sig.params, results: sig.results }));
  }

  /** A label index: a name on the label stack, or a number (depth). */
  private label(): number {
    const t = this.cur.peek();
    if (t.kind === Tok.Id) {
      for (let i = this.labels.length - 1; i >= 0; i--) {
        if (this.labels[i] === t.text) {
          this.cur.pos++;
          return this.labels.length - 1 - i;
        }
      }
      this.cur.fail(`unknown label $${t.text}`, t);
    }
    return this.u32();
  }

  private u32(): number {
    const t = this.cur.peek();
    const n = t.kind === Tok.Atom ? parseNat(t.text) : null;
    if (n === null) return badLiteral(this.cur, t);
    if (n > 0xffffffffn) this.cur.fail('constant out of range', t);
    this.cur.pos++;
    return Number(n);
  }

  private local(): number {
    return resolveIndex(this.cur, this.locals?.names ?? new Map(), 'local');
  }

  /** Whether an optional index (memory, table) comes next. */
  private atIndex(): boolean {
    return this.c.atIndex();
  }

  /** A plain operator from the opcode table with its immediates. */
  private operator(w: ByteWriter): void {
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
        w.u32(this.label());
        return;
      case Imm.BrTable: {
        const xs: number[] = [];
        while (cur.peek().kind === Tok.Id || cur.isNat()) xs.push(this.label());
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
        const table = this.atIndex() ? c.index('table') : 0;
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
        w.u32(this.local());
        return;
      case Imm.Global:
        writeOpcode(w, op.code);
        w.u32(c.index('global'));
        return;
      case Imm.Table:
        writeOpcode(w, op.code);
        w.u32(this.atIndex() ? c.index('table') : 0);
        return;
      case Imm.Memory:
        writeOpcode(w, op.code);
        w.u32(this.atIndex() ? c.index('memory') : 0);
        return;
      case Imm.Memarg:
        writeOpcode(w, op.code);
        this.memarg(w, op, this.atIndex() ? c.index('memory') : 0);
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
        const v = this.intLiteral(32);
        writeOpcode(w, op.code);
        w.s64(BigInt.asIntN(32, v));
        return;
      }
      case Imm.I64: {
        const v = this.intLiteral(64);
        writeOpcode(w, op.code);
        w.s64(v);
        return;
      }
      case Imm.F32: {
        const bits = this.floatLiteral32();
        writeOpcode(w, op.code);
        w.fixed32(bits);
        return;
      }
      case Imm.F64: {
        const bits = this.floatLiteral64();
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
        while (cur.peek().kind === Tok.Atom) {
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
        const n = this.u32();
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
        if (this.atIndex() && isIndexTok(cur.peek(1))) mem = c.index('memory');
        const d = c.index('data');
        writeOpcode(w, op.code);
        w.u32(d).u32(mem);
        return;
      }
      case Imm.TableInit: {
        let table = 0;
        if (this.atIndex() && isIndexTok(cur.peek(1))) table = c.index('table');
        const e = c.index('elem');
        writeOpcode(w, op.code);
        w.u32(e).u32(table);
        return;
      }
      case Imm.MemoryCopy: case Imm.TableCopy: {
        const space = op.imm === Imm.MemoryCopy ? 'memory' : 'table';
        let d = 0, s = 0;
        if (this.atIndex()) {
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
        const l = this.label();
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

  private intLiteral(bits: number): bigint {
    return intLit(this.cur, bits);
  }

  private floatLiteral32(): number {
    const cur = this.cur;
    const t = cur.next();
    try {
      const b = t.kind === Tok.Atom ? parseF32(t.text) : null;
      if (b === null) return badLiteral(cur, t);
      return b;
    } catch (e) {
      if (e instanceof RangeFailure) cur.fail('constant out of range', t);
      throw e;
    }
  }

  private floatLiteral64(): bigint {
    const cur = this.cur;
    const t = cur.next();
    try {
      const b = t.kind === Tok.Atom ? parseF64(t.text) : null;
      if (b === null) return badLiteral(cur, t);
      return b;
    } catch (e) {
      if (e instanceof RangeFailure) cur.fail('constant out of range', t);
      throw e;
    }
  }
}

/**
 * A token where a literal belongs that is not one. The reference lexer reads text such as `0x` or
 * `1.e` as no number at all, so the parser reports the word as an unknown operator.
 */
export function badLiteral(cur: Cursor, t: Token): never {
  // NaN classes are result patterns of scripts: a known word, just not here.
  if (t.kind === Tok.Atom && !/^nan:(canonical|arithmetic)$/.test(t.text)) cur.fail(`unknown operator ${t.text}`, t);
  return cur.unexpected(t);
}

function isMemargKey(t: Token): boolean {
  return t.kind === Tok.Atom && (t.text.startsWith('offset=') || t.text.startsWith('align='));
}

function isIndexTok(t: Token): boolean {
  return t.kind === Tok.Id || (t.kind === Tok.Atom && parseNat(t.text) !== null);
}

/** An integer literal of `bits` width as its unsigned pattern; wording as the reference interpreter's. */
export function intLit(cur: Cursor, bits: number): bigint {
  const t = cur.next();
  try {
    const v = t.kind === Tok.Atom ? parseIntBits(t.text, bits) : null;
    if (v === null) return badLiteral(cur, t);
    return v;
  } catch (e) {
    if (e instanceof RangeFailure) cur.fail('constant out of range', t);
    throw e;
  }
}

const SHAPES: Record<string, [number, number]> = {
  i8x16: [16, 8], i16x8: [8, 16], i32x4: [4, 32], i64x2: [2, 64], f32x4: [4, -32], f64x2: [2, -64],
};

/** `shape lane*` of a v128 constant, as its 16 bytes. */
export function v128Literal(cur: Cursor): Uint8Array {
  const st = cur.next();
  const shape = st.kind === Tok.Atom ? SHAPES[st.text] : undefined;
  if (shape === undefined) return cur.unexpected(st);
  const [n, bits] = shape;
  // The lane count is checked before the lanes' values, as the reference interpreter does.
  let count = 0;
  while (cur.peek(count).kind === Tok.Atom) count++;
  if (count !== n) cur.fail('wrong number of lane literals', cur.peek(Math.min(count, n)));
  const out = new ByteWriter();
  for (let i = 0; i < n; i++) {
    const t = cur.peek();
    if (t.kind !== Tok.Atom) cur.fail('wrong number of lane literals', t);
    if (bits === -32) {
      cur.pos++;
      let b: number | null;
      try { b = parseF32(t.text); } catch { cur.fail('constant out of range', t); }
      if (b === null) badLiteral(cur, t);
      out.fixed32(b);
    } else if (bits === -64) {
      cur.pos++;
      let b: bigint | null;
      try { b = parseF64(t.text); } catch { cur.fail('constant out of range', t); }
      if (b === null) badLiteral(cur, t);
      out.fixed64(b);
    } else {
      const v = intLit(cur, bits);
      for (let k = 0; k < bits / 8; k++) out.u8(Number((v >> BigInt(8 * k)) & 0xffn));
    }
  }
  if (cur.peek().kind === Tok.Atom) cur.fail('wrong number of lane literals');
  return out.finish();
}

/** Parses a constant expression (global initialisers, offsets, element items) into an Expr's bytes. */
export function constExpr(c: ModuleContext): Uint8Array {
  const w = new ByteWriter();
  new InstrParser(c, null, w).sequence();
  w.u8(0x0b);
  return w.finish();
}

/** One folded instruction as a constant expression (the `(offset …)` and `(item …)` abbreviations). */
export function constExprSingle(c: ModuleContext): Uint8Array {
  const w = new ByteWriter();
  new InstrParser(c, null, w).single();
  w.u8(0x0b);
  return w.finish();
}

/** A function body: instructions up to the field's `)`, then `end`. */
export function funcBody(c: ModuleContext, locals: LocalScope, w: ByteWriter): void {
  new InstrParser(c, locals, w).sequence();
  w.u8(0x0b);
}
