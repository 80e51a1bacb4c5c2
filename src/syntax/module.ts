/**
 * The module structure (Structure › Modules): what the decoder produces from bytes and the text
 * parser produces from WAT, and what the encoder turns back into bytes. No behaviour lives here.
 *
 * Instruction sequences (function bodies, constant expressions) are kept in their binary encoding
 * (`Expr`): the validator, translator and disassembler stream operators out of them with
 * `decoder/instr.ts`, so no per-instruction objects are ever built for a module.
 *
 * Short names used across the code base: `x` index, `t` value type, `ft` function type,
 * `c` validation context, `pc` program counter, `sp` stack pointer.
 */
import type {
  ExternType, GlobalType, MemType, RecGroup, SubType, TableType, TagType, ValType,
} from './types.js';

/**
 * An instruction sequence in binary form, ending with its `end` opcode (0x0B).
 * `offset` is the byte offset of `bytes[0]` within the module binary it came from (0 when the
 * sequence was built from text and has no binary yet).
 */
export interface Expr {
  readonly bytes: Uint8Array;
  readonly offset: number;
}

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ExternType;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternType['kind'];
  readonly index: number;
}

export interface Table {
  readonly type: TableType;
  /** Initialiser for every element (typed function references); null means "ref.null of the element type". */
  readonly init: Expr | null;
}

export interface Global {
  readonly type: GlobalType;
  readonly init: Expr;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

export interface ElemSegment {
  readonly mode: SegmentMode;
  /** Table index (active segments). */
  readonly table: number;
  /** Offset expression (active segments only). */
  readonly offset: Expr | null;
  /** The element reference type. */
  readonly type: ValType;
  /**
   * The elements: either function indices (the compact binary forms 0–3) or expressions.
   * Exactly one of the two is non-null.
   */
  readonly funcIndices: Uint32Array | null;
  readonly exprs: readonly Expr[] | null;
  /** Binary encoding form (0–7) it was decoded from, kept so the encoder can round-trip it. */
  readonly form: number;
}

export interface DataSegment {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offset: Expr | null;
  readonly bytes: Uint8Array;
  /** Binary encoding form (0–2) it was decoded from, kept so the encoder can round-trip it. */
  readonly form: number;
}

/** A run of locals of one type, as declared. */
export interface LocalDecl {
  readonly count: number;
  readonly type: ValType;
}

export interface Code {
  readonly locals: readonly LocalDecl[];
  /** Total number of declared locals (not counting parameters). */
  readonly numLocals: number;
  readonly body: Expr;
}

export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Where it stood: after the section with this id (0 = before all known sections). */
  readonly after: number;
}

/** The name section's contents (only the subsections purewasm uses; unknown ones are skipped). */
export interface NameSection {
  module: string | null;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
  labels: Map<number, Map<number, string>>;
  types: Map<number, string>;
  fields: Map<number, Map<number, string>>;
  tables: Map<number, string>;
  memories: Map<number, string>;
  globals: Map<number, string>;
  elems: Map<number, string>;
  datas: Map<number, string>;
  tags: Map<number, string>;
}

/**
 * A decoded (or parsed) module. Index spaces put imports first: `funcs`, `tables`, `memories`,
 * `globals` and `tags` hold only the module's own definitions.
 */
export interface Module {
  /** All defined types in order (the flat type index space). */
  readonly types: readonly SubType[];
  /** Recursion groups partitioning `types`. */
  readonly recGroups: readonly RecGroup[];
  readonly imports: readonly Import[];
  /** Type index of each defined function. */
  readonly funcs: readonly number[];
  readonly tables: readonly Table[];
  readonly memories: readonly MemType[];
  readonly globals: readonly Global[];
  readonly tags: readonly TagType[];
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  /** The data count section's value, or null when the section is absent. */
  readonly dataCount: number | null;
  readonly codes: readonly Code[];
  readonly customs: readonly CustomSection[];
  /** Parsed name section, or null. A malformed name section is ignored, as the spec allows. */
  readonly names: NameSection | null;
}

/** Section ids of the binary format. */
export const enum SectionId {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
  Tag = 13,
}

/** Counts of each index space including imports, computed once per module. */
export interface IndexSpaces {
  funcs: number;
  tables: number;
  memories: number;
  globals: number;
  tags: number;
  importedFuncs: number;
  importedTables: number;
  importedMemories: number;
  importedGlobals: number;
  importedTags: number;
}

/** Sizes of the index spaces of `m` (imports first, then definitions). */
export function indexSpaces(m: Module): IndexSpaces {
  let f = 0, t = 0, me = 0, g = 0, tg = 0;
  for (const im of m.imports) {
    switch (im.desc.kind) {
      case 'func': f++; break;
      case 'table': t++; break;
      case 'memory': me++; break;
      case 'global': g++; break;
      case 'tag': tg++; break;
    }
  }
  return {
    funcs: f + m.funcs.length, tables: t + m.tables.length, memories: me + m.memories.length,
    globals: g + m.globals.length, tags: tg + m.tags.length,
    importedFuncs: f, importedTables: t, importedMemories: me, importedGlobals: g, importedTags: tg,
  };
}

/** An empty name section to fill in. */
export function emptyNames(): NameSection {
  return {
    module: null, funcs: new Map(), locals: new Map(), labels: new Map(), types: new Map(),
    fields: new Map(), tables: new Map(), memories: new Map(), globals: new Map(), elems: new Map(),
    datas: new Map(), tags: new Map(),
  };
}
