/**
 * wasm2wat: a `Module` as text — readable (flat instructions indented by block depth, names from
 * the name section) and parseable back into the same binary: every definition is printed with
 * explicit type indices, element and data segments in the syntax that selects their binary form,
 * floats by their exact bits, and every custom section (the name section included) as a
 * `(@custom "name" (after …) "bytes")` annotation at its original place.
 *
 * It does not validate: an invalid module prints as well as a valid one; a malformed operator in
 * a body throws the decoder's CompileError.
 */
import { SectionId, type CustomSection, type DataSegment, type ElemSegment, type Module } from '../syntax/module.js';
import type { FuncType, MemType, TableType } from '../syntax/types.js';
import { constExprText, exprLines, type ExprContext } from './instrs.js';
import { stringChunks, stringText } from './literals.js';
import { disasmNames, ref, type DisasmNames } from './names.js';
import { signatureText, typeDefText, valTypeText } from './types.js';

/** Section keywords of the custom-annotation placement syntax, by section id. */
const SECTION_KEYWORD: Record<number, string> = {
  [SectionId.Type]: 'type', [SectionId.Import]: 'import', [SectionId.Function]: 'func',
  [SectionId.Table]: 'table', [SectionId.Memory]: 'memory', [SectionId.Global]: 'global',
  [SectionId.Export]: 'export', [SectionId.Start]: 'start', [SectionId.Element]: 'elem',
  [SectionId.Code]: 'code', [SectionId.Data]: 'data', [SectionId.DataCount]: 'datacount',
  [SectionId.Tag]: 'tag',
};

/**
 * A limit as text. Limits are numbers, exact below 2^53; a u64 limit that rounded up to 2^64
 * (only 2^64 - 2048 … 2^64 - 1 do) prints as the largest u64, the usual way of writing "no limit".
 */
function limitText(v: number): string {
  return v >= 2 ** 64 ? '18446744073709551615' : String(v);
}

/**
 * The text format has no repeat count for locals, so each is a token; a declaration of billions
 * (which decodes in a few bytes) cannot be printed. Far above anything an engine accepts.
 */
const MAX_PRINTED_LOCALS = 10_000_000;

/**
 * Disassembles `m` into the text format.
 * @throws CompileError('malformed') when a function body holds a malformed operator
 * @throws RangeError when a function declares more than 10,000,000 locals (see MAX_PRINTED_LOCALS)
 */
export function wasm2wat(m: Module): string {
  return new ModulePrinter(m).print();
}

class ModulePrinter {
  private readonly n: DisasmNames;
  private readonly out: string[] = [];

  constructor(private readonly m: Module) {
    this.n = disasmNames(m);
  }

  print(): string {
    const { m, out } = this;
    out.push(this.n.module ? `(module ${this.n.module}` : '(module');
    this.types();
    this.imports();
    m.funcs.forEach((_, i) => this.func(i));
    m.tables.forEach((t, i) => this.table(t.type, this.importCount('table') + i, t.init));
    m.memories.forEach((t, i) => this.memory(t, this.importCount('memory') + i));
    m.tags.forEach((t, i) => this.tag(t.typeIdx, this.importCount('tag') + i));
    m.globals.forEach((g, i) => {
      const x = this.importCount('global') + i;
      out.push(`  (global${this.def(this.n.globals, x)} ${this.globalType(g.type.type, g.type.mutable)} ${this.constExpr(g.init)})`);
    });
    for (const e of m.exports) {
      const space = { func: this.n.funcs, table: this.n.tables, memory: this.n.memories, global: this.n.globals, tag: this.n.tags }[e.kind];
      out.push(`  (export ${stringText(new TextEncoder().encode(e.name))} (${e.kind} ${ref(space, e.index)}))`);
    }
    if (m.start !== null) out.push(`  (start ${ref(this.n.funcs, m.start)})`);
    m.elems.forEach((e, i) => this.elem(e, i));
    m.datas.forEach((d, i) => this.data(d, i));
    for (const c of m.customs) this.custom(c);
    out.push(')');
    return out.join('\n') + '\n';
  }

  /** ` $id` for a definition, or ` (;index;)` so a reader can still count. */
  private def(ids: Map<number, string>, x: number): string {
    const id = ids.get(x);
    return id ? ` ${id}` : ` (;${x};)`;
  }

  private importCount(kind: string): number {
    let k = 0;
    for (const im of this.m.imports) if (im.desc.kind === kind) k++;
    return k;
  }

  private constExpr(e: { bytes: Uint8Array; offset: number }): string {
    return constExprText(e, { names: this.n });
  }

  private types(): void {
    const { m, out, n } = this;
    for (const g of m.recGroups) {
      const defs: string[] = [];
      for (let i = g.start; i < g.start + g.count; i++) defs.push(typeDefText(m.types[i]!, i, n.types, n.fields.get(i)));
      if (g.count === 1) {
        out.push(`  ${defs[0]}`);
      } else {
        out.push('  (rec');
        for (const d of defs) out.push(`    ${d}`);
        out.push('  )');
      }
    }
  }

  private funcType(typeIdx: number): FuncType | null {
    const t = this.m.types[typeIdx];
    return t && t.comp.kind === 'func' ? t.comp : null;
  }

  /** `(type x)` plus the signature clauses when the type is a known function type. */
  private typeUse(typeIdx: number, paramIds?: Map<number, string>): string {
    const ft = this.funcType(typeIdx);
    const sig = ft ? signatureText(ft.params, ft.results, this.n.types, paramIds) : '';
    return `(type ${ref(this.n.types, typeIdx)})${sig ? ' ' + sig : ''}`;
  }

  private limitsText(addr: 'i32' | 'i64', min: number, max: number | null): string {
    return `${addr === 'i64' ? 'i64 ' : ''}${limitText(min)}${max !== null ? ` ${limitText(max)}` : ''}`;
  }

  private tableTypeText(t: TableType): string {
    return `${this.limitsText(t.addrType, t.limits.min, t.limits.max)} ${valTypeText(t.elemType, this.n.types)}`;
  }

  private memTypeText(t: MemType): string {
    let s = this.limitsText(t.addrType, t.limits.min, t.limits.max);
    if (t.shared) s += ' shared';
    if (t.pageSizeLog2 !== 16) s += ` (pagesize ${2 ** t.pageSizeLog2})`;
    return s;
  }

  private globalType(t: number, mutable: boolean): string {
    const s = valTypeText(t, this.n.types);
    return mutable ? `(mut ${s})` : s;
  }

  private imports(): void {
    const { m, n, out } = this;
    const counts = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
    for (const im of m.imports) {
      const x = counts[im.desc.kind]++;
      const d = im.desc;
      let desc: string;
      switch (d.kind) {
        case 'func': desc = `(func${this.def(n.funcs, x)} ${this.typeUse(d.typeIdx, n.locals.get(x))})`; break;
        case 'table': desc = `(table${this.def(n.tables, x)} ${this.tableTypeText(d.type)})`; break;
        case 'memory': desc = `(memory${this.def(n.memories, x)} ${this.memTypeText(d.type)})`; break;
        case 'global': desc = `(global${this.def(n.globals, x)} ${this.globalType(d.type.type, d.type.mutable)})`; break;
        case 'tag': desc = `(tag${this.def(n.tags, x)} ${this.typeUse(d.typeIdx)})`; break;
      }
      const enc = new TextEncoder();
      out.push(`  (import ${stringText(enc.encode(im.module))} ${stringText(enc.encode(im.name))} ${desc})`);
    }
  }

  private func(i: number): void {
    const { m, n, out } = this;
    const x = this.importCount('func') + i;
    const typeIdx = m.funcs[i]!;
    const code = m.codes[i];
    const localIds = n.locals.get(x);
    out.push(`  (func${this.def(n.funcs, x)} ${this.typeUse(typeIdx, localIds)}`);
    if (!code) {
      out.push('  )');
      return;
    }
    if (code.numLocals > MAX_PRINTED_LOCALS) {
      throw new RangeError(`wasm2wat: function ${x} declares ${code.numLocals} locals, more than can be printed`);
    }
    const numParams = this.funcType(typeIdx)?.params.length ?? 0;
    let li = numParams;
    for (const decl of code.locals) {
      // Unnamed runs print as one `(local t t …)`; named locals one by one.
      const t = valTypeText(decl.type, n.types);
      let run: string[] = [];
      for (let k = 0; k < decl.count; k++, li++) {
        const id = localIds?.get(li);
        if (id) {
          if (run.length) { out.push(`    (local ${run.join(' ')})`); run = []; }
          out.push(`    (local ${id} ${t})`);
        } else {
          run.push(t);
        }
      }
      if (run.length) out.push(`    (local ${run.join(' ')})`);
    }
    const ctx: ExprContext = { names: n, locals: localIds, labels: n.labels.get(x) };
    // A loop, not push(...lines): a body can have more lines than a call can take arguments.
    for (const line of exprLines(code.body, ctx, 4)) out.push(line);
    out.push('  )');
  }

  private table(t: TableType, x: number, init: { bytes: Uint8Array; offset: number } | null): void {
    const initText = init ? ` ${this.constExpr(init)}` : '';
    this.out.push(`  (table${this.def(this.n.tables, x)} ${this.tableTypeText(t)}${initText})`);
  }

  private memory(t: MemType, x: number): void {
    this.out.push(`  (memory${this.def(this.n.memories, x)} ${this.memTypeText(t)})`);
  }

  private tag(typeIdx: number, x: number): void {
    this.out.push(`  (tag${this.def(this.n.tags, x)} ${this.typeUse(typeIdx)})`);
  }

  /**
   * Element segments in the syntax that selects their binary form: the legacy `(elem (offset) x*)`
   * for form 0, an explicit `(table x)` only for forms 2 and 6, `func x*` for index lists and a
   * reference type with `(item …)` expressions for forms 4–7.
   */
  private elem(e: ElemSegment, i: number): void {
    const n = this.n;
    let s = `  (elem${this.def(n.elems, i)}`;
    if (e.mode === 'declarative') s += ' declare';
    if (e.mode === 'active') {
      if (e.form === 2 || e.form === 6) s += ` (table ${ref(n.tables, e.table)})`;
      s += ` (offset ${this.constExpr(e.offset!)})`;
    }
    if (e.funcIndices) {
      if (e.form !== 0) s += ' func';
      for (const f of e.funcIndices) s += ` ${ref(n.funcs, f)}`;
    } else {
      s += ` ${valTypeText(e.type, n.types)}`;
      for (const x of e.exprs!) s += ` (item ${this.constExpr(x)})`;
    }
    this.out.push(s + ')');
  }

  private data(d: DataSegment, i: number): void {
    const n = this.n;
    let s = `  (data${this.def(n.datas, i)}`;
    if (d.mode === 'active') {
      if (d.form === 2) s += ` (memory ${ref(n.memories, d.memory)})`;
      s += ` (offset ${this.constExpr(d.offset!)})`;
    }
    this.out.push(`${s} ${stringChunks(d.bytes).join(' ')})`);
  }

  private custom(c: CustomSection): void {
    const place = c.after === 0 ? '(before first)' : `(after ${SECTION_KEYWORD[c.after]})`;
    const name = stringText(new TextEncoder().encode(c.name));
    this.out.push(`  (@custom ${name} ${place} ${stringChunks(c.bytes).join(' ')})`);
  }
}
