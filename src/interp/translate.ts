/**
 * The translator: turns one validated function body into internal code (code.ts) in a single pass
 * over its operators. Because the module has been validated, the operand stack's shape is known at
 * every point, so every operand becomes a fixed word offset in the frame, branch targets are
 * resolved (forward ones by back-patching), and values that a branch carries are moved to the
 * target's stack height by explicit `Move` ops.
 *
 * The pass keeps its own explicit control stack (no recursion per nesting level). Unreachable code
 * after `br`/`return`/`unreachable` is skipped up to the matching `else`/`end`.
 *
 * What it does not do: validate. Invalid input is a bug in the caller; the translator asserts
 * only what it needs to avoid reading past its arrays.
 *
 * Operand folding: `local.get` and constants emit nothing at first; the operand-stack entry
 * remembers where its value can be read (the local's word) or what it is (a constant), and the
 * consuming op reads the local directly or uses an immediate form (`ImmBase + opcode`). A pending
 * entry is *materialized* (copied to its reserved stack word) when its local is about to be
 * written, and before any control instruction or call, so that every path into a label sees
 * the same stack layout. `local.set`/`local.tee` right after the op producing the value retarget
 * that op's destination to the local instead of copying.
 *
 * Fuel: with `fuel` on, each straight-line segment (from a label to the next) starts with a
 * `Fuel n` op where n is the segment's cost: 1 per instruction except those wasmtime also charges
 * nothing for (fuel-cost.ts), so the same program consumes the same fuel in both; see thread.ts.
 */
import { InstrReader } from '../decoder/instr.js';
import { fuelCost } from './fuel-cost.js';
import type { FuncInst } from '../core/func.js';
import type { ModuleInst } from '../core/instance.js';
import { opByCode } from '../syntax/opcodes.js';
import {
  BOT, F32, F64, I32, I64, isRef, refType, V128, type FuncType, type ValType,
} from '../syntax/types.js';
import { TrapCode } from '../util/errors.js';
import { ADD_BRANCH_CMPS, ADD_K_ACCESS, IMM_FIRST, IMM_LAST, Iop, fuelled, operandCount } from './code.js';
import { translateAtomic, translateGc, translateSimd } from './translate-ext.js';

/** A translated function. */
export interface CompiledFunc {
  readonly code: Int32Array;
  /** Words taken by the parameters (they start the frame). */
  readonly paramWords: number;
  /** Words taken by parameters and declared locals. */
  readonly localWords: number;
  /** Words the frame may use at most (locals plus the deepest operand stack). */
  readonly frameWords: number;
  /** Words taken by the results. */
  readonly resultWords: number;
  /** Pairs (pc, byte offset in the module) for each emitted op, in pc order: for backtraces. */
  readonly srcMap: Int32Array;
  /** try_table handlers, innermost first. */
  readonly handlers: readonly Handler[];
}

/** A catch clause of a try_table: where its values go and where execution continues. */
export interface CatchTarget {
  /** CatchKind: 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref; 4 legacy delegate. */
  readonly kind: number;
  /** Tag index (catch, catch_ref), else -1. */
  readonly tag: number;
  /** pc of the landing pad (a jump to the label). */
  readonly pad: number;
  /** Frame word where the payload (then the exnref) is written. */
  readonly dst: number;
  /** Legacy catch: frame word where the exception is also kept for `rethrow`, else -1. */
  readonly exnSlot: number;
  /** Legacy delegate: the handler that receives the exception (null: the caller). */
  readonly delegateTo: Handler | null;
}

/** A try_table body's code range [start, end) and its catch clauses, in order. */
export interface Handler {
  readonly start: number;
  end: number;
  readonly clauses: CatchTarget[];
}

/** Words a value of type `t` takes on the value stack. */
export function valWords(t: ValType): number {
  return t === V128 ? 4 : 2;
}

/** Total words of a list of value types. */
export function typesWords(ts: readonly ValType[]): number {
  let n = 0;
  for (const t of ts) n += valWords(t);
  return n;
}

function copyOp(t: ValType): number {
  if (t === I32 || t === F32) return Iop.Copy1;
  if (t === I64 || t === F64) return Iop.Copy2;
  if (t === V128) return Iop.Copy4;
  return Iop.CopyRef;
}

const enum Kind { Func, Block, Loop, If }

interface Ctrl {
  kind: Kind;
  /** Operand-stack entries below the block's parameters. */
  height: number;
  /** Word where the block's parameters (and on exit its results) start. */
  startWord: number;
  params: readonly ValType[];
  results: readonly ValType[];
  /** Loop: pc of the header. */
  loopPc: number;
  /** Code positions to patch with the end's pc. */
  fixups: number[];
  /** If: position of the BrUnless target to patch with the else (or end) pc; -1 once used. */
  elseFixup: number;
  /** try_table and legacy try: its handler, completed at the end (or the first catch). */
  handler?: Handler;
  /** Legacy try: frame word holding the caught exception (for rethrow); -1 otherwise. */
  exnSlot?: number;
  /** Legacy try: true while translating the try body (before the first catch). */
  inBody?: boolean;
}

/** Control instructions and calls: pending operands are materialized before them. */
const MATERIALIZING = new Set<number>([
  0x02, 0x03, 0x04, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x1b, 0x1c,
  0xd4, 0xd5, 0xd6, 0x08, 0x0a, 0x1f, 0x06, 0x09,
]);

/** i32 binary ops with an immediate form (`ImmBase + opcode`: dst a imm) for a constant right operand. */
export const IMM_FORMS = new Set<number>([
  0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76,
]);

/** The comparison that is true exactly when the given one is false. */
const NEGATED: Record<number, number> = {
  0x46: 0x47, 0x47: 0x46, 0x48: 0x4e, 0x4e: 0x48, 0x49: 0x4f, 0x4f: 0x49,
  0x4a: 0x4c, 0x4c: 0x4a, 0x4b: 0x4d, 0x4d: 0x4b,
};

const SIG_TYPES: Record<string, ValType> = { i: I32, I: I64, f: F32, F: F64, v: V128 };

/** Parsed `sig` strings of the opcode table: params and results as value types ('a' left as BOT). */
const sigCache = new Map<number, { params: ValType[]; results: ValType[] }>();
export function sigOf(code: number): { params: ValType[]; results: ValType[] } {
  let s = sigCache.get(code);
  if (s) return s;
  const sig = opByCode(code)?.sig;
  if (!sig) throw new Error(`translate: no fixed signature for opcode 0x${code.toString(16)}`);
  const [p, r] = sig.split('>');
  const conv = (x: string): ValType[] => [...x].map((ch) => (ch === 'a' ? BOT : SIG_TYPES[ch]!));
  s = { params: conv(p!), results: conv(r!) };
  sigCache.set(code, s);
  return s;
}

/** Number of legacy `try` instructions in a body (a pre-pass, only for modules with tags). */
function countLegacyTries(bytes: Uint8Array, offset: number): number {
  const r = new InstrReader(bytes, 0, bytes.length, offset);
  let n = 0;
  while (!r.atEnd()) if (r.next() === 0x06) n++;
  return n;
}

/** Options of translation. */
export interface TranslateOptions {
  /** Emit fuel accounting ops. */
  fuel?: boolean;
}

/**
 * Translates function `funcIdx` of `inst` (a defined function, not an import).
 * `types` gives the block/function types by module type index.
 */
export function translate(inst: ModuleInst, funcIdx: number, options: TranslateOptions = {}): CompiledFunc {
  return new Translator(inst, funcIdx, options.fuel === true).run();
}

/** The translator's state for one function; the extension translators (translate-ext.ts) use its public members. */
export class Translator {
  code: number[] = [];
  private handlers: Handler[] = [];
  private src: number[] = [];
  private types: ValType[] = [];
  /** Reserved stack word of each entry. */
  words: number[] = [];
  /** Where each entry is read from: its own word, a local's word, or -1 for a pending constant. */
  private srcs: number[] = [];
  /** Pending constants: low and high words (high unused for 32-bit values). */
  private constLo: number[] = [];
  private constHi: number[] = [];
  /** Position of the destination operand of the op just emitted (for local.set fusion), or -1. */
  private lastDst = -1;
  /**
   * Start of the last op emitted and of the one before, -1 across a label: two ops with no label
   * between them run in sequence on every path, so they may become one.
   */
  private lastAt = -1;
  private prevAt = -1;
  /** A Simd op was emitted (see addBranch). */
  private simdSeen = false;
  private top = 0;
  private maxTop = 0;
  private ctrl: Ctrl[] = [];
  private localWord: number[] = [];
  private localType: ValType[] = [];
  private paramWords = 0;
  private localWords = 0;
  private resultWords = 0;
  /** Set when the code being translated became unreachable; cleared at the next else/end. */
  private wasDead = false;
  private fuelPos = -1;
  private nextExnSlot = 0;
  private exnSlotsEnd = 0;
  private fuelCount = 0;
  /** i64/f64 constants kept in frame words (filled once per call) instead of per use; see loopConstants. */
  private readonly pool: Array<[number, number]>;
  private readonly poolBase: number;
  /** A frame word that is always zero, or -1 (see loopScan). */
  private readonly zeroWord: number = -1;
  private readonly ft: FuncType;
  readonly r: InstrReader;
  private readonly funcs: readonly FuncInst[];

  constructor(readonly inst: ModuleInst, funcIdx: number, private readonly fuel: boolean) {
    const f = inst.funcs[funcIdx]!;
    if (f.kind !== 'wasm') throw new Error('translate: not a wasm function');
    this.ft = f.type;
    const body = f.code.body;
    this.r = new InstrReader(body.bytes, 0, body.bytes.length, body.offset);
    this.funcs = inst.funcs;
    let w = 0;
    for (const t of this.ft.params) { this.localWord.push(w); this.localType.push(t); w += valWords(t); }
    this.paramWords = w;
    for (const d of f.code.locals) {
      for (let i = 0; i < d.count; i++) { this.localWord.push(w); this.localType.push(d.type); w += valWords(d.type); }
    }
    // Legacy try blocks keep their caught exception in a frame word each: count them first.
    this.nextExnSlot = w;
    // A module without tags can still catch foreign exceptions (catch_all), so the only shortcut is
    // a byte scan: no 0x06 byte, no legacy `try`.
    if (body.bytes.indexOf(0x06) >= 0) w += 2 * countLegacyTries(body.bytes, body.offset);
    this.exnSlotsEnd = w;
    // The constant pool sits among the locals (zeroed on entry, then filled by the prologue).
    const scan = loopScan(body.bytes, body.offset);
    this.pool = scan.pool;
    this.poolBase = w;
    w += 2 * this.pool.length;
    // A word that stays zero (a local nothing writes): the base of accesses at constant addresses.
    if (scan.constAddress) { this.zeroWord = w; w += 2; }
    this.localWords = w;
    this.top = this.maxTop = w;
    this.resultWords = typesWords(this.ft.results);
  }

  run(): CompiledFunc {
    const r = this.r;
    this.ctrl.push({
      kind: Kind.Func, height: 0, startWord: this.localWords, params: [], results: this.ft.results,
      loopPc: -1, fixups: [], elseFixup: -1,
    });
    for (let k = 0; k < this.pool.length; k++) this.emit(Iop.Const64, this.poolBase + 2 * k, this.pool[k]![0], this.pool[k]![1]);
    this.startSegment();
    let dead = 0; // > 0: skipping unreachable code; counts nested blocks + 1
    while (this.ctrl.length > 0) {
      const code = r.next();
      if (dead > 0) {
        if (code === 0x02 || code === 0x03 || code === 0x04 || code === 0x1f || code === 0x06) dead++;
        else if (code === 0x0b || code === 0x18) {
          if (--dead === 0) { this.wasDead = true; if (code === 0x0b) this.end(); else this.delegate(); }
        } else if (code === 0x05 && dead === 1) {
          dead = 0;
          this.wasDead = true;
          this.else();
        } else if ((code === 0x07 || code === 0x19) && dead === 1) {
          dead = 0;
          this.wasDead = true;
          this.legacyCatch(code === 0x07 ? r.idx : -1);
        }
        continue;
      }
      if (this.fuel) this.fuelCount += fuelCost(code);
      if (this.step(code)) dead = 1;
    }
    this.endSegment();
    if (this.fuel) this.fuseFuelBranches();
    return {
      code: Int32Array.from(this.code),
      paramWords: this.paramWords,
      localWords: this.localWords,
      frameWords: this.maxTop,
      resultWords: this.resultWords,
      srcMap: Int32Array.from(this.src),
      handlers: this.handlers,
    };
  }

  /**
   * With fuel on, every branch whose target is a segment's `Fuel n` op becomes its fuel-charging
   * form, which charges n and skips that op: a loop's back edge no longer dispatches a separate
   * op per iteration. Rewritten in place (same layout), after all targets are patched. Fuel is
   * charged for the same segments as before, and a short fuel still pauses on the same op.
   */
  private fuseFuelBranches(): void {
    const code = this.code;
    const view = Int32Array.from(code);
    for (let pc = 0; pc < code.length; pc += 1 + operandCount(code[pc]!, view, pc)) {
      const f = fuelled(code[pc]!);
      if (f < 0) continue;
      const target = code[pc + operandCount(code[pc]!, view, pc)]!;
      if (code[target] === Iop.Fuel) code[pc] = f;
    }
  }

  // --- emission helpers -------------------------------------------------------------------

  /**
   * Marks the operand at code position `pos` as the destination of the op just emitted, so that a
   * following `local.set`/`local.tee` retargets it (for ops emitted outside this class).
   */
  markDst(pos: number): void {
    this.lastDst = pos;
  }

  /** Code position of the destination operand of the op just emitted (see markDst), or -1. */
  get lastDstPos(): number {
    return this.lastDst;
  }

  /**
   * When the op just emitted is `i32.add` with an immediate writing word `w` (and no label came
   * since), removes it and returns its operand word and immediate, for a consumer that can add the
   * immediate itself (v128.load's address); otherwise null.
   */
  takeAddImm(w: number): { base: number; k: number } | null {
    const at = this.lastDst - 1;
    if (this.lastDst < 0 || at + 4 !== this.code.length || this.code[at] !== Iop.ImmBase + 0x6a || this.code[at + 1] !== w) return null;
    const base = this.code[at + 2]!, k = this.code[at + 3]!;
    this.code.length = at;
    this.src.length -= 2;
    this.lastDst = -1;
    this.lastAt = this.prevAt;
    this.prevAt = -1;
    return { base, k };
  }

  emit(op: number, ...args: number[]): number {
    const at = this.code.length;
    this.lastDst = -1;
    this.prevAt = this.lastAt;
    this.lastAt = at;
    if (op === Iop.Simd) this.simdSeen = true;
    this.src.push(at, this.r.opOffset);
    this.code.push(op, ...args);
    return at;
  }

  push(t: ValType, src = -2, lo = 0, hi = 0): number {
    const w = this.top;
    this.types.push(t);
    this.words.push(w);
    this.srcs.push(src === -2 ? w : src);
    this.constLo.push(lo);
    this.constHi.push(hi);
    this.top += valWords(t);
    if (this.top > this.maxTop) this.maxTop = this.top;
    return w;
  }

  /**
   * Pops the top entry; returns the word to read it from (materializing a pending constant). With
   * `readOnly` (the consumer only reads the word) a pooled i64/f64 constant is read from its pool
   * word instead, which costs no op.
   */
  pop(readOnly = false): number {
    const i = this.types.length - 1;
    if (i < 0) throw new Error('translate: operand stack underflow (module not validated?)');
    if (this.srcs[i] === -1) {
      const pw = readOnly ? this.poolWord(i) : -1;
      if (pw >= 0) {
        this.discard();
        return pw;
      }
      this.materialize(i);
    }
    const src = this.srcs[i]!;
    this.types.pop();
    this.srcs.pop();
    this.constLo.pop();
    this.constHi.pop();
    this.top = this.words.pop()!;
    return src;
  }

  /** The pool word holding pending constant `i`, or -1 (an i32/f32 reads the low word of an entry (v, 0)). */
  private poolWord(i: number): number {
    const t = this.types[i]!;
    if (t !== I64 && t !== F64 && t !== I32 && t !== F32) return -1;
    const lo = this.constLo[i]!, hi = t === I32 || t === F32 ? 0 : this.constHi[i]!;
    for (let k = 0; k < this.pool.length; k++) {
      if (this.pool[k]![0] === lo && this.pool[k]![1] === hi) return this.poolBase + 2 * k;
    }
    return -1;
  }

  /** Drops the top entry without materializing it. */
  private discard(): void {
    this.types.pop();
    this.srcs.pop();
    this.constLo.pop();
    this.constHi.pop();
    this.top = this.words.pop()!;
  }

  /** Copies pending entry `i` to its reserved word. */
  private materialize(i: number): void {
    const src = this.srcs[i]!, w = this.words[i]!, t = this.types[i]!;
    if (src === w) return;
    if (src === -1) {
      if (t === I32 || t === F32) this.emit(Iop.Const32, w, this.constLo[i]!);
      else this.emit(Iop.Const64, w, this.constLo[i]!, this.constHi[i]!);
    } else {
      this.emit(copyOp(t), w, src);
    }
    this.srcs[i] = w;
  }

  /** Materializes every pending entry (before control instructions and calls). */
  materializeAll(): void {
    for (let i = 0; i < this.types.length; i++) this.materialize(i);
  }

  /** Materializes every pending entry but the top one. */
  private materializeBelowTop(): void {
    for (let i = 0; i < this.types.length - 1; i++) this.materialize(i);
  }

  /** Materializes pending reads of the local at word `lw` among entries below `limit`. */
  private materializeLocal(lw: number, limit: number): boolean {
    let any = false;
    for (let i = 0; i < limit; i++) {
      if (this.srcs[i] === lw) { this.materialize(i); any = true; }
    }
    return any;
  }

  /** True when the top entry is a pending i32 constant. */
  private topIsConst32(): boolean {
    const i = this.types.length - 1;
    return i >= 0 && this.srcs[i] === -1 && this.types[i] === I32;
  }

  private topType(depth = 0): ValType {
    return this.types[this.types.length - 1 - depth]!;
  }

  /** Truncates the operand stack to `height` entries whose top ends at `word`. */
  private resetTo(height: number, word: number): void {
    this.types.length = height;
    this.words.length = height;
    this.srcs.length = height;
    this.constLo.length = height;
    this.constHi.length = height;
    this.top = word;
    this.lastDst = -1;
    this.lastAt = this.prevAt = -1;
  }

  /**
   * Starts a fuel segment at the current position. With `mayMerge`, a segment that has emitted
   * nothing and costs nothing so far (e.g. right after a block's `end`) is reused instead: its
   * `Fuel` op already stands where the new label is (see labelHere), so one op fewer per pass.
   */
  private startSegment(mayMerge = false): void {
    if (!this.fuel) return;
    if (mayMerge && this.segmentEmpty()) return;
    this.endSegment();
    this.fuelPos = this.emit(Iop.Fuel, 0) + 1;
    this.fuelCount = 0;
  }

  /** True when the current segment's `Fuel` op is the last thing emitted and it charges 0 so far. */
  private segmentEmpty(): boolean {
    return this.fuelPos >= 0 && this.fuelPos === this.code.length - 1 && this.fuelCount === 0;
  }

  /** Where a label placed here lands: on the current empty segment's `Fuel` op if it will be reused. */
  private labelHere(): number {
    return this.fuel && this.segmentEmpty() ? this.fuelPos - 1 : this.code.length;
  }

  private endSegment(): void {
    if (this.fuelPos >= 0) this.code[this.fuelPos] = this.fuelCount;
    this.fuelPos = -1;
  }

  private blockType(): { params: readonly ValType[]; results: readonly ValType[] } {
    const r = this.r;
    if (r.blockTypeIdx >= 0) {
      const c = this.inst.module.types[r.blockTypeIdx]!.comp;
      if (c.kind !== 'func') throw new Error('translate: block type is not a function type');
      return c;
    }
    return { params: [], results: r.blockType === BOT ? [] : [r.blockType] };
  }

  private pushCtrl(kind: Kind, params: readonly ValType[], results: readonly ValType[]): Ctrl {
    const height = this.types.length - params.length;
    const startWord = params.length > 0 ? this.words[height]! : this.top;
    const c: Ctrl = { kind, height, startWord, params, results, loopPc: -1, fixups: [], elseFixup: -1 };
    this.lastDst = -1;
    this.lastAt = this.prevAt = -1;
    this.ctrl.push(c);
    return c;
  }

  /** Emits the moves and jump of a branch to `c` (values on top of the stack stay there). */
  branch(c: Ctrl): void {
    const label = c.kind === Kind.Loop ? c.params : c.results;
    const n = label.length;
    const src = n > 0 ? this.words[this.words.length - n]! : this.top;
    const nw = typesWords(label);
    if (c.kind === Kind.Func) {
      this.emit(Iop.Return, src, nw);
      return;
    }
    if (src !== c.startWord && nw > 0) this.emit(Iop.Move, c.startWord, src, nw);
    const at = this.emit(Iop.Br, c.loopPc);
    if (c.kind !== Kind.Loop) c.fixups.push(at + 1);
  }

  /**
   * try_table: landing pads (one jump per catch clause, to the clause's label) are emitted ahead of
   * the body and jumped over; the unwinder writes the caught values at the label's start word.
   */
  private tryTable(): void {
    const r = this.r;
    const bt = this.blockType();
    const skip = this.emit(Iop.Br, -1);
    const clauses: CatchTarget[] = [];
    for (let i = 0; i < r.numCatches; i++) {
      const cl = r.catches[i]!;
      const target = this.label(cl.label);
      const pad = this.code.length;
      if (target.kind === Kind.Func) {
        this.emit(Iop.Return, target.startWord, typesWords(target.results));
      } else {
        const at = this.emit(Iop.Br, target.loopPc);
        if (target.kind !== Kind.Loop) target.fixups.push(at + 1);
      }
      clauses.push({ kind: cl.kind, tag: cl.tag, pad, dst: target.startWord, exnSlot: -1, delegateTo: null });
    }
    this.code[skip + 1] = this.code.length;
    const c = this.pushCtrl(Kind.Block, bt.params, bt.results);
    c.handler = { start: this.code.length, end: -1, clauses };
  }

  /** A frame word for a legacy try's caught exception (reserved after the locals, see constructor). */
  private takeExnSlot(): number {
    if (this.nextExnSlot >= this.exnSlotsEnd) throw new Error('translate: legacy try without a reserved exception slot');
    const w = this.nextExnSlot;
    this.nextExnSlot += 2;
    return w;
  }

  /** Legacy `catch x` (tag >= 0) or `catch_all` (tag = -1): closes the previous part of the try. */
  private legacyCatch(tag: number): void {
    const c = this.ctrl[this.ctrl.length - 1]!;
    const h = c.handler!;
    if (!this.wasDead) {
      this.materializeAll();
      const at = this.emit(Iop.Br, -1);
      c.fixups.push(at + 1);
    }
    this.wasDead = false;
    if (c.inBody) {
      h.end = this.code.length;
      c.inBody = false;
    }
    h.clauses.push({ kind: tag >= 0 ? 0 : 2, tag, pad: this.code.length, dst: c.startWord, exnSlot: c.exnSlot!, delegateTo: null });
    this.resetTo(c.height, c.startWord);
    if (tag >= 0) for (const t of this.inst.tags[tag]!.params) this.push(t);
    this.startSegment();
  }

  /** Legacy `delegate l`: ends the try; exceptions from its body go to the handler around label l. */
  private delegate(): void {
    const c = this.ctrl[this.ctrl.length - 1]!;
    const h = c.handler!;
    h.end = this.code.length;
    c.inBody = false;
    // Label l counts from outside the try; the nearest enclosing try body at or beyond it catches.
    let target: Handler | null = null;
    for (let i = this.ctrl.length - 2 - this.r.idx; i >= 0; i--) {
      const o = this.ctrl[i]!;
      if (o.handler && (o.inBody === undefined || o.inBody)) { target = o.handler; break; }
    }
    h.clauses.push({ kind: 4, tag: -1, pad: -1, dst: 0, exnSlot: -1, delegateTo: target });
    this.end();
  }

  /** branchIsJump for the stack as it will be once the top entry (at word `top`) is popped. */
  private branchIsJumpBelow(c: Ctrl, top: number): boolean {
    if (c.kind === Kind.Func) return false;
    const label = c.kind === Kind.Loop ? c.params : c.results;
    const n = label.length;
    const src = n > 0 ? this.words[this.words.length - 1 - n]! : top;
    return src === c.startWord || n === 0;
  }

  /**
   * Pops the i32 condition and emits a conditional jump taken when it is non-zero (`whenTrue`) or
   * zero; returns the position of the target operand to patch. A comparison emitted just before
   * is fused into the jump (`BrEqz`, `BrCmpBase + op`, `BrCmpImmBase + op`).
   */
  private condJump(whenTrue: boolean): number {
    const i = this.types.length - 1;
    const w = this.words[i]!;
    if (this.srcs[i] === w && this.lastDst >= 0 && this.code[this.lastDst] === w) {
      const at = this.lastDst - 1;
      const op = this.code[at]!;
      const a = this.code[at + 2]!, b = this.code[at + 3]!;
      let fused = -1, n = 2;
      if (op === 0x45) { fused = whenTrue ? Iop.BrEqz : Iop.BrNez; n = 1; }
      else if (op >= 0x46 && op <= 0x4f) fused = Iop.BrCmpBase + (whenTrue ? op : NEGATED[op]!);
      else if (op >= Iop.ImmBase + 0x46 && op <= Iop.ImmBase + 0x4f) {
        const k = op - Iop.ImmBase;
        fused = Iop.BrCmpImmBase + (whenTrue ? k : NEGATED[k]!);
      }
      if (fused >= 0) {
        this.discard();
        this.code.length = at;
        this.src.length -= 2;
        this.lastAt = this.prevAt;
        this.prevAt = -1;
        const added = this.addBranch(fused, a, b);
        if (added >= 0) return added;
        const pos = n === 1 ? this.emit(fused, a, -1) : this.emit(fused, a, b, -1);
        return pos + 1 + n;
      }
    }
    const cond = this.pop();
    return this.emit(whenTrue ? Iop.BrIf : Iop.BrUnless, cond, -1) + 2;
  }

  /**
   * A compare-immediate branch on the word an `i32.add` (immediate or not) just wrote, with no
   * label between them (a loop counter stepped then tested): both become one `AddBr…` op. Returns
   * the position of its target operand, or -1 when the pair does not fit.
   */
  private addBranch(branch: number, a: number, imm: number): number {
    const p = this.lastAt;
    // Not after SIMD code: execSimd runs a SIMD loop's plain add and branch ops itself, and hands
    // any op it does not know (this one) back to the main loop, once per iteration.
    if (this.simdSeen || p < 0 || p + 4 !== this.code.length || this.code[p + 1] !== a) return -1;
    const add = this.code[p]!;
    if (add !== Iop.ImmBase + 0x6a && add !== 0x6a) return -1;
    const i = ADD_BRANCH_CMPS.indexOf(branch - Iop.BrCmpImmBase);
    if (i < 0) return -1;
    const x = this.code[p + 2]!, y = this.code[p + 3]!;
    this.code.length = p;
    this.src.length -= 2;
    this.lastAt = this.prevAt = -1;
    const op = (add === 0x6a ? Iop.AddBrBase : Iop.AddImmBrBase) + i;
    return this.emit(op, a, x, y, imm, -1) + 5;
  }

  /** True when a branch to `c` needs no value moves. */
  private branchIsJump(c: Ctrl): boolean {
    if (c.kind === Kind.Func) return false;
    const label = c.kind === Kind.Loop ? c.params : c.results;
    const n = label.length;
    const src = n > 0 ? this.words[this.words.length - n]! : this.top;
    return src === c.startWord || n === 0;
  }

  label(depth: number): Ctrl {
    return this.ctrl[this.ctrl.length - 1 - depth]!;
  }

  // --- structured control --------------------------------------------------------------------

  private else(): void {
    const c = this.ctrl[this.ctrl.length - 1]!;
    // Reachable end of the then-branch: jump over the else-branch.
    if (!this.wasDead) {
      this.materializeAll();
      const at = this.emit(Iop.Br, -1);
      c.fixups.push(at + 1);
    }
    this.code[c.elseFixup] = this.code.length;
    c.elseFixup = -1;
    this.wasDead = false;
    this.resetTo(c.height, c.startWord);
    for (const t of c.params) this.push(t);
    this.startSegment();
  }

  private end(): void {
    const c = this.ctrl.pop()!;
    const dead = this.wasDead;
    this.wasDead = false;
    if (!dead) this.materializeAll();
    if (c.kind === Kind.Func) {
      // Reachable fall-through off the end returns; a dead end needs nothing.
      if (!dead) this.branch(c);
      return;
    }
    if (c.handler) {
      if (c.inBody !== false) c.handler.end = this.code.length;
      this.handlers.push(c.handler);
    }
    // Every jump to a block's end was registered as a fixup (that is how it gets its address), so
    // with none the end is reached only by falling through and the current fuel segment can go on
    // (one Fuel op fewer per pass). Not after a loop: its segment starts at the loop head and is
    // charged on every iteration, so it must not include what follows the loop.
    const isTarget = dead || c.kind !== Kind.Block || c.elseFixup >= 0 || c.fixups.length > 0 || !!c.handler;
    const here = isTarget ? this.labelHere() : this.code.length;
    if (c.elseFixup >= 0) this.code[c.elseFixup] = here;
    for (const at of c.fixups) this.code[at] = here;
    this.resetTo(c.height, c.startWord);
    for (const t of c.results) this.push(t);
    if (isTarget) this.startSegment(true);
  }

  /** Translates one reachable operator; returns true when what follows is unreachable. */
  private step(code: number): boolean {
    const r = this.r;
    if (MATERIALIZING.has(code)) {
      // if, br_if and br_table consume the top entry where it is (no copy of a local condition).
      if (code === 0x04 || code === 0x0d || code === 0x0e) this.materializeBelowTop();
      else this.materializeAll();
    }
    switch (code) {
      case 0x00: this.emit(Iop.Unreachable); return true;
      case 0x01: return false;
      case 0x02: { const bt = this.blockType(); this.pushCtrl(Kind.Block, bt.params, bt.results); return false; }
      case 0x03: {
        const bt = this.blockType();
        const c = this.pushCtrl(Kind.Loop, bt.params, bt.results);
        this.startSegment(true);
        c.loopPc = this.code.length - (this.fuel ? 2 : 0);
        return false;
      }
      case 0x04: {
        const bt = this.blockType();
        const at = this.condJump(false);
        const c = this.pushCtrl(Kind.If, bt.params, bt.results);
        c.elseFixup = at;
        this.startSegment();
        return false;
      }
      case 0x05: this.else(); return false;
      case 0x1f: this.tryTable(); return false;
      case 0x06: {
        const bt = this.blockType();
        const c = this.pushCtrl(Kind.Block, bt.params, bt.results);
        c.handler = { start: this.code.length, end: -1, clauses: [] };
        c.exnSlot = this.takeExnSlot();
        c.inBody = true;
        return false;
      }
      case 0x07: this.legacyCatch(r.idx); return false;
      case 0x19: this.legacyCatch(-1); return false;
      case 0x18: this.delegate(); return false;
      case 0x09: {
        const c = this.label(r.idx);
        this.emit(Iop.ThrowRef, c.exnSlot!);
        return true;
      }
      case 0x08: {
        const params = this.inst.tags[r.idx]!.params;
        const argw = this.popArgs(params.length);
        this.emit(Iop.Throw, r.idx, argw);
        return true;
      }
      case 0x0a: this.emit(Iop.ThrowRef, this.pop()); return true;
      case 0x0b: this.end(); return false;
      case 0x0c: this.branch(this.label(r.idx)); return true;
      case 0x0d: {
        const c = this.label(r.idx + 0);
        // The label's values sit below the condition: check for moves with the condition popped.
        const cw = this.words[this.words.length - 1]!;
        const jump = this.branchIsJumpBelow(c, cw);
        if (jump) {
          const at = this.condJump(true);
          if (c.kind === Kind.Loop) this.code[at] = c.loopPc;
          else c.fixups.push(at);
        } else {
          const at = this.condJump(false);
          this.branch(c);
          this.code[at] = this.code.length;
        }
        return false;
      }
      case 0x0e: {
        const idx = this.pop();
        const labels = [...r.labels, r.idx];
        const n = r.labels.length;
        const at = this.emit(Iop.BrTable, idx, n, ...labels.map(() => -1));
        const tramp: number[] = [];
        for (let i = 0; i <= n; i++) {
          const c = this.label(labels[i]!);
          if (this.branchIsJump(c)) {
            if (c.kind === Kind.Loop) this.code[at + 3 + i] = c.loopPc;
            else c.fixups.push(at + 3 + i);
          } else tramp.push(i);
        }
        for (const i of tramp) {
          this.code[at + 3 + i] = this.code.length;
          this.branch(this.label(labels[i]!));
        }
        return true;
      }
      case 0x0f: this.branch(this.ctrl[0]!); return true;
      case 0x10: case 0x12: {
        const ft = this.funcs[r.idx]!.type;
        const argw = this.popArgs(ft.params.length);
        this.emit(code === 0x10 ? Iop.Call : Iop.ReturnCall, r.idx, argw);
        if (code === 0x12) return true;
        for (const t of ft.results) this.push(t);
        return false;
      }
      case 0x11: case 0x13: {
        const ft = this.funcType(r.idx);
        const idxw = this.pop();
        if (this.inst.tables[r.idx2]!.type.addrType === 'i64') this.emit(Iop.Addr64, idxw, TrapCode.UninitializedElement);
        const argw = this.popArgs(ft.params.length);
        this.emit(code === 0x11 ? Iop.CallIndirect : Iop.ReturnCallIndirect, r.idx, r.idx2, argw, idxw);
        if (code === 0x13) return true;
        for (const t of ft.results) this.push(t);
        return false;
      }
      case 0x14: case 0x15: {
        const ft = this.funcType(r.idx);
        const refw = this.pop();
        const argw = this.popArgs(ft.params.length);
        this.emit(code === 0x14 ? Iop.CallRef : Iop.ReturnCallRef, r.idx, argw, refw);
        if (code === 0x15) return true;
        for (const t of ft.results) this.push(t);
        return false;
      }
      case 0x1a: this.discard(); return false;
      case 0x1b: case 0x1c: {
        const cond = this.pop();
        const t = this.topType();
        const b = this.pop();
        const a = this.pop();
        // Scalar selects write a destination, so a following local.set retargets them (no copy).
        if (t === I32 || t === F32 || t === I64 || t === F64) {
          const op = t === I32 || t === F32 ? Iop.Select32 : Iop.Select64;
          this.lastDst = this.emit(op, this.push(t), a, b, cond) + 1;
          return false;
        }
        if (t === V128) this.emit(Iop.Select, a, b, cond, valWords(t));
        else this.emit(Iop.SelectRef, a, b, cond);
        this.push(t);
        return false;
      }
      case 0x20: {
        const t = this.localType[r.idx]!;
        this.push(t, this.localWord[r.idx]!);
        return false;
      }
      case 0x21: case 0x22: this.localSet(r.idx, code === 0x22); return false;
      case 0x23: {
        const t = this.inst.globals[r.idx]!.type.type;
        this.emit(t === I32 || t === F32 ? Iop.GlobalGet32 : Iop.GlobalGet, this.push(t), r.idx);
        this.lastDst = this.code.length - 2;
        return false;
      }
      case 0x24: {
        const t = this.inst.globals[r.idx]!.type.type;
        this.emit(t === I32 || t === F32 ? Iop.GlobalSet32 : Iop.GlobalSet, r.idx, this.pop());
        return false;
      }
      case 0x25: {
        const tt = this.inst.tables[r.idx]!.type;
        const i = this.pop();
        if (tt.addrType === 'i64') this.emit(Iop.Addr64, i, TrapCode.TableOutOfBounds);
        this.emit(Iop.TableGet, this.push(tt.elemType), r.idx, i);
        return false;
      }
      case 0x26: {
        const tt = this.inst.tables[r.idx]!.type;
        const v = this.pop();
        const i = this.pop();
        if (tt.addrType === 'i64') this.emit(Iop.Addr64, i, TrapCode.TableOutOfBounds);
        this.emit(Iop.TableSet, r.idx, i, v);
        return false;
      }
      case 0x3f: this.emit(Iop.MemorySize, this.push(this.memAddrType(r.idx)), r.idx); return false;
      case 0x40: {
        const t = this.memAddrType(r.idx);
        const delta = this.pop();
        this.emit(Iop.MemoryGrow, this.push(t), r.idx, delta);
        return false;
      }
      case 0x41: this.push(I32, -1, r.i32); return false;
      case 0x42: {
        const v = BigInt.asUintN(64, r.i64);
        this.push(I64, -1, Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0);
        return false;
      }
      case 0x43: this.push(F32, -1, r.f32Bits); return false;
      case 0x44: this.push(F64, -1, r.f64Lo, r.f64Hi); return false;
      case 0xd0: this.emit(Iop.RefNull, this.push(refType(true, r.heapType))); return false;
      case 0xd1: { const a = this.pop(); this.emit(Iop.RefIsNull, this.push(I32), a); return false; }
      case 0xd2: {
        const ti = this.funcs[r.idx]!.typeId;
        this.emit(Iop.RefFunc, this.push(refType(false, ti)), r.idx);
        return false;
      }
      case 0xd3: {
        const b = this.pop();
        const a = this.pop();
        this.emit(Iop.RefEq, this.push(I32), a, b);
        return false;
      }
      case 0xd4: {
        const t = this.topType();
        this.emit(Iop.RefAsNonNull, this.words[this.words.length - 1]!);
        this.types[this.types.length - 1] = t & ~1;
        return false;
      }
      case 0xd5: {
        // br_on_null: the label takes the values below the reference; a null ref is dropped.
        const t = this.topType();
        const refw = this.pop();
        const c = this.label(r.idx);
        const at = this.emit(Iop.BrOnNull, refw, -1);
        const skip = this.emit(Iop.Br, -1);
        this.code[at + 2] = this.code.length;
        this.branch(c);
        this.code[skip + 1] = this.code.length;
        this.push(t & ~1);
        return false;
      }
      case 0xd6: {
        const t = this.topType();
        const refw = this.words[this.words.length - 1]!;
        const c = this.label(r.idx);
        const at = this.emit(Iop.BrOnNonNull, refw, -1);
        const skip = this.emit(Iop.Br, -1);
        this.code[at + 2] = this.code.length;
        this.branch(c);
        this.code[skip + 1] = this.code.length;
        void t;
        this.pop();
        return false;
      }
    }
    if (code >= 0x28 && code <= 0x3e) { this.memoryAccess(code); return false; }
    if (code >= 0x45 && code <= 0xc4) { this.numeric(code, code); return false; }
    if (code >>> 16 === 0xfc) return this.misc(code & 0xffff);
    if (code >>> 16 === 0xfd) { translateSimd(this, code); return false; }
    if (code >>> 16 === 0xfe) { translateAtomic(this, code); return false; }
    if (code >>> 16 === 0xfb) { translateGc(this, code & 0xffff); return false; }
    throw new Error(`translate: unsupported instruction ${opByCode(code)?.name ?? code.toString(16)}`);
  }

  private funcType(typeIdx: number): FuncType {
    const c = this.inst.module.types[typeIdx]!.comp;
    if (c.kind !== 'func') throw new Error('translate: not a function type');
    return c;
  }

  private memAddrType(mem: number): ValType {
    return this.inst.memories[mem]!.type.addrType === 'i64' ? I64 : I32;
  }

  private tableAddrType(table: number): ValType {
    return this.inst.tables[table]!.type.addrType === 'i64' ? I64 : I32;
  }

  /** Pops `n` arguments; returns the word where the first one starts (or the top when none). */
  popArgs(n: number): number {
    let w = this.top;
    for (let i = 0; i < n; i++) w = this.pop();
    return w;
  }

  /** Generic fixed-signature op: pops params, pushes results, emits `[iop, results..., params...]`. */
  private numeric(code: number, iop: number): void {
    if (iop === code && IMM_FORMS.has(code) && this.topIsConst32()) {
      const v = this.constLo[this.constLo.length - 1]!;
      this.discard();
      const a = this.pop();
      const at = this.emit(Iop.ImmBase + code, this.push(I32), a, v);
      this.lastDst = at + 1;
      return;
    }
    if (iop === code && code >= 0xa0 && code <= 0xa2 && this.f64LoadArith(code)) return;
    if (iop === code && code === 0x6a && this.addShifted()) return;
    const s = sigOf(code);
    const ins: number[] = new Array<number>(s.params.length);
    for (let i = s.params.length - 1; i >= 0; i--) ins[i] = this.pop(true);
    const outs: number[] = [];
    for (const t of s.results) outs.push(this.push(t));
    const at = this.emit(iop, ...outs, ...ins);
    if (outs.length === 1) this.lastDst = at + 1;
  }

  /**
   * f64.add/sub/mul whose right operand (or, for add and mul, either operand) is the value an
   * `f64.load` just produced: the load folds into the arithmetic op (`F64BinLoad`/`F64BinLoadK`),
   * which reads memory itself. The other operand must not need an op of its own (it is a stack
   * word, a local or a pooled constant), so that the load stays the last op emitted.
   */
  private f64LoadArith(code: number): boolean {
    const at = this.lastDst - 1;
    if (this.lastDst < 0) return false;
    const op = this.code[at]!;
    const width = op === 0x2b ? 5 : op === Iop.F64LoadK ? 6 : 0;
    if (width === 0 || at + width !== this.code.length) return false;
    const lw = this.code[at + 1]!;
    const i = this.types.length - 1;
    const ready = (j: number): boolean => this.srcs[j] !== -1 || this.poolWord(j) >= 0;
    let loadIsRight: boolean;
    if (this.srcs[i] === lw && this.words[i] === lw && ready(i - 1)) loadIsRight = true;
    else if (code !== 0xa1 && this.srcs[i - 1] === lw && this.words[i - 1] === lw && ready(i)) loadIsRight = false;
    else return false;
    const args = Array.from(this.code.slice(at + 2, at + width));
    this.code.length = at;
    this.src.length -= 2;
    this.lastDst = -1;
    this.lastAt = this.prevAt;
    this.prevAt = -1;
    if (code === 0xa2 && loadIsRight && this.mulTwoLoads(i - 1, args)) return true;
    let other: number;
    if (loadIsRight) { this.discard(); other = this.pop(true); } else { other = this.pop(true); this.discard(); }
    const fused = (width === 5 ? Iop.F64BinLoad : Iop.F64BinLoadK) + (code - 0xa0);
    this.lastDst = this.emit(fused, this.push(F64), other, ...args) + 1;
    return true;
  }

  /**
   * f64.mul of two values loaded by the two ops just before it (a dot product's `a[i] * b[j]`),
   * both from the same memory: one `F64MulLoad2` op, dst baseA offA kA baseB offB kB mem. The
   * right load has already been taken out (`right`: base offset mem [k]); entry `j` must be the
   * left load's temporary. The loads keep their order, so the left one still traps first.
   */
  private mulTwoLoads(j: number, right: number[]): boolean {
    const p = this.lastAt, code = this.code, w = this.words[j]!;
    if (p < 0 || this.srcs[j] !== w) return false;
    const op = code[p]!;
    const width = op === 0x2b ? 5 : op === Iop.F64LoadK ? 6 : 0;
    if (width === 0 || p + width !== code.length || code[p + 1] !== w || code[p + 4] !== right[2]) return false;
    const left = [code[p + 2]!, code[p + 3]!, width === 6 ? code[p + 5]! : 0];
    code.length = p;
    this.src.length -= 2;
    this.lastAt = this.prevAt = -1;
    this.discard();
    this.discard();
    this.lastDst = this.emit(Iop.F64MulLoad2, this.push(F64), ...left, right[0]!, right[1]!, right[3] ?? 0, right[2]!) + 1;
    return true;
  }

  /**
   * The stack temporary that the op just emitted wrote, if that op is `i32.shl` by an immediate:
   * its position, or -1. Only a temporary: a shift retargeted to a local (local.tee) must stay.
   */
  private lastShlTemp(w: number): number {
    const at = this.lastAt;
    if (at < 0 || at + 4 !== this.code.length || this.code[at] !== Iop.ImmBase + 0x74) return -1;
    return this.code[at + 1] === w && w >= this.localWords ? at : -1;
  }

  /**
   * i32.add of an operand the previous `i32.shl` by an immediate produced (array indexing,
   * `base + (i << s)`): one `AddShl` op, dst a b s — dst := a + (b << s), both with i32 wrap.
   */
  private addShifted(): boolean {
    const i = this.types.length - 1;
    const w = this.words[i]!;
    let at = this.srcs[i] === w ? this.lastShlTemp(w) : -1;
    // `(i << s) + base` with base a local: the shift is the left operand.
    const left = at < 0 && this.srcs[i] !== w && this.srcs[i] !== -1 && this.srcs[i - 1] === this.words[i - 1];
    if (left) at = this.lastShlTemp(this.words[i - 1]!);
    if (at < 0 && !left && this.srcs[i] === w && this.shlBeforeLast(this.words[i - 1]!, w)) return true;
    if (at < 0) return false;
    const x = this.code[at + 2]!, sh = this.code[at + 3]!;
    this.code.length = at;
    this.src.length -= 2;
    this.lastDst = -1;
    this.lastAt = this.prevAt;
    this.prevAt = -1;
    let other: number;
    if (left) { other = this.pop(); this.discard(); } else { this.discard(); other = this.pop(); }
    this.lastDst = this.emit(Iop.AddShl, this.push(I32), other, x, sh) + 1;
    return true;
  }

  /**
   * `(i << s) + (y + k)`: the shift is the op before an immediate-form op that computed the right
   * operand (`a` at word `aw`, `b` at word `bw`, both temporaries). The shift moves past that op
   * into an `AddShl`, which is safe when that op neither writes the shift's input nor reads its
   * result (a temporary only the add consumes).
   */
  private shlBeforeLast(aw: number, bw: number): boolean {
    const p = this.prevAt, q = this.lastAt, code = this.code;
    if (p < 0 || q !== p + 4 || q + 4 !== code.length || code[p] !== Iop.ImmBase + 0x74) return false;
    const op = code[q]!;
    if (op < IMM_FIRST || op > IMM_LAST || code[q + 1] !== bw) return false;
    const x = code[p + 2]!, sh = code[p + 3]!;
    if (code[p + 1] !== aw || aw < this.localWords || code[q + 1] === x || code[q + 2] === aw) return false;
    // Drop the shift: the other op moves down one slot (no label lies between them).
    code.splice(p, 4);
    const src = this.src;
    src.splice(src.length - 4, 2);
    src[src.length - 2] = p;
    this.lastAt = p;
    this.prevAt = -1;
    this.discard();
    this.discard();
    this.lastDst = this.emit(Iop.AddShl, this.push(I32), bw, x, sh) + 1;
    return true;
  }

  /**
   * local.set / local.tee: pending reads of the local are materialized first; a value just
   * produced by the previous op is written straight into the local by retargeting that op.
   */
  private localSet(x: number, tee: boolean): void {
    const t = this.localType[x]!;
    const lw = this.localWord[x]!;
    const i = this.types.length - 1;
    const hadReads = this.materializeLocal(lw, i);
    const src = this.srcs[i]!, w = this.words[i]!;
    if (!hadReads && src === w && this.lastDst >= 0 && this.code[this.lastDst] === w) {
      this.code[this.lastDst] = lw;
    } else if (src === -1) {
      if (t === I32 || t === F32) this.emit(Iop.Const32, lw, this.constLo[i]!);
      else this.emit(Iop.Const64, lw, this.constLo[i]!, this.constHi[i]!);
    } else if (src !== lw) {
      this.emit(copyOp(t), lw, src);
    }
    this.lastDst = -1;
    if (tee) this.srcs[i] = lw;
    // discard, not pop: popping a pending constant would store it a second time, to its stack word.
    else this.discard();
  }

  private memoryAccess(code: number): void {
    const r = this.r;
    const mem = r.memIndex;
    const is64 = this.inst.memories[mem]!.type.addrType === 'i64';
    const isStore = code >= 0x36;
    // A constant value is written to its word only after the address is settled, so that an
    // `i32.add` with an immediate just before can still fold into the store (the sieve's
    // `p[i] = 1`).
    const vi = this.types.length - 1;
    const constValue = isStore && this.srcs[vi] === -1 && this.poolWord(vi) < 0;
    const vw = this.words[vi]!, vt = this.types[vi]!, vlo = this.constLo[vi]!, vhi = this.constHi[vi]!;
    let value = -1;
    if (constValue) { this.discard(); value = vw; } else if (isStore) value = this.pop(true);
    let offset = r.memOffset;
    let addr: number;
    if (!is64 && this.zeroWord >= 0 && this.topIsConst32()) {
      // Constant address: the zero word plus (address + offset), which traps exactly when the
      // unfolded access would (the sum is at most 2^33, exact in a double).
      offset += this.constLo[this.constLo.length - 1]! >>> 0;
      this.discard();
      addr = this.zeroWord;
    } else addr = this.pop();
    if (is64) this.emit(Iop.Addr64, addr, TrapCode.MemoryOutOfBounds);
    const dst = isStore ? -1 : this.push(sigOf(code).results[0]!);
    if (offset > 0xffffffff) {
      this.emit(Iop.Trap, TrapCode.MemoryOutOfBounds);
      return;
    }
    // An address computed by `i32.add` with an immediate just before folds into the access (the
    // address-stepping pattern of compiled loops): one op fewer, same wrap-then-offset semantics.
    const fused = is64 ? -1 : ADD_K_ACCESS.indexOf(code);
    const fold = fused >= 0 ? this.takeAddImm(addr) : null;
    if (constValue) {
      if (vt === I32 || vt === F32) this.emit(Iop.Const32, vw, vlo);
      else this.emit(Iop.Const64, vw, vlo, vhi);
    }
    if (fold !== null && code === 0x28 && this.lastShlTemp(fold.base) >= 0) {
      // `table[i]` at a constant base: (i << s) + k, the shift folded too.
      const at = this.lastAt;
      const x = this.code[at + 2]!, sh = this.code[at + 3]!;
      this.code.length = at;
      this.src.length -= 2;
      this.lastAt = this.prevAt;
      this.prevAt = -1;
      this.lastDst = this.emit(Iop.I32LoadShlK, dst, x, offset | 0, mem, fold.k, sh) + 1;
      return;
    }
    if (fold !== null) {
      const op = Iop.I32LoadK + fused;
      if (isStore) this.emit(op, fold.base, value, offset | 0, mem, fold.k);
      else this.lastDst = this.emit(op, dst, fold.base, offset | 0, mem, fold.k) + 1;
      return;
    }
    if (isStore) this.emit(code, addr, value, offset | 0, mem);
    else this.lastDst = this.emit(code, dst, addr, offset | 0, mem) + 1;
  }

  private misc(sub: number): boolean {
    const r = this.r;
    const base = Iop.MiscBase + sub;
    if (sub <= 7 || (sub >= 0x13 && sub <= 0x16)) { this.numeric(0xfc0000 | sub, base); return false; }
    switch (sub) {
      case 0x08: { const n = this.pop(), s = this.pop(), d = this.pop(); this.emit(base, r.idx, r.idx2, d, s, n); return false; }
      case 0x09: case 0x0d: this.emit(base, r.idx); return false;
      case 0x0a: { const n = this.pop(), s = this.pop(), d = this.pop(); this.emit(base, r.idx, r.idx2, d, s, n); return false; }
      case 0x0b: { const n = this.pop(), v = this.pop(), d = this.pop(); this.emit(base, r.idx, d, v, n); return false; }
      case 0x0c: { const n = this.pop(), s = this.pop(), d = this.pop(); this.emit(base, r.idx, r.idx2, d, s, n); return false; }
      case 0x0e: { const n = this.pop(), s = this.pop(), d = this.pop(); this.emit(base, r.idx, r.idx2, d, s, n); return false; }
      case 0x0f: {
        const delta = this.pop(), init = this.pop();
        this.emit(base, this.push(this.tableAddrType(r.idx)), r.idx, init, delta);
        return false;
      }
      case 0x10: this.emit(base, this.push(this.tableAddrType(r.idx)), r.idx); return false;
      case 0x11: { const n = this.pop(), v = this.pop(), d = this.pop(); this.emit(base, r.idx, d, v, n); return false; }
    }
    throw new Error(`translate: unsupported instruction 0xfc ${sub}`);
  }
}

/** Most distinct constants a function pools (each costs one op per call). */
const POOL_MAX = 16;

/**
 * What a pre-scan of a function that contains a loop finds:
 * - `pool`: its distinct i64/f64/f32 constants (up to POOL_MAX), as (lo, hi) words (an f32 as
 *   (bits, 0)). Without immediate forms of the numeric ops for these types, each use of such a
 *   constant cost a `Const64`/`Const32` op, inside the loop on every iteration (9 of the 30 ops of
 *   the i64 kernel's loop); a pooled one is written once per call.
 * - `constAddress`: an `i32.const` directly followed by a load (a global variable in linear
 *   memory). Such an access reads its base from a zero word with the constant folded into
 *   the offset, instead of a `Const32` op per execution.
 * - i32 constants directly followed by a store (the value stored) join the pool as (v, 0) if
 *   there is room, so the store reads them in place.
 * Functions without a loop get none of this: per-use constants then cost no more than the prologue.
 */
function loopScan(bytes: Uint8Array, offset: number): { pool: Array<[number, number]>; constAddress: boolean } {
  if (bytes.indexOf(0x03) < 0) return { pool: [], constAddress: false };
  const r = new InstrReader(bytes, 0, bytes.length, offset);
  const found: Array<[number, number]> = [];
  const stored: number[] = [];
  let loop = false, constAddress = false, prev = -1, prevI32 = 0;
  while (!r.atEnd()) {
    const code = r.next();
    // Before a load the constant is its address; before a store, the value stored.
    if (prev === 0x41 && code >= 0x28 && code <= 0x35) constAddress = true;
    if (prev === 0x41 && code >= 0x36 && code <= 0x3e && !stored.includes(prevI32)) stored.push(prevI32);
    prev = code;
    if (code === 0x41) prevI32 = r.i32;
    let lo = 0, hi = 0;
    if (code === 0x03) { loop = true; continue; }
    if (code === 0x42) {
      const v = BigInt.asUintN(64, r.i64);
      lo = Number(v & 0xffffffffn) | 0; hi = Number(v >> 32n) | 0;
    } else if (code === 0x44) {
      lo = r.f64Lo; hi = r.f64Hi;
    } else if (code === 0x43) {
      lo = r.f32Bits;
    } else continue;
    if (found.length < POOL_MAX && !found.some((e) => e[0] === lo && e[1] === hi)) found.push([lo, hi]);
  }
  // Stored i32 constants take what room is left (their low word is the value; see poolWord).
  for (const v of stored) {
    if (found.length < POOL_MAX && !found.some((e) => e[0] === v && e[1] === 0)) found.push([v, 0]);
  }
  return loop ? { pool: found, constAddress } : { pool: [], constAddress: false };
}

/** True when `t` is a reference type (re-exported for the loop's host-call conversions). */
export { isRef };
