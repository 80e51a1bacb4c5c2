/**
 * Instruction sequences in the text format's flat (unfolded) syntax, one instruction per line,
 * indented by block depth. Operators are streamed from the `Expr` bytes with the decoder's
 * InstrReader; mnemonics and immediate layouts come from the opcode table. Labels get the name
 * section's names where that cannot be misread (a name shadowed by an inner label prints as a
 * depth), everything else uses `$id`s from `DisasmNames` or plain indices.
 *
 * It does not check that the code is valid; malformed operators throw the decoder's CompileError.
 */
import { CatchKind, InstrReader } from '../decoder/instr.js';
import type { Expr } from '../syntax/module.js';
import { Op } from '../syntax/op.js';
import { Imm } from '../syntax/opcodes.js';
import { BOT } from '../syntax/types.js';
import { f32Comment, f32Text, f64Comment, f64Text, v128Text } from './literals.js';
import { ref, type DisasmNames, type IdMap } from './names.js';
import { heapTypeText, valTypeText } from './types.js';

/** What the printer needs to know about where an expression sits. */
export interface ExprContext {
  readonly names: DisasmNames;
  /** Local ids of the enclosing function (none for constant expressions). */
  readonly locals?: IdMap;
  /** Label ids of the enclosing function, by label index. */
  readonly labels?: IdMap;
}

const CATCH_NAMES = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];

/**
 * Indentation stops growing at this depth: past it, more spaces do not help a reader, and a body
 * nested a million blocks deep (which decodes) would otherwise print terabytes of spaces.
 */
const MAX_INDENT_DEPTH = 40;

/** Prints instruction sequences; one instance per expression. */
class ExprPrinter {
  /** Label id (or null) per open block, outermost first. */
  private readonly labelStack: (string | null)[] = [];
  private labelCount = 0;

  constructor(private readonly c: ExprContext, private readonly r: InstrReader) {}

  /** Label reference for branch depth `l`: its id when unambiguous, else the depth. */
  private label(l: number): string {
    const s = this.labelStack;
    const at = s.length - 1 - l;
    const id = at >= 0 ? s[at] : null;
    if (!id) return String(l);
    for (let i = at + 1; i < s.length; i++) if (s[i] === id) return String(l);
    return id;
  }

  /**
   * Opens a block: its label id (if named), remembered for branches inside. A repeated name is
   * legal text (the inner label shadows the outer); label() falls back to depths where it would mislead.
   */
  private openLabel(): string {
    const id = this.c.labels?.get(this.labelCount++) ?? null;
    this.labelStack.push(id);
    return id ? ` ${id}` : '';
  }

  private blockType(): string {
    const r = this.r;
    if (r.blockTypeIdx >= 0) return ` (type ${ref(this.c.names.types, r.blockTypeIdx)})`;
    if (r.blockType === BOT) return '';
    return ` (result ${valTypeText(r.blockType, this.c.names.types)})`;
  }

  private memarg(): string {
    const r = this.r;
    let s = r.memIndex !== 0 ? ` ${ref(this.c.names.memories, r.memIndex)}` : '';
    if (r.memOffset !== 0) {
      s += ` offset=${r.memOffset > Number.MAX_SAFE_INTEGER ? r.memOffsetBig().toString() : r.memOffset}`;
    }
    if (r.memAlign !== r.op.align) s += ` align=${(1n << BigInt(r.memAlign)).toString()}`;
    return s;
  }

  private field(typeIdx: number, fieldIdx: number): string {
    return ref(this.c.names.fields.get(typeIdx), fieldIdx);
  }

  /** Text of the operator just read (mnemonic and immediates), and its effect on nesting. */
  instrText(): string {
    const r = this.r;
    const n = this.c.names;
    const code = r.code;
    // The nullable cast variants share their mnemonic; `null` goes in the type (see HeapType below).
    const name = code === Op.ref_test_null || code === Op.ref_cast_null ? r.op.name.slice(0, -5) : r.op.name;
    switch (r.op.imm) {
      case Imm.None: case Imm.Zero: return name;
      case Imm.Block: return name + this.openLabel() + this.blockType();
      case Imm.Label: return `${name} ${this.label(r.idx)}`;
      case Imm.BrTable: return `${name} ${[...r.labels, r.idx].map((l) => this.label(l)).join(' ')}`;
      case Imm.Func: return `${name} ${ref(n.funcs, r.idx)}`;
      case Imm.CallIndirect: return `${name} ${ref(n.tables, r.idx2)} (type ${ref(n.types, r.idx)})`;
      case Imm.Type: return `${name} ${ref(n.types, r.idx)}`;
      case Imm.Local: return `${name} ${ref(this.c.locals, r.idx)}`;
      case Imm.Global: return `${name} ${ref(n.globals, r.idx)}`;
      case Imm.Table: return `${name} ${ref(n.tables, r.idx)}`;
      case Imm.Memory: return `${name} ${ref(n.memories, r.idx)}`;
      case Imm.Tag: return `${name} ${ref(n.tags, r.idx)}`;
      case Imm.Data: return `${name} ${ref(n.datas, r.idx)}`;
      case Imm.Elem: return `${name} ${ref(n.elems, r.idx)}`;
      case Imm.Memarg: return name + this.memarg();
      case Imm.MemargLane: return `${name}${this.memarg()} ${r.idx}`;
      case Imm.Lane: return `${name} ${r.idx}`;
      case Imm.I32: return `${name} ${r.i32}`;
      case Imm.I64: return `${name} ${r.i64}`;
      case Imm.F32: return `${name} ${f32Text(r.f32Bits)}${f32Comment(r.f32Bits)}`;
      case Imm.F64: return `${name} ${f64Text(r.f64Lo, r.f64Hi)}${f64Comment(r.f64Lo, r.f64Hi)}`;
      // Folded (here and for shuffles), so no parser can take the next keyword for another lane.
      case Imm.V128: return `(${name} ${v128Text(r.v128)})`;
      case Imm.Shuffle: return `(${name} ${Array.from(r.v128).join(' ')})`;
      case Imm.SelectT: return `${name} (result${r.types.map((t) => ' ' + valTypeText(t, n.types)).join('')})`;
      case Imm.HeapType:
        if (code === Op.ref_null) return `${name} ${heapTypeText(r.heapType, n.types)}`;
        return `${name} (ref ${r.nullable ? 'null ' : ''}${heapTypeText(r.heapType, n.types)})`;
      case Imm.StructField: return `${name} ${ref(n.types, r.idx)} ${this.field(r.idx, r.idx2)}`;
      case Imm.TypeCount: return `${name} ${ref(n.types, r.idx)} ${r.idx2}`;
      case Imm.TypeType: return `${name} ${ref(n.types, r.idx)} ${ref(n.types, r.idx2)}`;
      case Imm.TypeData: return `${name} ${ref(n.types, r.idx)} ${ref(n.datas, r.idx2)}`;
      case Imm.TypeElem: return `${name} ${ref(n.types, r.idx)} ${ref(n.elems, r.idx2)}`;
      // Binary order is data, memory; text order is memory, data.
      case Imm.MemoryInit: return `${name} ${ref(n.memories, r.idx2)} ${ref(n.datas, r.idx)}`;
      case Imm.MemoryCopy: return `${name} ${ref(n.memories, r.idx)} ${ref(n.memories, r.idx2)}`;
      // Binary order is elem, table; text order is table, elem.
      case Imm.TableInit: return `${name} ${ref(n.tables, r.idx2)} ${ref(n.elems, r.idx)}`;
      case Imm.TableCopy: return `${name} ${ref(n.tables, r.idx)} ${ref(n.tables, r.idx2)}`;
      case Imm.TryTable: {
        let s = name + this.openLabel() + this.blockType();
        for (let i = 0; i < r.numCatches; i++) {
          const c = r.catches[i]!;
          // Catch labels are resolved outside the try_table block itself.
          const l = this.labelOutside(c.label);
          s += c.kind === CatchKind.Catch || c.kind === CatchKind.CatchRef
            ? ` (${CATCH_NAMES[c.kind]} ${ref(n.tags, c.tag)} ${l})`
            : ` (${CATCH_NAMES[c.kind]} ${l})`;
        }
        return s;
      }
      case Imm.BrOnCast:
        return `${name} ${this.label(r.idx)} (ref ${r.nullable ? 'null ' : ''}${heapTypeText(r.heapType, n.types)})` +
          ` (ref ${r.nullable2 ? 'null ' : ''}${heapTypeText(r.heapType2, n.types)})`;
    }
    return name;
  }

  /** A label reference as seen from just outside the innermost open block. */
  private labelOutside(l: number): string {
    const top = this.labelStack.pop()!;
    const s = this.label(l);
    this.labelStack.push(top);
    return s;
  }

  /**
   * Prints the sequence as lines indented from `indent` spaces; the final `end` that closes the
   * sequence itself is not printed.
   */
  lines(indent: number): string[] {
    const r = this.r;
    const out: string[] = [];
    let depth = 0;
    while (!r.atEnd()) {
      const code = r.next();
      let pad = depth;
      let text: string;
      if (code === Op.end) {
        if (depth === 0 && r.atEnd()) break;
        depth--;
        pad = depth;
        this.labelStack.pop();
        text = 'end';
      } else if (code === Op.else || code === Op.catch || code === Op.catch_all) {
        pad = depth - 1;
        text = this.instrText();
      } else if (code === Op.delegate) {
        // `delegate` closes its `try`; its label counts from outside that block.
        depth--;
        pad = depth;
        this.labelStack.pop();
        text = `delegate ${this.label(r.idx)}`;
      } else {
        text = this.instrText();
        if (r.op.imm === Imm.Block || r.op.imm === Imm.TryTable) depth++;
      }
      out.push(' '.repeat(indent + 2 * Math.min(Math.max(pad, 0), MAX_INDENT_DEPTH)) + text);
    }
    return out;
  }
}

/** The body of a function (or any instruction sequence) as indented lines, without its final `end`. */
export function exprLines(e: Expr, c: ExprContext, indent: number): string[] {
  const r = new InstrReader(e.bytes, 0, e.bytes.length, e.offset);
  return new ExprPrinter(c, r).lines(indent);
}

/**
 * A constant expression on one line, final `end` left out. Each instruction is wrapped in
 * parentheses — a folded instruction without operands — which is how constant expressions are
 * conventionally written and cannot be misread where a field ends; a sequence with blocks (no
 * valid constant expression has one) stays flat.
 */
export function constExprText(e: Expr, c: ExprContext): string {
  const lines = exprLines(e, c, 0).map((l) => l.trim());
  const hasBlocks = lines.some((l) => l === 'end');
  return lines.map((l) => (hasBlocks || l.startsWith('(') ? l : `(${l})`)).join(' ');
}
