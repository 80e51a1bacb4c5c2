/**
 * Module fields in the text format (Text › Modules): binds every name first (one scan over the
 * fields), then parses type definitions, then every other field in order, expanding the
 * abbreviations (inline imports and exports, inline element and data segments, type uses) and
 * encoding function bodies and constant expressions to binary as it goes. The result is the Module
 * structure of syntax/module.ts; no name section is produced from identifiers.
 */
import { AbsHeap, refType, type AddrType, type Limits, type MemType, type TableType, type ValType } from '../syntax/types.js';
import {
  type Code, type CustomSection, type DataSegment, type ElemSegment, type Export, type Expr, type Global,
  type Import, type LocalDecl, type Module, type Table,
} from '../syntax/module.js';
import { ByteWriter } from '../encoder/writer.js';
import type { Cursor } from './cursor.js';
import { Tok, type CustomAnnotation, type Token } from './lexer.js';
import { ModuleContext, type Space } from './context.js';
import { constExpr, constExprSingle, funcBody } from './instructions.js';
import { parseNat } from './numbers.js';
import { typeField } from './types-section.js';
import { checkBranchHints, placeCustoms } from './annotations.js';
import { globalType, refTypeOf, typeUse, valType, atValType } from './valtypes.js';

type DefKind = 'func' | 'table' | 'memory' | 'global' | 'tag';
const DEF_KINDS: readonly DefKind[] = ['func', 'table', 'memory', 'global', 'tag'];
const FUNCREF_NONNULL = refType(false, AbsHeap.Func);
const FUNCREF = refType(true, AbsHeap.Func);

function expr(bytes: Uint8Array): Expr {
  return { bytes, offset: 0 };
}

/**
 * Parses module fields from the cursor up to (not including) a closing `)` or the end of input.
 * `customs` are the script's @custom annotations; those standing between these fields become
 * custom sections, any other inside the fields' range is misplaced.
 */
export function moduleFields(cur: Cursor, customs: readonly CustomAnnotation[]): Module {
  return new ModuleParser(cur, customs).parse();
}

class ModuleParser {
  private readonly c: ModuleContext;
  private readonly imports: Import[] = [];
  private readonly funcs: number[] = [];
  private readonly codes: Code[] = [];
  private readonly tables: Table[] = [];
  private readonly memories: MemType[] = [];
  private readonly globals: Global[] = [];
  private readonly tags: { typeIdx: number }[] = [];
  private readonly exports: Export[] = [];
  private readonly elems: ElemSegment[] = [];
  private readonly datas: DataSegment[] = [];
  private readonly customSections: CustomSection[] = [];
  private start: number | null = null;

  constructor(private readonly cur: Cursor, private readonly customs: readonly CustomAnnotation[]) {
    this.c = new ModuleContext(cur);
  }

  parse(): Module {
    const cur = this.cur;
    const first = cur.pos;
    const fieldStarts: number[] = [];
    while (cur.isLParen()) {
      fieldStarts.push(cur.pos);
      this.bind();
      cur.pos = fieldStarts[fieldStarts.length - 1]!;
      cur.skipGroup();
    }
    const end = cur.pos;
    if (!cur.isRParen() && cur.peek().kind !== Tok.Eof) cur.unexpected();
    this.customSections.push(...placeCustoms(cur, this.customs, first, end, fieldStarts));
    for (const p of fieldStarts) {
      cur.pos = p;
      if (cur.isField('type') || cur.isField('rec')) typeField(this.c);
    }
    this.c.explicitTypes = this.c.types.length;
    for (const p of fieldStarts) {
      cur.pos = p;
      this.field();
    }
    checkBranchHints(cur, this.customs, first, end, this.bodies);
    cur.pos = end;
    const c = this.c;
    return {
      types: c.types, recGroups: c.recGroups, imports: this.imports, funcs: this.funcs, tables: this.tables,
      memories: this.memories, globals: this.globals, tags: this.tags, exports: this.exports, start: this.start,
      elems: this.elems, datas: this.datas, dataCount: c.usesDataCount ? this.datas.length : null,
      codes: this.codes, customs: this.customSections, names: null,
    };
  }

  // ---- pass 1: names -------------------------------------------------------------------------

  private readonly defined = new Set<DefKind>();

  /** Binds the names a field defines (cursor at its `(`). */
  private bind(): void {
    const cur = this.cur;
    const c = this.c;
    const open = cur.peek();
    cur.lparen();
    const kwTok = cur.next();
    if (kwTok.kind !== Tok.Atom) cur.unexpected(kwTok);
    const kw = kwTok.text;
    switch (kw) {
      case 'type':
        c.space('type').bind(cur, cur.optId(), open);
        return;
      case 'rec':
        while (cur.isField('type')) {
          const at = cur.peek();
          const p = cur.pos;
          cur.pos += 2;
          c.space('type').bind(cur, cur.optId(), at);
          cur.pos = p;
          cur.skipGroup();
        }
        return;
      case 'func': case 'table': case 'memory': case 'global': case 'tag': {
        const idTok = cur.peek();
        const id = cur.optId();
        while (cur.isField('export')) cur.skipGroup();
        const isImport = cur.isField('import');
        this.checkImportOrder(isImport, kw, kwTok);
        c.space(kw).bind(cur, id, idTok);
        if (!isImport && (kw === 'table' || kw === 'memory')) {
          // An inline (elem …) / (data …) defines an anonymous segment.
          while (cur.isLParen() || cur.peek().kind === Tok.Atom) {
            if (cur.isField('elem')) c.space('elem').count++;
            if (cur.isField('data')) c.space('data').count++;
            if (cur.isLParen()) cur.skipGroup();
            else cur.pos++;
          }
        }
        return;
      }
      case 'import': {
        cur.string();
        cur.string();
        if (!cur.isLParen()) cur.unexpected();
        const k = cur.peek(1);
        if (k.kind !== Tok.Atom || !DEF_KINDS.includes(k.text as DefKind)) cur.unexpected(k);
        this.checkImportOrder(true, k.text as DefKind, k);
        cur.pos += 2;
        const idTok = cur.peek();
        c.space(k.text as Space).bind(cur, cur.optId(), idTok);
        return;
      }
      case 'elem': case 'data': {
        const idTok = cur.peek();
        c.space(kw).bind(cur, cur.optId(), idTok);
        return;
      }
      case 'export': case 'start':
        return;
      default:
        cur.unexpected(kwTok);
    }
  }

  private checkImportOrder(isImport: boolean, kind: DefKind, at: Token): void {
    if (!isImport) {
      this.defined.add(kind);
      return;
    }
    for (const k of ['func', 'global', 'table', 'memory'] as const) {
      if (this.defined.has(k)) this.cur.fail(`import after ${k === 'func' ? 'function' : k}`, at);
    }
  }

  /** Token ranges of function bodies, for placing branch hints. */
  private readonly bodies: [number, number][] = [];

  // ---- pass 3: fields ------------------------------------------------------------------------

  private field(): void {
    const cur = this.cur;
    cur.lparen();
    const kw = cur.next().text;
    switch (kw) {
      case 'type': case 'rec': cur.pos -= 2; cur.skipGroup(); return;
      case 'func': this.func(); break;
      case 'table': this.table(); break;
      case 'memory': this.memory(); break;
      case 'global': this.global(); break;
      case 'tag': this.tag(); break;
      case 'import': this.importField(); break;
      case 'export': this.exportField(); break;
      case 'start': {
        const at = cur.peek(-2);
        if (this.start !== null) cur.fail('multiple start sections', at);
        this.start = this.c.index('func');
        break;
      }
      case 'elem': this.elem(); break;
      case 'data': this.data(); break;
    }
    cur.rparen();
  }

  /** `(export "n")*` abbreviations, then an optional `(import "m" "n")`; returns the import names. */
  private exportsAndImport(kind: Export['kind'], index: number): [string, string] | null {
    const cur = this.cur;
    while (cur.takeField('export')) {
      this.exports.push({ name: cur.name(), kind, index });
      cur.rparen();
    }
    if (cur.takeField('import')) {
      const m = cur.name();
      const n = cur.name();
      cur.rparen();
      return [m, n];
    }
    return null;
  }

  private readonly importCounts: Record<DefKind, number> = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };

  private addImport(im: Import): void {
    this.imports.push(im);
    this.importCounts[im.desc.kind]++;
  }

  /** The index the next definition of `kind` gets (imports first). */
  private countOf(kind: DefKind): number {
    const n = this.importCounts[kind];
    switch (kind) {
      case 'func': return n + this.funcs.length;
      case 'table': return n + this.tables.length;
      case 'memory': return n + this.memories.length;
      case 'global': return n + this.globals.length;
      case 'tag': return n + this.tags.length;
    }
  }

  private func(): void {
    const cur = this.cur;
    const c = this.c;
    cur.optId();
    const index = this.countOf('func');
    const imp = this.exportsAndImport('func', index);
    const use = typeUse(c, true);
    if (imp !== null) {
      this.addImport({ module: imp[0], name: imp[1], desc: { kind: 'func', typeIdx: use.typeIdx } });
      return;
    }
    const names = new Map<string, number>();
    let n = 0;
    for (const p of use.paramNames) {
      if (p !== null) {
        if (names.has(p)) cur.fail('duplicate local');
        names.set(p, n);
      }
      n++;
    }
    const locals: LocalDecl[] = [];
    let numLocals = 0;
    const addLocal = (t: ValType): void => {
      const last = locals[locals.length - 1];
      if (last !== undefined && last.type === t) locals[locals.length - 1] = { count: last.count + 1, type: t };
      else locals.push({ count: 1, type: t });
      numLocals++;
    };
    while (cur.takeField('local')) {
      const id = cur.peek();
      if (id.kind === Tok.Id) {
        cur.pos++;
        if (names.has(id.text)) cur.fail('duplicate local', id);
        names.set(id.text, n++);
        addLocal(valType(c));
      } else {
        while (!cur.isRParen()) {
          addLocal(valType(c));
          n++;
        }
      }
      cur.rparen();
    }
    const w = new ByteWriter();
    const bodyStart = cur.pos;
    funcBody(c, { names }, w);
    this.bodies.push([bodyStart, cur.pos]);
    this.funcs.push(use.typeIdx);
    this.codes.push({ locals, numLocals, body: expr(w.finish()) });
  }

  /** `addrtype? limits`, with the range the address type allows. */
  private limits(_addr: AddrType): Limits {
    const cur = this.cur;
    // Both address types read 64-bit limits: a 32-bit limit too large is invalid, not malformed.
    const lim = 1n << 64n;
    const num = (): number => {
      const t = cur.next();
      const n = t.kind === Tok.Atom ? parseNat(t.text) : null;
      if (n === null) return cur.unexpected(t);
      if (n >= lim) cur.fail('i64 constant out of range', t);
      return Number(n);
    };
    const min = num();
    const max = cur.isNat() ? num() : null;
    return { min, max };
  }

  private addrType(): AddrType {
    if (this.cur.takeAtom('i64')) return 'i64';
    this.cur.takeAtom('i32');
    return 'i32';
  }

  private tableType(): TableType {
    const addrType = this.addrType();
    const limits = this.limits(addrType);
    return { limits, elemType: refTypeOf(this.c), addrType };
  }

  private table(): void {
    const cur = this.cur;
    const c = this.c;
    cur.optId();
    const index = this.countOf('table');
    const imp = this.exportsAndImport('table', index);
    if (imp !== null) {
      const type = this.tableType();
      this.addImport({ module: imp[0], name: imp[1], desc: { kind: 'table', type } });
      return;
    }
    if (cur.isNat() || (cur.isAtom('i64') || cur.isAtom('i32')) && cur.isNat(1)) {
      const type = this.tableType();
      const init = cur.isLParen() ? expr(constExpr(c)) : null;
      this.tables.push({ type, init });
      return;
    }
    // addrtype? reftype (elem …): the table's size is the number of elements.
    const addrType = this.addrType();
    const elemType = refTypeOf(c);
    cur.lparen();
    cur.keyword('elem');
    let seg: { funcIndices: number[] | null; exprs: Expr[] | null; type: ValType };
    if (cur.isLParen()) {
      seg = { funcIndices: null, exprs: this.elemExprs(), type: elemType };
    } else {
      const xs: number[] = [];
      while (!cur.isRParen()) xs.push(c.index('func'));
      // Plain function indices are `(ref func)` elements (the compact binary form) when the table holds
      // functions of any type; a table of typed references gets a segment of its own element type.
      const anyFunc = elemType === FUNCREF || elemType === FUNCREF_NONNULL;
      seg = { funcIndices: xs, exprs: null, type: anyFunc ? FUNCREF_NONNULL : elemType };
    }
    cur.rparen();
    const n = seg.funcIndices?.length ?? seg.exprs!.length;
    this.tables.push({ type: { limits: { min: n, max: n }, elemType, addrType }, init: null });
    const offset = expr(addrType === 'i64' ? new Uint8Array([0x42, 0x00, 0x0b]) : new Uint8Array([0x41, 0x00, 0x0b]));
    this.elems.push(makeElem('active', index, offset, seg.type, seg.funcIndices, seg.exprs));
  }

  private memType(): MemType {
    const cur = this.cur;
    const addrType = this.addrType();
    const limits = this.limits(addrType);
    let shared = false;
    if (cur.takeAtom('shared')) shared = true;
    else cur.takeAtom('unshared');
    return { limits, shared, addrType, pageSizeLog2: this.pageSize() };
  }

  private pageSize(): number {
    const cur = this.cur;
    if (!cur.takeField('pagesize')) return 16;
    const t = cur.next();
    const n = t.kind === Tok.Atom ? parseNat(t.text) : null;
    if (n === null) return cur.unexpected(t);
    if (n === 0n || (n & (n - 1n)) !== 0n || n > 1n << 32n) cur.fail('invalid custom page size', t);
    cur.rparen();
    return n.toString(2).length - 1;
  }

  private memory(): void {
    const cur = this.cur;
    cur.optId();
    const index = this.countOf('memory');
    const imp = this.exportsAndImport('memory', index);
    if (imp !== null) {
      const type = this.memType();
      this.addImport({ module: imp[0], name: imp[1], desc: { kind: 'memory', type } });
      return;
    }
    if (cur.isNat() || (cur.isAtom('i64') || cur.isAtom('i32')) && cur.isNat(1)) {
      const type = this.memType();
      this.memories.push(type);
      return;
    }
    const addrType = this.addrType();
    const pageSizeLog2 = this.pageSize();
    cur.lparen();
    cur.keyword('data');
    const bytes = this.dataStrings();
    cur.rparen();
    const pages = Math.ceil(bytes.length / 2 ** pageSizeLog2);
    this.memories.push({ limits: { min: pages, max: pages }, shared: false, addrType, pageSizeLog2 });
    const offset = expr(addrType === 'i64' ? new Uint8Array([0x42, 0x00, 0x0b]) : new Uint8Array([0x41, 0x00, 0x0b]));
    this.datas.push({ mode: 'active', memory: index, offset, bytes, form: index === 0 ? 0 : 2 });
  }

  private global(): void {
    const cur = this.cur;
    cur.optId();
    const index = this.countOf('global');
    const imp = this.exportsAndImport('global', index);
    const type = globalType(this.c);
    if (imp !== null) {
      this.addImport({ module: imp[0], name: imp[1], desc: { kind: 'global', type } });
      return;
    }
    this.globals.push({ type, init: expr(constExpr(this.c)) });
  }

  private tag(): void {
    const cur = this.cur;
    cur.optId();
    const index = this.countOf('tag');
    const imp = this.exportsAndImport('tag', index);
    const use = typeUse(this.c, false);
    if (imp !== null) {
      this.addImport({ module: imp[0], name: imp[1], desc: { kind: 'tag', typeIdx: use.typeIdx } });
      return;
    }
    this.tags.push({ typeIdx: use.typeIdx });
  }

  private importField(): void {
    const cur = this.cur;
    const c = this.c;
    const module = cur.name();
    const name = cur.name();
    cur.lparen();
    const kind = cur.next().text as DefKind;
    cur.optId();
    switch (kind) {
      case 'func':
        this.addImport({ module, name, desc: { kind, typeIdx: typeUse(c, true).typeIdx } });
        break;
      case 'tag':
        this.addImport({ module, name, desc: { kind, typeIdx: typeUse(c, false).typeIdx } });
        break;
      case 'table': {
        const type = this.tableType();
        this.addImport({ module, name, desc: { kind, type } });
        break;
      }
      case 'memory': {
        const type = this.memType();
        this.addImport({ module, name, desc: { kind, type } });
        break;
      }
      case 'global':
        this.addImport({ module, name, desc: { kind, type: globalType(c) } });
        break;
    }
    cur.rparen();
  }

  private exportField(): void {
    const cur = this.cur;
    const name = cur.name();
    cur.lparen();
    const k = cur.next();
    if (k.kind !== Tok.Atom || !DEF_KINDS.includes(k.text as DefKind)) cur.unexpected(k);
    const kind = k.text as DefKind;
    const index = this.c.index(kind);
    cur.rparen();
    this.exports.push({ name, kind, index });
  }

  /** `(offset instr*)` or a single folded instruction. */
  private offsetExpr(): Expr {
    const cur = this.cur;
    if (cur.takeField('offset')) {
      const e = constExpr(this.c);
      cur.rparen();
      return expr(e);
    }
    return expr(constExprSingle(this.c));
  }

  /** Element expressions: `(item instr*)` or a single folded instruction each. */
  private elemExprs(): Expr[] {
    const cur = this.cur;
    const out: Expr[] = [];
    while (cur.isLParen()) {
      if (cur.takeField('item')) {
        out.push(expr(constExpr(this.c)));
        cur.rparen();
      } else {
        out.push(this.offsetExpr());
      }
    }
    return out;
  }

  private elem(): void {
    const cur = this.cur;
    const c = this.c;
    cur.optId();
    let mode: ElemSegment['mode'] = 'passive';
    let table = 0;
    let offset: Expr | null = null;
    if (cur.isNat() && cur.isLParen(1)) {
      // Legacy `(elem x (offset) …)`: a bare table index.
      table = c.index('table');
      mode = 'active';
      offset = this.offsetExpr();
    } else if (cur.takeAtom('declare')) {
      mode = 'declarative';
    } else if (cur.isField('table') || cur.isField('offset') || (cur.isLParen() && !cur.isField('item') && !cur.isField('ref'))) {
      mode = 'active';
      if (cur.takeField('table')) {
        table = c.index('table');
        cur.rparen();
      }
      offset = this.offsetExpr();
    }
    // elemlist: `func x*`, `reftype elemexpr*`, or (active, legacy) `x*`.
    if (cur.takeAtom('func')) {
      const xs: number[] = [];
      while (!cur.isRParen()) xs.push(c.index('func'));
      this.elems.push(makeElem(mode, table, offset, FUNCREF_NONNULL, xs, null));
      return;
    }
    if (atValType(cur)) {
      const type = refTypeOf(c);
      this.elems.push(makeElem(mode, table, offset, type, null, this.elemExprs()));
      return;
    }
    const xs: number[] = [];
    while (!cur.isRParen()) xs.push(c.index('func'));
    if (mode !== 'active' && xs.length > 0) cur.unexpected();
    this.elems.push(makeElem(mode, table, offset, FUNCREF_NONNULL, xs, null));
  }

  private dataStrings(): Uint8Array {
    const cur = this.cur;
    const w = new ByteWriter();
    while (cur.peek().kind === Tok.String) w.bytes(cur.string());
    return w.finish();
  }

  private data(): void {
    const cur = this.cur;
    const c = this.c;
    cur.optId();
    if (cur.peek().kind === Tok.String || cur.isRParen()) {
      this.datas.push({ mode: 'passive', memory: 0, offset: null, bytes: this.dataStrings(), form: 1 });
      return;
    }
    let memory = 0;
    if (cur.isNat() && cur.isLParen(1)) {
      memory = c.index('memory'); // legacy `(data x (offset) …)`
    } else if (cur.takeField('memory')) {
      memory = c.index('memory');
      cur.rparen();
    }
    const offset = this.offsetExpr();
    this.datas.push({ mode: 'active', memory, offset, bytes: this.dataStrings(), form: memory === 0 ? 0 : 2 });
  }
}

/** Whether `e` is exactly `ref.func x end`; returns x or -1. */
function refFuncIndex(e: Expr): number {
  const b = e.bytes;
  if (b[0] !== 0xd2) return -1;
  let x = 0, shift = 0, i = 1;
  for (; i < b.length; i++) {
    x += (b[i]! & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b[i]! & 0x80) === 0) break;
  }
  return i === b.length - 2 && b[i + 1] === 0x0b ? x : -1;
}

/** Builds an element segment choosing the binary form the reference encoder would. */
function makeElem(
  mode: ElemSegment['mode'], table: number, offset: Expr | null, type: ValType,
  funcIndices: number[] | null, exprs: Expr[] | null,
): ElemSegment {
  let xs = funcIndices;
  if (xs === null && type === FUNCREF_NONNULL) {
    const idx = exprs!.map(refFuncIndex);
    if (idx.every((x) => x >= 0)) xs = idx;
  }
  if (xs !== null && type === FUNCREF_NONNULL) {
    const form = mode === 'passive' ? 1 : mode === 'declarative' ? 3 : table === 0 ? 0 : 2;
    return { mode, table, offset, type, funcIndices: Uint32Array.from(xs), exprs: null, form };
  }
  const es = exprs ?? xs!.map((x) => expr(new ByteWriter().u8(0xd2).u32(x).u8(0x0b).finish()));
  const form = mode === 'passive' ? 5 : mode === 'declarative' ? 7 : table === 0 && type === FUNCREF ? 4 : 6;
  return { mode, table, offset, type, funcIndices: null, exprs: es, form };
}
