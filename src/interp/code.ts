/**
 * The interpreter's internal code: the instruction set the translator emits and the dispatch loop
 * runs. A translated function is one Int32Array of `[op, operand, operand, ...]` records.
 *
 * Operands are *word offsets relative to the frame base* (`fw`): the value stack is one ArrayBuffer
 * seen as 32-bit words; i32/f32/i64/f64 values and references take 2 words (one 8-byte slot, so
 * i64/f64 are read through 64-bit views at `(fw + w) >> 1`), v128 takes 4 consecutive words
 * (little-endian lanes, which is what the SIMD functions in interp/simd/ operate on). References
 * live in a parallel JS array indexed by the same word offset.
 *
 * Numbering: the numeric instructions and the loads/stores keep their wasm opcode (0x28–0xC4), so
 * `disassemble` and the loop need no mapping table for them; the internal control ops take
 * 0x00–0x27, `0xFC xx` instructions become `MiscBase + xx` (0xC5–0xDB) and the immediate forms
 * `ImmBase + opcode` (0xDC–0x10C), then the fused compare-and-branch ops (0x10D–0x122). The range is kept dense on purpose: V8 compiles a switch to a
 * jump table only when its cases span less than about 3× their number.
 *
 * Layouts (in words after the op):
 * - numeric unary:  dst a            numeric binary: dst a b
 * - load:           dst addr offset mem      store: addr value offset mem
 *   (offset is a u32; memory64 addresses were checked to fit 32 bits by a preceding `Addr64`)
 * - 0xFC trunc_sat: dst a;  bulk memory/table ops: see bulk.ts
 *
 * What it does not do: define the SIMD operand layout beyond `Simd` (see the loop).
 */
import { opName } from '../syntax/opcodes.js';

/** Internal ops that are not a wasm numeric/memory opcode. */
export const enum Iop {
  /** trap */
  Unreachable = 0x00,
  /** target */
  Br,
  /** cond target — jump when cond (i32 word) is non-zero */
  BrIf,
  /** cond target — jump when cond is zero */
  BrUnless,
  /** idx n t0 .. tn — jump to t[min(idx, n)] */
  BrTable,
  /** dst src nwords — copy words (and refs) upwards-safe for dst < src */
  Move,
  /** dst src — one word (i32, f32) */
  Copy1,
  /** dst src — two words (i64, f64) */
  Copy2,
  /** dst src — a reference */
  CopyRef,
  /** dst src — four words (v128) */
  Copy4,
  /** dst value */
  Const32,
  /** dst lo hi */
  Const64,
  /** dst w0 w1 w2 w3 */
  Const128,
  /** dst */
  RefNull,
  /** dst funcidx */
  RefFunc,
  /** dst src */
  RefIsNull,
  /** dst a b — i32 1 when both refs are the same */
  RefEq,
  /** src — trap "null reference" if null */
  RefAsNonNull,
  /** a b cond nwords — a := cond ? a : b */
  Select,
  /** dst globalidx */
  GlobalGet,
  /** globalidx src */
  GlobalSet,
  /** funcidx argw */
  Call,
  /** typeidx tableidx argw idxw */
  CallIndirect,
  /** typeidx argw refw */
  CallRef,
  /** funcidx argw */
  ReturnCall,
  /** typeidx tableidx argw idxw */
  ReturnCallIndirect,
  /** typeidx argw refw */
  ReturnCallRef,
  /** src nwords — results from src to the frame base, pop the frame */
  Return,
  /** n — charge n fuel units (pauses here when fuel is short) */
  Fuel,
  /** w trapcode — an i64 address/index word pair: trap with trapcode unless it fits in 32 bits */
  Addr64,
  /** trapcode — trap unconditionally */
  Trap,
  /** dst tableidx idxw */
  TableGet,
  /** tableidx idxw src */
  TableSet,
  /** dst memidx */
  MemorySize,
  /** dst memidx delta */
  MemoryGrow,
  /** src target — branch when the ref is null (br_on_null) */
  BrOnNull,
  /** src target — branch when the ref is non-null (br_on_non_null) */
  BrOnNonNull,
  /** sub dst a b c imm0 imm1 imm2 — a SIMD instruction (see interp/simd/) */
  Simd,
  /** tagidx argw — throw a new exception with the payload at argw */
  Throw,
  /** src — rethrow the exnref at src (trap on null) */
  ThrowRef,
  /** Misc (0xFC) instructions: MiscBase + subopcode. */
  MiscBase = 0xc5,
  /** a target — jump when a is zero (fused i32.eqz + br_if) */
  BrEqz = 0x10d,
  /** a target — jump when a is non-zero (fused i32.eqz + if) */
  BrNez = 0x10e,
  /** BrCmpBase + an i32 comparison opcode (0x46–0x4f): a b target — fused compare and branch. */
  BrCmpBase = 0x10f - 0x46,
  /** BrCmpImmBase + comparison opcode: a imm target — the same with an immediate right operand. */
  BrCmpImmBase = 0x119 - 0x46,
  /** sub dst a b c offset mem — an atomic instruction (0xFE prefix), see atomics.ts */
  Atomic = 0x123,
  /** sub dst o1 o2 o3 o4 o5 imm0 imm1 — a GC instruction (0xFB prefix), see gc.ts */
  Gc = 0x124,
  /** dst globalidx — global.get of an i32/f32 global (value is a number) */
  GlobalGet32 = 0x125,
  /** globalidx src — global.set of an i32/f32 global */
  GlobalSet32 = 0x126,
  /** dst a b cond — select of one-word values (i32, f32): dst := cond ? a : b */
  Select32 = 0x127,
  /** dst a b cond — select of two-word values (i64, f64) */
  Select64 = 0x128,
  /** a b cond — select of references */
  SelectRef = 0x129,
  /**
   * Scalar access whose address is a fused `i32.add` with an immediate: the load/store layout plus
   * k, the address being `(base + k) mod 2^32` (exactly as i32.add wraps) before the memarg offset.
   * Loads: dst base offset mem k; stores: base value offset mem k.
   */
  I32LoadK = 0x12a,
  F64LoadK = 0x12b,
  I32Load8UK = 0x12c,
  I32StoreK = 0x12d,
  F64StoreK = 0x12e,
  I32Store8K = 0x12f,
  /**
   * FuelBranchDelta + a fused branch (BrEqz … BrCmpImm ge_u, 0x10D–0x122), and FuelBr, FuelBrIf,
   * FuelBrUnless: with fuel on, a branch whose target is a segment's `Fuel n` op charges n itself
   * and lands after it (or, when fuel is short, on it, which then pauses). Same layout as the
   * branch; n is read from the target.
   */
  FuelBranchDelta = 0x23,
  FuelBr = 0x146,
  FuelBrIf = 0x147,
  FuelBrUnless = 0x148,
  /**
   * `i32.add` with an immediate then a compare-immediate branch on its result (ADD_BRANCH_CMPS
   * gives the comparison of each): d a k imm target — d := a + k, jump when d <cmp> imm.
   */
  AddImmBrBase = 0x149,
  /** The same after an `i32.add` of two words: d a b imm target — d := a + b, jump when d <cmp> imm. */
  AddBrBase = 0x14e,
  /**
   * f64.add, f64.sub, f64.mul (in that order from the base) with an f64.load as right operand:
   * dst a base offset mem — dst := a <op> load(base + offset). F64BinLoadK: the same after an
   * add-immediate fold, dst a base offset mem k (address `(base + k) mod 2^32 + offset`).
   */
  F64BinLoad = 0x153,
  F64BinLoadK = 0x156,
  /** dst a b s — dst := a + (b << s) (i32, wrapping): an `i32.shl` by s feeding an `i32.add`. */
  AddShl = 0x159,
  /**
   * dst x offset mem k s — i32.load at `((x << s) + k) mod 2^32 + offset`: a shift and an add of a
   * constant folded into the load (an i32 table at a constant address).
   */
  I32LoadShlK = 0x15a,
  /**
   * dst baseA offA kA baseB offB kB mem — dst := f64 at A times f64 at B, each address
   * `(base + k) mod 2^32 + off`, A read (and bounds-checked) first: two f64.loads feeding f64.mul.
   */
  F64MulLoad2 = 0x15b,
  /**
   * FuelAddBrBase + (op - AddImmBrBase): the fuel-charging forms of the add-and-branch ops above
   * (AddImmBrBase … AddBrBase + 4), as FuelBranchDelta is for the plain fused branches.
   */
  FuelAddBrBase = 0x170,
  /** ImmBase + an i32 binary opcode (0x46–0x76): dst a imm — the right operand is the immediate. */
  ImmBase = 0x96,
}

/** First and last internal code of the immediate forms. */
export const IMM_FIRST = 0xdc;
export const IMM_LAST = 0x10c;

/** Number of operand words after each op (for the disassembler and the translator's checks). */
export function operandCount(op: number, code: Int32Array, pc: number): number {
  if (op >= 0x28 && op <= 0x3e) return 4;
  if (op >= 0x45 && op <= 0xc4) return NUMERIC_ARITY[op] ?? 2;
  if (op >= Iop.MiscBase && op < Iop.MiscBase + 8) return 2;
  if (op >= IMM_FIRST && op <= IMM_LAST) return 3;
  if (op === Iop.BrEqz || op === Iop.BrNez) return 2;
  if (op >= 0x10f && op <= 0x122) return 3;
  if (op === Iop.Atomic) return 7;
  if (op === Iop.Gc) return 9;
  if (op === Iop.GlobalGet32 || op === Iop.GlobalSet32) return 2;
  if (op === Iop.Select32 || op === Iop.Select64) return 4;
  if (op === Iop.SelectRef) return 3;
  if (op >= Iop.I32LoadK && op <= Iop.I32Store8K) return 5;
  if (op >= Iop.AddImmBrBase && op < Iop.AddBrBase + ADD_BRANCH_CMPS.length) return 5;
  if (op >= Iop.F64BinLoad && op < Iop.F64BinLoad + 3) return 5;
  if (op === Iop.AddShl) return 3 + 1;
  if (op === Iop.I32LoadShlK) return 6;
  if (op === Iop.F64MulLoad2) return 8;
  if (op >= Iop.F64BinLoadK && op < Iop.F64BinLoadK + 3) return 6;
  if (isFuelled(op)) return operandCount(unfuelled(op), code, pc);
  if (op >= Iop.MiscBase && op < IMM_FIRST) return MISC_ARITY[op - Iop.MiscBase] ?? 0;
  switch (op) {
    case Iop.Unreachable: return 0;
    case Iop.Br: case Iop.Fuel: case Iop.Trap: case Iop.RefNull: case Iop.RefAsNonNull: case Iop.ThrowRef: return 1;
    case Iop.BrIf: case Iop.BrUnless: case Iop.Copy1: case Iop.Copy2: case Iop.CopyRef: case Iop.Copy4:
    case Iop.Const32: case Iop.RefFunc: case Iop.RefIsNull: case Iop.GlobalGet: case Iop.GlobalSet:
    case Iop.Call: case Iop.ReturnCall: case Iop.Return: case Iop.Throw: case Iop.MemorySize: case Iop.BrOnNonNull: case Iop.BrOnNull: case Iop.Addr64: return 2;
    case Iop.BrTable: return 2 + code[pc + 2]! + 1;
    case Iop.Move: case Iop.Const64: case Iop.RefEq: case Iop.CallRef: case Iop.ReturnCallRef:
    case Iop.TableGet: case Iop.TableSet: case Iop.MemoryGrow: return 3;
    case Iop.Select: case Iop.CallIndirect: case Iop.ReturnCallIndirect: return 4;
    case Iop.Const128: return 5;
    case Iop.Simd: return 8;
  }
  return 0;
}

/**
 * The fuel-charging form of a branch op (see Iop.FuelBranchDelta), or -1 when it has none.
 */
export function fuelled(op: number): number {
  if (op >= Iop.BrEqz && op <= Iop.BrCmpImmBase + 0x4f) return op + Iop.FuelBranchDelta;
  if (op >= Iop.Br && op <= Iop.BrUnless) return Iop.FuelBr + (op - Iop.Br);
  if (op >= Iop.AddImmBrBase && op < Iop.AddBrBase + ADD_BRANCH_CMPS.length) return Iop.FuelAddBrBase + (op - Iop.AddImmBrBase);
  return -1;
}

/** Whether `op` is a fuel-charging branch (the result of `fuelled`). */
export function isFuelled(op: number): boolean {
  return (op >= Iop.BrEqz + Iop.FuelBranchDelta && op <= Iop.FuelBrUnless) ||
    (op >= Iop.FuelAddBrBase && op < Iop.FuelAddBrBase + 2 * ADD_BRANCH_CMPS.length);
}

/** The plain branch op of a fuel-charging one. */
export function unfuelled(op: number): number {
  if (op >= Iop.FuelAddBrBase) return Iop.AddImmBrBase + (op - Iop.FuelAddBrBase);
  return op >= Iop.FuelBr ? Iop.Br + (op - Iop.FuelBr) : op - Iop.FuelBranchDelta;
}

/** The i32 comparison (wasm opcode) of each AddImmBrBase + i and AddBrBase + i op. */
export const ADD_BRANCH_CMPS: readonly number[] = [0x47, 0x48, 0x49, 0x4a, 0x4b];

/** The wasm load/store opcode of each fused `…K` op, in Iop order from I32LoadK. */
export const ADD_K_ACCESS: readonly number[] = [0x28, 0x2b, 0x2d, 0x36, 0x39, 0x3a];

/** Unary numeric ops (1 operand + dst); binary ones default to 2 operands + dst = 3. */
const NUMERIC_ARITY: Record<number, number> = {};
for (let op = 0x45; op <= 0xc4; op++) NUMERIC_ARITY[op] = 3;
for (const op of [0x45, 0x50, 0x67, 0x68, 0x69, 0x79, 0x7a, 0x7b]) NUMERIC_ARITY[op] = 2;
for (let op = 0x8b; op <= 0x91; op++) NUMERIC_ARITY[op] = 2;
for (let op = 0x99; op <= 0x9f; op++) NUMERIC_ARITY[op] = 2;
for (let op = 0xa7; op <= 0xc4; op++) NUMERIC_ARITY[op] = 2;

/** Operand words of the 0xFC bulk ops (index = subopcode); see bulk.ts for their meaning. */
const MISC_ARITY: Record<number, number> = {
  0x08: 5, 0x09: 1, 0x0a: 5, 0x0b: 4, 0x0c: 5, 0x0d: 1, 0x0e: 5, 0x0f: 4, 0x10: 2, 0x11: 4,
  0x13: 6, 0x14: 6, 0x15: 4, 0x16: 4,
};

const IOP_NAMES: Record<number, string> = {
  [Iop.Unreachable]: 'unreachable', [Iop.Br]: 'br', [Iop.BrIf]: 'br_if', [Iop.BrUnless]: 'br_unless',
  [Iop.BrTable]: 'br_table', [Iop.Move]: 'move', [Iop.Copy1]: 'copy1', [Iop.Copy2]: 'copy2',
  [Iop.CopyRef]: 'copy_ref', [Iop.Copy4]: 'copy4', [Iop.Const32]: 'const32', [Iop.Const64]: 'const64',
  [Iop.Const128]: 'const128', [Iop.RefNull]: 'ref.null', [Iop.RefFunc]: 'ref.func',
  [Iop.RefIsNull]: 'ref.is_null', [Iop.RefEq]: 'ref.eq', [Iop.RefAsNonNull]: 'ref.as_non_null',
  [Iop.Select]: 'select', [Iop.GlobalGet]: 'global.get', [Iop.GlobalSet]: 'global.set', [Iop.Call]: 'call',
  [Iop.CallIndirect]: 'call_indirect', [Iop.CallRef]: 'call_ref', [Iop.ReturnCall]: 'return_call',
  [Iop.ReturnCallIndirect]: 'return_call_indirect', [Iop.ReturnCallRef]: 'return_call_ref',
  [Iop.Return]: 'return', [Iop.Fuel]: 'fuel', [Iop.Addr64]: 'addr64', [Iop.Trap]: 'trap',
  [Iop.TableGet]: 'table.get', [Iop.TableSet]: 'table.set', [Iop.MemorySize]: 'memory.size',
  [Iop.MemoryGrow]: 'memory.grow', [Iop.BrOnNull]: 'br_on_null', [Iop.BrOnNonNull]: 'br_on_non_null',
  [Iop.Simd]: 'simd', [Iop.Throw]: 'throw', [Iop.ThrowRef]: 'throw_ref',
};

/** Name of an internal op, for traces. */
export function iopName(op: number): string {
  if (op < 0x28) return IOP_NAMES[op] ?? `<iop 0x${op.toString(16)}>`;
  if (op < Iop.MiscBase) return opName(op);
  if (op < IMM_FIRST) return opName(0xfc0000 | (op - Iop.MiscBase));
  if (op <= IMM_LAST) return `${opName(op - Iop.ImmBase)}_imm`;
  if (op === Iop.BrEqz) return 'br_if_eqz';
  if (op === Iop.BrNez) return 'br_if_nez';
  if (op >= 0x10f && op < 0x119) return `br_if_${opName(op - Iop.BrCmpBase).slice(4)}`;
  if (op >= 0x119 && op <= 0x122) return `br_if_${opName(op - Iop.BrCmpImmBase).slice(4)}_imm`;
  if (op === Iop.Atomic) return 'atomic';
  if (op === Iop.Gc) return 'gc';
  if (op === Iop.GlobalGet32) return 'global.get32';
  if (op >= Iop.I32LoadK && op <= Iop.I32Store8K) return `${opName(ADD_K_ACCESS[op - Iop.I32LoadK]!)}_add_imm`;
  if (isFuelled(op)) return `${iopName(unfuelled(op))}_fuel`;
  if (op >= Iop.AddImmBrBase && op < Iop.AddBrBase + ADD_BRANCH_CMPS.length) {
    const imm = op < Iop.AddBrBase;
    const cmp = ADD_BRANCH_CMPS[op - (imm ? Iop.AddImmBrBase : Iop.AddBrBase)]!;
    return `i32.add${imm ? '_imm' : ''}_br_if_${opName(cmp).slice(4)}_imm`;
  }
  if (op >= Iop.F64BinLoad && op < Iop.F64BinLoadK + 3) {
    const k = op >= Iop.F64BinLoadK;
    return `${opName(0xa0 + op - (k ? Iop.F64BinLoadK : Iop.F64BinLoad))}_load${k ? '_add_imm' : ''}`;
  }
  if (op === Iop.AddShl) return 'i32.add_shl';
  if (op === Iop.I32LoadShlK) return 'i32.load_shl_add_imm';
  if (op === Iop.F64MulLoad2) return 'f64.mul_load_load';
  if (op === Iop.GlobalSet32) return 'global.set32';
  if (op === Iop.Select32) return 'select32';
  if (op === Iop.Select64) return 'select64';
  if (op === Iop.SelectRef) return 'select_ref';
  return `<iop 0x${op.toString(16)}>`;
}

/** A readable listing of translated code, one op per line: `pc: name operands`. For debugging. */
export function disassemble(code: Int32Array): string {
  const lines: string[] = [];
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    const n = operandCount(op, code, pc);
    const args: number[] = [];
    for (let i = 1; i <= n; i++) args.push(code[pc + i]!);
    lines.push(`${String(pc).padStart(5)}: ${iopName(op)} ${args.join(' ')}`.trimEnd());
    pc += 1 + n;
  }
  return lines.join('\n');
}
