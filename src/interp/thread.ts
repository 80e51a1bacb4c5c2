/**
 * A thread of execution: the value stack, the explicit call frames and the fuel of one call into
 * wasm. `run()` executes until the outermost function returns (`Done`) or fuel runs short
 * (`OutOfFuel`, resumable after `addFuel`); a trap or a host exception ends the thread and is
 * thrown to the caller — the thread is then finished and nothing of it is reused, so the store
 * stays usable.
 *
 * Call frames: a wasm→wasm call never makes a JS call. A frame is (function, return pc, frame
 * base); the callee's frame base is the word where the caller put the arguments, so parameters
 * are the first locals and results come back in the same place.
 *
 * Fuel: translated with fuel on, each straight-line segment of code (from a branch target to the
 * next) costs the number of wasm instructions in it, charged when the segment is entered; if the
 * fuel left is smaller, the thread pauses there without charging. Calls, host calls and traps cost
 * nothing extra. The count depends only on the program and its inputs.
 *
 * What it does not do: async host functions or breakpoints (the pause mechanism is meant for them).
 */
import type { FuncInst, HostFuncInst, WasmFuncInst } from '../core/func.js';
import type { RawVal } from '../core/values.js';
import { Trap, TrapCode, type FrameInfo } from '../util/errors.js';
import { execute } from './exec.js';
import { ValueStack } from './stack.js';
import { translate, typesWords, valWords, type CompiledFunc } from './translate.js';
import { Iop } from './code.js';
import { readVal, writeVal } from './values.js';
import { instanceOptions } from './options.js';
import { hostCallee, hostCaller, hostCallArgWord, setHostCaller } from './host-context.js';

/** What `Thread.run` ended with. */
export const enum RunResult {
  Done = 0,
  OutOfFuel = 1,
}

/** Limits and fuel of a thread. */
export interface ThreadOptions {
  /** Fuel available (units as documented above); unlimited when absent. */
  fuel?: number;
  /** Deepest wasm call nesting before trapping with "call stack exhausted" (default 20,000). */
  maxCallDepth?: number;
  /** Largest value stack in 32-bit words. */
  maxStackWords?: number;
  /** Which loop runs the code (see `Executor`); `auto` when absent. */
  executor?: Executor;
  /**
   * Most fuel the dispatch loop holds in a local at a time (default 2^30; the rest is refilled
   * from as it runs short). Only tests set it, to exercise the refills with little work.
   */
  fuelChunk?: number;
}

/**
 * Which loop runs translated code: `switch` (exec.ts, the fastest with a JIT), `closures` (one
 * closure per op, closures/; about twice as fast as the switch loop where JS is only interpreted,
 * e.g. `node --jitless`), or `auto`: closures when the host has no `WebAssembly`, the practical
 * sign of a host without a JIT (--jitless, Lockdown Mode, Hermes, QuickJS), else switch.
 */
export type Executor = 'auto' | 'switch' | 'closures';

/** Whether `auto` picks the closure executor on this host. */
const NO_JIT = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'undefined';

/** Default limit of nested wasm calls. */
export const DEFAULT_MAX_CALL_DEPTH = 20_000;

/**
 * Limit of threads running inside one another (wasm → host → wasm → …). Each level costs JS
 * stack, so without a limit deep re-entry would end in the host engine's RangeError; with it the
 * innermost call traps with "call stack exhausted" like any other deep recursion.
 */
export const MAX_NESTED_THREADS = 200;
let nestedThreads = 0;

/** The translated code of a wasm function, translating it on first use. */
export function compiled(f: WasmFuncInst): CompiledFunc {
  let cf = f.compiled as CompiledFunc | null;
  if (cf === null) {
    cf = translate(f.instance, f.index, { fuel: instanceOptions(f.instance).fuel === true });
    f.compiled = cf;
  }
  return cf;
}

export class Thread {
  readonly stack: ValueStack;
  /** Saved frames: function, return pc, frame base. */
  readonly fFunc: WasmFuncInst[] = [];
  readonly fPc: number[] = [];
  readonly fFw: number[] = [];
  depth = 0;
  /** The running frame. */
  func: WasmFuncInst | null = null;
  pc = 0;
  fw = 0;
  fuel: number;
  /** See ThreadOptions.fuelChunk. */
  readonly fuelChunk: number;
  readonly maxCallDepth: number;
  /** Run with the closure executor (closures/run.ts) before falling back to the switch loop. */
  readonly closures: boolean;
  private entry: FuncInst | null = null;
  private done = false;
  private hostResults: RawVal[] | null = null;
  private hostArgs: RawVal[] = [];

  constructor(options: ThreadOptions = {}) {
    this.fuel = options.fuel ?? Infinity;
    this.fuelChunk = options.fuelChunk ?? 0x40000000;
    this.maxCallDepth = options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
    const ex = options.executor ?? 'auto';
    this.closures = ex === 'closures' || (ex === 'auto' && NO_JIT);
    // Start small: a thread is made per call from the host, and a 4096-word stack cost ~80 µs to
    // allocate each time (JS API calls are many and short); the stack doubles as frames need it.
    this.stack = new ValueStack(256, options.maxStackWords);
  }

  /** Adds fuel (to resume a thread paused by `OutOfFuel`). */
  addFuel(n: number): void {
    this.fuel += n;
  }

  /** Prepares a call of `func` with raw arguments; `run()` then executes it. */
  start(func: FuncInst, args: readonly RawVal[]): void {
    this.entry = func;
    this.done = false;
    if (func.kind === 'host') {
      this.hostArgs = [...args];
      return;
    }
    const cf = compiled(func);
    if (!this.stack.ensure(cf.frameWords + cf.resultWords + 4)) throw new Trap(TrapCode.StackExhausted);
    let w = 0;
    const ps = func.type.params;
    for (let i = 0; i < ps.length; i++) {
      writeVal(this.stack, w, ps[i]!, args[i]!);
      w += valWords(ps[i]!);
    }
    zeroLocals(this.stack, 0, cf);
    this.func = func;
    this.pc = 0;
    this.fw = 0;
    this.depth = 0;
  }

  /** Runs until done or out of fuel. Throws a Trap (with backtrace) or what a host function threw. */
  run(): RunResult {
    const entry = this.entry;
    if (entry === null || this.done) throw new Error('Thread.run: nothing to run');
    if (entry.kind === 'host') {
      this.done = true;
      this.hostResults = callHostRaw(entry, this.hostArgs);
      this.done = true;
      return RunResult.Done;
    }
    let r: RunResult;
    try {
      if (nestedThreads >= MAX_NESTED_THREADS) throw new Trap(TrapCode.StackExhausted);
      nestedThreads++;
      try {
        r = execute(this);
      } finally {
        nestedThreads--;
      }
    } catch (e) {
      this.done = true;
      if (e instanceof Trap && e.backtrace.length === 0) e.backtrace = this.backtrace();
      throw e;
    }
    if (r === RunResult.Done) this.done = true;
    return r;
  }

  /** The results of a finished call, in raw form. */
  results(): RawVal[] {
    const entry = this.entry!;
    if (entry.kind === 'host') return this.hostResults ?? [];
    const out: RawVal[] = [];
    let w = 0;
    for (const t of entry.type.results) {
      out.push(readVal(this.stack, w, t));
      w += valWords(t);
    }
    return out;
  }

  /** The wasm frames now active, innermost first. */
  backtrace(): FrameInfo[] {
    const frames: FrameInfo[] = [];
    const add = (f: WasmFuncInst | null, pc: number): void => {
      if (f === null) return;
      const names = f.instance.module.names;
      const info: FrameInfo = { funcIndex: f.index, codeOffset: codeOffset(f, pc) };
      const n = names?.funcs.get(f.index);
      if (n !== undefined) info.funcName = n;
      if (names?.module != null) info.moduleName = names.module;
      frames.push(info);
    };
    add(this.func, this.pc);
    for (let d = this.depth - 1; d >= 0; d--) add(this.fFunc[d]!, this.fPc[d]! - 1);
    return frames;
  }
}

/** Byte offset in the module of the op at or before `pc`, or -1. */
function codeOffset(f: WasmFuncInst, pc: number): number {
  const cf = f.compiled as CompiledFunc | null;
  if (cf === null) return -1;
  const m = cf.srcMap;
  let lo = 0, hi = (m.length >> 1) - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (m[mid * 2]! <= pc) { best = m[mid * 2 + 1]!; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

/** Zeroes the declared locals of a frame based at absolute word `fw`. */
export function zeroLocals(s: ValueStack, fw: number, cf: CompiledFunc): void {
  const from = fw + cf.paramWords, to = fw + cf.localWords;
  if (from === to) return;
  s.i32.fill(0, from, to);
  s.refs.fill(null, from, to);
}

/** Calls a host function with raw arguments, checking only the number of results. */
export function callHostRaw(f: HostFuncInst, args: RawVal[]): RawVal[] {
  const r = f.fn(args);
  const out = r === undefined || r === null ? [] : r;
  if (out.length !== f.type.results.length) {
    throw new TypeError(`host function ${f.name} returned ${out.length} values, expected ${f.type.results.length}`);
  }
  return out;
}

/** Calls host function `f` with arguments at absolute word `argw`; results are written there. */
export function callHostAt(t: Thread, f: HostFuncInst, argw: number): void {
  const s = t.stack;
  const ps = f.type.params;
  const args: RawVal[] = new Array<RawVal>(ps.length);
  let w = argw;
  for (let i = 0; i < ps.length; i++) {
    args[i] = readVal(s, w, ps[i]!);
    w += valWords(ps[i]!);
  }
  // The caller is recorded for the host (host-context.ts) and restored even when it throws.
  const prevCaller = hostCaller(), prevArgw = hostCallArgWord(), prevCallee = hostCallee();
  setHostCaller(t, argw, f);
  let results: RawVal[];
  try {
    results = callHostRaw(f, args);
  } finally {
    setHostCaller(prevCaller, prevArgw, prevCallee);
  }
  const rs = f.type.results;
  if (!s.ensure(argw + typesWords(rs))) throw new Trap(TrapCode.StackExhausted);
  w = argw;
  for (let i = 0; i < rs.length; i++) {
    writeVal(t.stack, w, rs[i]!, results[i]!);
    w += valWords(rs[i]!);
  }
}

/**
 * Enters wasm function `f` whose arguments are at absolute word `argw`; `t.pc` must already be the
 * caller's return pc.
 */
export function enterWasm(t: Thread, f: WasmFuncInst, argw: number): void {
  if (t.depth >= t.maxCallDepth) throw new Trap(TrapCode.StackExhausted);
  const cf = compiled(f);
  if (!t.stack.ensure(argw + cf.frameWords + 4)) throw new Trap(TrapCode.StackExhausted);
  const d = t.depth++;
  t.fFunc[d] = t.func!;
  t.fPc[d] = t.pc;
  t.fFw[d] = t.fw;
  zeroLocals(t.stack, argw, cf);
  t.func = f;
  t.pc = chargeEntry(t, cf.code);
  t.fw = argw;
}

/**
 * The pc a call starts the callee at: past its entry `Fuel n` op, charged here, when fuel is on
 * and suffices (one dispatch fewer per call); else 0, where that op charges or pauses itself.
 */
function chargeEntry(t: Thread, code: Int32Array): number {
  if (code[0] !== Iop.Fuel || t.fuel < code[1]!) return 0;
  t.fuel -= code[1]!;
  return 2;
}

/**
 * Returns from the running frame: `nwords` result words at frame word `src` go to the frame base.
 * Returns true when that was the outermost frame.
 */
export function returnFrom(t: Thread, src: number, nwords: number): boolean {
  const s = t.stack;
  const fw = t.fw;
  if (src !== 0) {
    const i32 = s.i32, refs = s.refs;
    for (let i = 0; i < nwords; i++) {
      i32[fw + i] = i32[fw + src + i]!;
      refs[fw + i] = refs[fw + src + i]!;
    }
  }
  if (t.depth === 0) return true;
  const d = --t.depth;
  t.func = t.fFunc[d]!;
  t.pc = t.fPc[d]!;
  t.fw = t.fFw[d]!;
  return false;
}

/**
 * A tail call: the arguments at absolute word `argw` move to the current frame base and `f`
 * replaces the running function. Returns true when the thread finished (a host callee at depth 0).
 */
export function tailCall(t: Thread, f: FuncInst, argw: number): boolean {
  const s = t.stack;
  const n = typesWords(f.type.params);
  const fw = t.fw;
  for (let i = 0; i < n; i++) {
    s.i32[fw + i] = s.i32[argw + i]!;
    s.refs[fw + i] = s.refs[argw + i]!;
  }
  if (f.kind === 'host') {
    callHostAt(t, f, fw);
    return returnFrom(t, 0, typesWords(f.type.results));
  }
  const cf = compiled(f);
  if (!s.ensure(fw + cf.frameWords + 4)) throw new Trap(TrapCode.StackExhausted);
  zeroLocals(s, fw, cf);
  t.func = f;
  t.pc = chargeEntry(t, cf.code);
  return false;
}
