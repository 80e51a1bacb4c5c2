/**
 * The state of the spec's validation algorithm (Appendix › Validation Algorithm) for one
 * instruction sequence: the operand stack of value types, the control stack of frames, and the
 * locals with their initialisation status (non-defaultable locals become usable once set, until the
 * end of the enclosing block).
 *
 * Both stacks are explicit arrays, so nesting depth costs memory, never JS call depth. Operand types
 * are module-relative; BOT stands for an unknown type popped from an unreachable stack.
 *
 * This file knows nothing about particular instructions; the instr-*.ts files use it.
 */
import type { InstrReader } from '../decoder/instr.js';
import { BOT, isNum, isRef, V128, valTypeToString, type ValType } from '../syntax/types.js';
import { invalid } from '../util/errors.js';
import { defaultable, type ModuleContext } from './context.js';

/** What opened a control frame (its opcode; try frames change kind at catch / catch_all). */
export const enum FrameKind {
  Func = -1,
  Block = 0x02,
  Loop = 0x03,
  If = 0x04,
  Else = 0x05,
  Try = 0x06,
  Catch = 0x07,
  CatchAll = 0x19,
  TryTable = 0x1f,
}

export interface Frame {
  kind: FrameKind;
  params: readonly ValType[];
  results: readonly ValType[];
  /** Operand stack height when the frame was entered (after its params were popped). */
  height: number;
  /** Set after an unconditional branch: the rest of the frame is stack-polymorphic. */
  unreachable: boolean;
  /** Height of the local-initialisation stack when the frame was entered. */
  initHeight: number;
}

const EMPTY: readonly ValType[] = [];

/**
 * Operand and control stacks plus local initialisation for one instruction sequence at a time;
 * reused across the functions and constant expressions of a module (call `reset` for each).
 */
export class FuncState {
  /** Operand stack (types); `sp` is its height. */
  vals: ValType[] = [];
  sp = 0;
  ctrls: Frame[] = [];
  /** Number of frames in use (frames above are kept for reuse). */
  depth = 0;
  /** Types of the locals, parameters first: the first `numLocals` entries (the array is reused). */
  locals: ValType[] = [];
  numLocals = 0;
  /** Per local: 1 when it may be read (the first `numLocals` entries; reused). */
  inited: Uint8Array = new Uint8Array(16);
  /** Locals set since their enclosing frames began, to be unset again when those frames end. */
  initStack: number[] = [];
  /** Result types of the function (for return and return_call*). */
  results: readonly ValType[] = EMPTY;
  /** Offset of the instruction being checked, for error messages. */
  at = 0;
  /** Checking a constant expression: ref.func needs no declaration (it declares). */
  constMode = false;
  /** Globals a constant expression may read (those defined before it); all of them in code. */
  visibleGlobals = 0;
  /** The operator reader, reused from one sequence to the next (func.ts owns it). */
  reader: InstrReader | null = null;

  constructor(readonly c: ModuleContext) {}

  /**
   * Resets for a new sequence whose locals (params first) are the first `numLocals` entries of
   * `locals` (which may be this.locals, filled in place), with the given result types.
   */
  reset(locals: ValType[], numLocals: number, numParams: number, results: readonly ValType[]): void {
    this.sp = 0;
    this.depth = 0;
    this.locals = locals;
    this.numLocals = numLocals;
    // One buffer for all the bodies of a module: a typed array per function cost more than its use.
    let inited = this.inited;
    if (inited.length < numLocals) this.inited = inited = new Uint8Array(Math.max(numLocals, 2 * inited.length));
    for (let i = 0; i < numLocals; i++) inited[i] = i < numParams || defaultable(locals[i]!) ? 1 : 0;
    this.initStack.length = 0;
    this.results = results;
    this.pushCtrl(FrameKind.Func, EMPTY, results);
  }

  fail(reason: string): never {
    throw invalid(reason, this.at);
  }

  // ---- operand stack --------------------------------------------------------------------------

  push(t: ValType): void {
    this.vals[this.sp++] = t;
  }

  pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.vals[this.sp++] = ts[i]!;
  }

  /** Pops any operand (BOT when the frame is unreachable and nothing is left). */
  pop(): ValType {
    const f = this.ctrls[this.depth - 1]!;
    if (this.sp === f.height) {
      if (f.unreachable) return BOT;
      this.fail('type mismatch: instruction requires [any] but stack has []');
    }
    return this.vals[--this.sp]!;
  }

  /** Pops an operand that must match `t`; returns the actual type. */
  popT(t: ValType): ValType {
    const f = this.ctrls[this.depth - 1]!;
    if (this.sp === f.height) {
      if (f.unreachable) return BOT;
      this.fail(`type mismatch: instruction requires [${valTypeToString(t)}] but stack has []`);
    }
    const actual = this.vals[--this.sp]!;
    if (actual !== t && !this.c.matches(actual, t)) {
      this.fail(`type mismatch: instruction requires [${valTypeToString(t)}] but stack has [${valTypeToString(actual)}]`);
    }
    return actual;
  }

  /**
   * Pops operands matching the first `n` types of `ts` (the last one on top), checked as one list so
   * that a mismatch reads like the reference interpreter's: "instruction requires [i32 i32] but
   * stack has [i64]".
   */
  popAll(ts: readonly ValType[], n: number = ts.length): void {
    if (n === 0) return;
    const f = this.ctrls[this.depth - 1]!;
    const have = this.sp - f.height;
    const k = have < n ? have : n;
    let ok = have >= n || f.unreachable;
    for (let i = 1; ok && i <= k; i++) {
      const actual = this.vals[this.sp - i]!;
      const t = ts[n - i]!;
      ok = actual === t || this.c.matches(actual, t);
    }
    if (!ok) {
      const want = ts.length === n ? ts : ts.slice(0, n);
      this.fail(`type mismatch: instruction requires ${showTypes(want)} but stack has ${showTypes(this.vals.slice(this.sp - k, this.sp))}`);
    }
    this.sp -= k;
  }

  /** Pops a reference (or BOT); anything else is a type mismatch. */
  popRef(): ValType {
    const t = this.pop();
    if (t !== BOT && !isRef(t)) {
      this.fail(`type mismatch: instruction requires reference type but stack has ${valTypeToString(t)}`);
    }
    return t;
  }

  /** Pops `n` operands of type `t` without looping more than the stack holds (n is untrusted). */
  popN(t: ValType, n: number): void {
    const f = this.ctrls[this.depth - 1]!;
    const avail = this.sp - f.height;
    const k = n < avail ? n : avail;
    for (let i = 0; i < k; i++) this.popT(t);
    if (n > k && !f.unreachable) {
      this.fail(`type mismatch: instruction requires [${valTypeToString(t)}] but stack has []`);
    }
  }

  // ---- control stack --------------------------------------------------------------------------

  pushCtrl(kind: FrameKind, params: readonly ValType[], results: readonly ValType[]): void {
    let f = this.ctrls[this.depth];
    if (f === undefined) {
      f = { kind, params, results, height: this.sp, unreachable: false, initHeight: this.initStack.length };
      this.ctrls[this.depth] = f;
    } else {
      f.kind = kind;
      f.params = params;
      f.results = results;
      f.height = this.sp;
      f.unreachable = false;
      f.initHeight = this.initStack.length;
    }
    this.depth++;
    this.pushAll(params);
  }

  /** Checks the top frame's results are exactly what the stack holds, then leaves the frame. */
  popCtrl(): Frame {
    if (this.depth === 0) this.fail('unexpected end');
    const f = this.ctrls[this.depth - 1]!;
    this.checkFrameEnd(f);
    this.resetInits(f.initHeight);
    this.depth--;
    return f;
  }

  /**
   * The stack of frame `f` must hold exactly its results. Wording as the reference interpreter's:
   * wrong or missing values are an "instruction" mismatch, values left over a "block" mismatch.
   */
  checkFrameEnd(f: Frame): void {
    const rs = f.results;
    const have = this.sp - f.height;
    const n = have < rs.length ? have : rs.length;
    let ok = have >= rs.length || f.unreachable;
    for (let i = 1; ok && i <= n; i++) ok = this.c.matches(this.vals[this.sp - i]!, rs[rs.length - i]!);
    if (!ok) {
      const top = this.vals.slice(this.sp - n, this.sp);
      this.fail(`type mismatch: instruction requires ${showTypes(rs)} but stack has ${showTypes(top)}`);
    }
    if (have > rs.length) {
      const stack = this.vals.slice(f.height, this.sp);
      this.fail(`type mismatch: block requires ${showTypes(rs)} but stack has ${showTypes(stack)}`);
    }
    this.sp = f.height;
  }

  /** Marks the rest of the current frame unreachable (after br, return, throw, unreachable). */
  setUnreachable(): void {
    const f = this.ctrls[this.depth - 1]!;
    this.sp = f.height;
    f.unreachable = true;
  }

  /** The frame a branch to label `l` targets. */
  label(l: number): Frame {
    if (l >= this.depth) this.fail(`unknown label ${l}`);
    return this.ctrls[this.depth - 1 - l]!;
  }

  /** The types a branch to frame `f` carries: the params of a loop, else its results. */
  static labelTypes(f: Frame): readonly ValType[] {
    return f.kind === FrameKind.Loop ? f.params : f.results;
  }

  // ---- locals ---------------------------------------------------------------------------------

  localType(x: number): ValType {
    if (x >= this.numLocals) this.fail(`unknown local ${x}`);
    return this.locals[x]!;
  }

  /** Records that local `x` has been set. */
  initLocal(x: number): void {
    if (this.inited[x] === 0) {
      this.inited[x] = 1;
      this.initStack.push(x);
    }
  }

  /** Forgets initialisations made since the local-initialisation stack was `h` high. */
  resetInits(h: number): void {
    const s = this.initStack;
    while (s.length > h) this.inited[s.pop()!] = 0;
  }
}

/** Text of a result type in the reference interpreter's style, e.g. `[i32 i64]`. */
export function showTypes(ts: readonly ValType[]): string {
  return `[${ts.map(valTypeToString).join(' ')}]`;
}

/** True for the types `select` without immediates accepts (numbers and vectors). */
export function isNumOrVec(t: ValType): boolean {
  return isNum(t) || t === V128;
}
