/**
 * InstrReader: streams the operators of an instruction sequence (a function body or a constant
 * expression) one at a time, decoding each opcode and its immediates into fields of the reader
 * itself, so that the validator, the translator and the disassembler share one decoder and no
 * per-instruction object is allocated. It checks only the binary format (malformed input);
 * whether the immediates make sense in the module is the validator's job.
 *
 * Usage:
 *   const r = new InstrReader(expr.bytes, 0, expr.bytes.length, expr.offset);
 *   while (!r.atEnd()) { const code = r.next(); ... read r.idx, r.memOffset, ... }
 */
import { Imm, OPCODES, PREFIX_ATOMIC, PREFIX_GC, type OpInfo } from '../syntax/opcodes.js';
import { BOT, refType, type HeapType, type ValType } from '../syntax/types.js';
import { ByteReader } from './reader.js';
import { readHeapType, readValType, valTypeFromByte } from './valtype.js';

/**
 * Opcode lookup by array index instead of the table's Map: single-byte opcodes by byte, prefixed
 * ones by `(prefix - 0xFB) << 16 | sub` in a sparse array (a hot path: one lookup per operator).
 */
const SINGLE: (OpInfo | undefined)[] = new Array(256).fill(undefined);
const PREFIXED: (OpInfo | undefined)[][] = [[], [], [], []];
for (const op of OPCODES) {
  if (op.code < 0x100) SINGLE[op.code] = op;
  else PREFIXED[(op.code >>> 16) - PREFIX_GC]![op.code & 0xffff] = op;
}

/** `v128` before any v128 operator is read (a typed array per reader cost more than the reader). */
const NO_V128 = new Uint8Array(16);

/** Kinds of `try_table` catch clauses, as in the binary format. */
export const enum CatchKind {
  Catch = 0,
  CatchRef = 1,
  CatchAll = 2,
  CatchAllRef = 3,
}

export interface CatchClause {
  kind: CatchKind;
  /** Tag index (Catch, CatchRef), else -1. */
  tag: number;
  label: number;
}

export class InstrReader extends ByteReader {
  /** Bodies and constant expressions end inside a section: say so when one runs out. */
  override endReason = 'unexpected end of section or function';
  /** Code of the last operator read (see syntax/opcodes.ts). */
  code = 0;
  /** Table row of the last operator read. */
  op!: OpInfo;
  /** Absolute byte offset where the last operator started. */
  opOffset = 0;

  /** First index immediate: label, func, type, local, global, table, memory, tag, data, elem, lane. */
  idx = 0;
  /** Second index immediate: table (call_indirect), field, count, data/elem (array ops), second type/memory/table, memory (memory.init), table (table.init). */
  idx2 = 0;

  /** Block type as a value type, or BOT for the empty block type; see blockTypeIdx. */
  blockType: ValType = BOT;
  /** Block type given by a type index, or -1. */
  blockTypeIdx = -1;

  /** memarg: log2 alignment, memory index, offset (exact below 2^53, rounded above). */
  memAlign = 0;
  memIndex = 0;
  memOffset = 0;
  /** Byte position (in `bytes`) of the memarg offset's LEB, for exact 64-bit re-reading. */
  memOffsetPos = 0;

  /** i32.const value. */
  i32 = 0;
  /** i64.const value. */
  i64 = 0n;
  /** f32.const bits (signed int), f64.const bits (low and high halves). */
  f32Bits = 0;
  f64Lo = 0;
  f64Hi = 0;
  /** v128.const bytes, or i8x16.shuffle lanes: a view into the body (valid until the next read). */
  v128: Uint8Array = NO_V128;

  /** br_table targets (without the default, which is in `idx`). Reused between reads. */
  labels: number[] = [];
  /** Typed select's types. Reused between reads. */
  types: ValType[] = [];
  /** Heap type for ref.null / ref.test / ref.cast / br_on_cast (source). */
  heapType: HeapType = 0;
  /** ref.test / ref.cast nullability; br_on_cast source and target nullability. */
  nullable = false;
  heapType2: HeapType = 0;
  nullable2 = false;
  /** try_table clauses. Reused between reads. */
  catches: CatchClause[] = [];
  numCatches = 0;

  /**
   * Points the reader at another sequence, as a new reader would be: a validator streaming a
   * module's bodies one after another reuses one reader instead of allocating one per body.
   */
  reset(bytes: Uint8Array, start: number, end: number, base: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.base = base;
  }

  /** Reads the next operator and its immediates; returns its code. */
  next(): number {
    // Hot path (once per operator, also under --jitless): bytes read inline, not via u8().
    const p = this.pos;
    this.opOffset = this.base + p;
    if (p >= this.end) this.fail(this.endReason);
    const b = this.bytes[p]!;
    this.pos = p + 1;
    let code = b;
    let sub = -1;
    let op: OpInfo | undefined;
    if (b >= PREFIX_GC && b <= PREFIX_ATOMIC) {
      sub = this.u32();
      code = (b << 16) | sub;
      op = sub > 0xffff ? undefined : PREFIXED[b - PREFIX_GC]![sub];
    } else {
      op = SINGLE[b];
    }
    if (op === undefined) {
      // The interpreter's wording names the byte (and sub-opcode) in hex: "illegal opcode fc 12".
      const hex = (n: number) => n.toString(16).padStart(2, '0');
      this.fail(`illegal opcode ${hex(b)}${sub >= 0 ? ` ${hex(sub)}` : ''}`, this.opOffset - this.base);
    }
    this.code = code;
    this.op = op;
    // Most operators have no immediates; skip the call for them.
    if (op.imm !== Imm.None) this.readImmediates(op);
    return code;
  }

  private readImmediates(op: OpInfo): void {
    switch (op.imm) {
      case Imm.None:
        return;
      case Imm.Block:
        this.readBlockType();
        return;
      case Imm.Label: case Imm.Func: case Imm.Type: case Imm.Local: case Imm.Global:
      case Imm.Table: case Imm.Tag: case Imm.Data: case Imm.Elem: {
        // Most indices are one byte: skip the LEB loop for them.
        const p = this.pos;
        const x = p < this.end ? this.bytes[p]! : 0x80;
        if (x < 0x80) {
          this.idx = x;
          this.pos = p + 1;
        } else {
          this.idx = this.u32();
        }
        return;
      }
      case Imm.Memory:
        this.idx = this.u32();
        return;
      case Imm.BrTable: {
        const n = this.u32();
        // Each target takes at least one byte: refuse counts the body cannot back.
        if (n > this.remaining()) this.fail(this.endReason);
        const labels = this.labels;
        labels.length = 0;
        for (let i = 0; i < n; i++) labels.push(this.u32());
        this.idx = this.u32();
        return;
      }
      case Imm.CallIndirect: case Imm.StructField: case Imm.TypeCount: case Imm.TypeType:
      case Imm.TypeData: case Imm.TypeElem: case Imm.MemoryInit: case Imm.MemoryCopy:
      case Imm.TableInit: case Imm.TableCopy:
        this.idx = this.u32();
        this.idx2 = this.u32();
        return;
      case Imm.Memarg:
        this.readMemarg();
        return;
      case Imm.MemargLane:
        this.readMemarg();
        this.idx = this.u8();
        return;
      case Imm.Lane:
        this.idx = this.u8();
        return;
      case Imm.I32: {
        const p = this.pos;
        const x = p < this.end ? this.bytes[p]! : 0x80;
        if (x < 0x80) {
          this.i32 = x & 0x40 ? x - 0x80 : x;
          this.pos = p + 1;
        } else {
          this.i32 = this.s32();
        }
        return;
      }
      case Imm.I64:
        this.i64 = this.s64();
        return;
      case Imm.F32:
        this.f32Bits = this.bits32();
        return;
      case Imm.F64:
        this.f64Lo = this.bits32();
        this.f64Hi = this.bits32();
        return;
      case Imm.V128: case Imm.Shuffle:
        this.v128 = this.bytesView(16);
        return;
      case Imm.SelectT: {
        const n = this.u32();
        if (n > this.remaining()) this.fail(this.endReason);
        const types = this.types;
        types.length = 0;
        for (let i = 0; i < n; i++) types.push(readValType(this));
        return;
      }
      case Imm.HeapType:
        this.heapType = readHeapType(this);
        // ref.test / ref.cast encode nullability in the opcode.
        this.nullable = op.name.endsWith('_null') || op.code === 0xd0;
        return;
      case Imm.BrOnCast: {
        const at = this.pos;
        const flags = this.u8();
        if (flags > 3) this.fail('malformed br_on_cast flags', at);
        this.idx = this.u32();
        this.heapType = readHeapType(this);
        this.heapType2 = readHeapType(this);
        this.nullable = (flags & 1) !== 0;
        this.nullable2 = (flags & 2) !== 0;
        return;
      }
      case Imm.TryTable: {
        this.readBlockType();
        const n = this.u32();
        if (n > this.remaining()) this.fail(this.endReason);
        this.numCatches = n;
        for (let i = 0; i < n; i++) {
          const at = this.pos;
          const kind = this.u8();
          if (kind > 3) this.fail('malformed catch clause', at);
          const tag = kind === CatchKind.Catch || kind === CatchKind.CatchRef ? this.u32() : -1;
          const label = this.u32();
          let c = this.catches[i];
          if (c === undefined) this.catches[i] = c = { kind, tag, label };
          else { c.kind = kind; c.tag = tag; c.label = label; }
        }
        return;
      }
      case Imm.Zero: {
        const at = this.pos;
        if (this.u8() !== 0) this.fail('zero byte expected', at);
        return;
      }
    }
  }

  private readBlockType(): void {
    const at = this.pos;
    const b = this.peekU8();
    if (b === 0x40) {
      this.pos++;
      this.blockType = BOT;
      this.blockTypeIdx = -1;
      return;
    }
    // A value type is one byte that reads as a negative s33 (bit 6 set, no continuation bit); with
    // the continuation bit set, bit 6 is just a bit of a multi-byte type index (64 = 0xc0 0x00).
    if ((b & 0xc0) === 0x40) {
      this.pos++;
      this.blockType = valTypeFromByte(this, b, at);
      this.blockTypeIdx = -1;
      return;
    }
    const x = this.s33();
    // A multi-byte negative s33 is neither a value type nor a type index. The interpreter tries
    // the value-type reading last and reports the multi-byte s7 it sees there as too long.
    if (x < 0) this.fail('integer representation too long', at + 1);
    this.blockType = BOT;
    this.blockTypeIdx = x;
  }

  private readMemarg(): void {
    const at = this.pos;
    // Common case: one-byte flags (no memory index) and a one-byte offset.
    if (at + 1 < this.end) {
      const f = this.bytes[at]!;
      const o = this.bytes[at + 1]!;
      if (f < 0x40 && o < 0x80) {
        this.memIndex = 0;
        this.memAlign = f;
        this.memOffsetPos = at + 1;
        this.memOffset = o;
        this.pos = at + 2;
        return;
      }
    }
    let flags = this.u32();
    // Bit 6 says a memory index follows (multi-memory); alignment is the rest.
    if (flags & 0x40) {
      flags &= ~0x40;
      this.memIndex = this.u32();
    } else {
      this.memIndex = 0;
    }
    if (flags >= 0x40) this.fail('malformed memop flags', at);
    this.memAlign = flags;
    this.memOffsetPos = this.pos;
    this.memOffset = this.u64AsNumber();
  }

  /** The exact memarg offset of the last operator as a bigint (for memory64 offsets above 2^53). */
  memOffsetBig(): bigint {
    const save = this.pos;
    this.pos = this.memOffsetPos;
    const v = this.u64();
    this.pos = save;
    return v;
  }
}

/** Reference type helper re-exported for consumers that build `ref.null` results. */
export { refType };
