/**
 * Instruction sequences in the text format (Text › Instructions), encoded to binary as they are
 * parsed: plain and folded forms, structured blocks (block, loop, if, try_table, legacy try) with
 * their labels and block types; operators.ts reads single operators with their immediates.
 * Folded instructions are unfolded with an explicit frame stack and labels are kept on an explicit
 * label stack, so the nesting depth of the input never deepens the JS call stack. It checks only
 * what the text grammar checks (names, literal ranges, label matching); typing is the validator's job.
 */
import { ByteWriter } from '../encoder/writer.js';
import type { Cursor } from './cursor.js';
import { Tok } from './lexer.js';
import { resolveIndex, sameFunc, type ModuleContext } from './context.js';
import { natU32 } from './literals.js';
import { OperatorParser } from './operators.js';
import { signature } from './valtypes.js';

const EMPTY: ReadonlyMap<string, number> = new Map();

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

/** Parses an instruction sequence and encodes it into a ByteWriter. */
export class InstrParser {
  private readonly cur: Cursor;
  private readonly labels: (string | null)[] = [];
  private readonly frames: Frame[] = [];
  /** Writer length just after the last `else` written, or -1. */
  private afterElse = -1;
  private readonly ops: OperatorParser;

  constructor(
    private readonly c: ModuleContext,
    private readonly locals: LocalScope | null,
    private readonly w: ByteWriter,
  ) {
    this.cur = c.cur;
    this.ops = new OperatorParser(c, this);
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
      case 'try':
        this.tryHeader();
        this.push(F.Try);
        return;
    }
    const ow = new ByteWriter();
    this.ops.write(ow);
    this.push(F.Plain, ow.finish());
  }

  /** A legacy `try` header (folded or plain): its label, the opcode and the block type. */
  private tryHeader(): void {
    this.cur.pos++;
    const label = this.cur.optId();
    this.w.u8(0x06);
    this.blockType(this.w);
    this.labels.push(label);
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
      case 'try':
        this.tryHeader();
        return;
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
    this.ops.write(this.w);
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
  label(): number {
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
    return natU32(this.cur);
  }

  /** A local index: a name bound by the function, or a number. */
  local(): number {
    return resolveIndex(this.cur, this.locals?.names ?? EMPTY, 'local');
  }


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
