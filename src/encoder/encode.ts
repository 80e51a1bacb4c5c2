/**
 * encodeModule: the binary format (Binary › Modules) of a Module structure. Sections are written in
 * the spec's order, empty ones omitted; custom sections go back after the section they followed;
 * element and data segments keep the encoding `form` they carry, so decode → encode round-trips.
 * Function bodies and constant expressions are already bytes and are copied as they are.
 * It does not validate: whatever the structure says is written, even if invalid.
 */
import type { CompType, ExternType, GlobalType, Limits, MemType, SubType, TableType } from '../syntax/types.js';
import { SectionId, type Module, type ElemSegment, type DataSegment, type Expr } from '../syntax/module.js';
import { ByteWriter } from './writer.js';

/** Position of each known section in the binary order, by section id. */
const ORDER: readonly SectionId[] = [
  SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory, SectionId.Tag,
  SectionId.Global, SectionId.Export, SectionId.Start, SectionId.Element, SectionId.DataCount,
  SectionId.Code, SectionId.Data,
];

const EXTERN_KIND: Record<ExternType['kind'], number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

/** The binary encoding of `m`. */
export function encodeModule(m: Module): Uint8Array {
  const out = new ByteWriter();
  out.bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  writeCustoms(out, m, 0);
  for (const id of ORDER) {
    // A custom section placed after a section that is empty keeps it, so its place survives decoding.
    const body = sectionBody(m, id) ?? (m.customs.some((c) => c.after === id) ? emptySection(id) : null);
    if (body !== null) out.u8(id).vecBytes(body);
    writeCustoms(out, m, id);
  }
  return out.finish();
}

/** An empty section: a zero count (start and data count have no empty form and are never forced). */
function emptySection(id: SectionId): Uint8Array | null {
  return id === SectionId.Start || id === SectionId.DataCount ? null : new Uint8Array([0]);
}

function writeCustoms(out: ByteWriter, m: Module, after: number): void {
  for (const c of m.customs) {
    if (c.after !== after) continue;
    const w = new ByteWriter().name(c.name).bytes(c.bytes);
    out.u8(SectionId.Custom).vecBytes(w.finish());
  }
}

/** A section's contents, or null when the section is absent. */
function sectionBody(m: Module, id: SectionId): Uint8Array | null {
  const w = new ByteWriter();
  switch (id) {
    case SectionId.Type:
      if (m.types.length === 0) return null;
      writeTypes(w, m);
      break;
    case SectionId.Import:
      if (m.imports.length === 0) return null;
      w.u32(m.imports.length);
      for (const im of m.imports) {
        w.name(im.module).name(im.name);
        writeExternType(w, im.desc);
      }
      break;
    case SectionId.Function:
      if (m.funcs.length === 0) return null;
      w.u32(m.funcs.length);
      for (const x of m.funcs) w.u32(x);
      break;
    case SectionId.Table:
      if (m.tables.length === 0) return null;
      w.u32(m.tables.length);
      for (const t of m.tables) {
        if (t.init !== null) {
          w.u8(0x40).u8(0x00);
          writeTableType(w, t.type);
          writeExpr(w, t.init);
        } else {
          writeTableType(w, t.type);
        }
      }
      break;
    case SectionId.Memory:
      if (m.memories.length === 0) return null;
      w.u32(m.memories.length);
      for (const mt of m.memories) writeMemType(w, mt);
      break;
    case SectionId.Tag:
      if (m.tags.length === 0) return null;
      w.u32(m.tags.length);
      for (const t of m.tags) w.u8(0x00).u32(t.typeIdx);
      break;
    case SectionId.Global:
      if (m.globals.length === 0) return null;
      w.u32(m.globals.length);
      for (const g of m.globals) {
        writeGlobalType(w, g.type);
        writeExpr(w, g.init);
      }
      break;
    case SectionId.Export:
      if (m.exports.length === 0) return null;
      w.u32(m.exports.length);
      for (const e of m.exports) w.name(e.name).u8(EXTERN_KIND[e.kind]).u32(e.index);
      break;
    case SectionId.Start:
      if (m.start === null) return null;
      w.u32(m.start);
      break;
    case SectionId.Element:
      if (m.elems.length === 0) return null;
      w.u32(m.elems.length);
      for (const e of m.elems) writeElem(w, e);
      break;
    case SectionId.DataCount:
      if (m.dataCount === null) return null;
      w.u32(m.dataCount);
      break;
    case SectionId.Code:
      if (m.codes.length === 0) return null;
      w.u32(m.codes.length);
      for (const c of m.codes) {
        const f = new ByteWriter();
        f.u32(c.locals.length);
        for (const l of c.locals) f.u32(l.count).valType(l.type);
        f.bytes(c.body.bytes);
        w.vecBytes(f.finish());
      }
      break;
    case SectionId.Data:
      if (m.datas.length === 0) return null;
      w.u32(m.datas.length);
      for (const d of m.datas) writeData(w, d);
      break;
    default:
      return null;
  }
  return w.finish();
}

function writeTypes(w: ByteWriter, m: Module): void {
  w.u32(m.recGroups.length);
  for (const g of m.recGroups) {
    if (g.count !== 1) w.u8(0x4e).u32(g.count);
    for (let i = g.start; i < g.start + g.count; i++) writeSubType(w, m.types[i]!);
  }
}

function writeSubType(w: ByteWriter, st: SubType): void {
  if (!st.final || st.supers.length > 0) {
    w.u8(st.final ? 0x4f : 0x50).u32(st.supers.length);
    for (const s of st.supers) w.u32(s);
  }
  writeCompType(w, st.comp);
}

function writeCompType(w: ByteWriter, ct: CompType): void {
  switch (ct.kind) {
    case 'func':
      w.u8(0x60).u32(ct.params.length);
      for (const t of ct.params) w.valType(t);
      w.u32(ct.results.length);
      for (const t of ct.results) w.valType(t);
      return;
    case 'struct':
      w.u8(0x5f).u32(ct.fields.length);
      for (const f of ct.fields) w.valType(f.type).u8(f.mutable ? 1 : 0);
      return;
    case 'array':
      w.u8(0x5e).valType(ct.field.type).u8(ct.field.mutable ? 1 : 0);
      return;
  }
}

function writeExternType(w: ByteWriter, d: ExternType): void {
  w.u8(EXTERN_KIND[d.kind]);
  switch (d.kind) {
    case 'func': w.u32(d.typeIdx); return;
    case 'table': writeTableType(w, d.type); return;
    case 'memory': writeMemType(w, d.type); return;
    case 'global': writeGlobalType(w, d.type); return;
    case 'tag': w.u8(0x00).u32(d.typeIdx); return;
  }
}

/** Limits are plain numbers (see syntax/types.ts): values past 2^64 - 1 after rounding are clamped. */
function writeLimit(w: ByteWriter, n: number): void {
  if (n <= Number.MAX_SAFE_INTEGER) w.u32(n);
  else w.u64(BigInt(n) > U64_MAX ? U64_MAX : BigInt(n));
}
const U64_MAX = (1n << 64n) - 1n;

function writeLimits(w: ByteWriter, l: Limits, flags: number): void {
  w.u8(flags | (l.max !== null ? 1 : 0));
  writeLimit(w, l.min);
  if (l.max !== null) writeLimit(w, l.max);
}

function writeTableType(w: ByteWriter, t: TableType): void {
  w.valType(t.elemType);
  writeLimits(w, t.limits, t.addrType === 'i64' ? 4 : 0);
}

function writeMemType(w: ByteWriter, t: MemType): void {
  const custom = t.pageSizeLog2 !== 16;
  writeLimits(w, t.limits, (t.shared ? 2 : 0) | (t.addrType === 'i64' ? 4 : 0) | (custom ? 8 : 0));
  if (custom) w.u32(t.pageSizeLog2);
}

function writeGlobalType(w: ByteWriter, t: GlobalType): void {
  w.valType(t.type).u8(t.mutable ? 1 : 0);
}

function writeExpr(w: ByteWriter, e: Expr): void {
  w.bytes(e.bytes);
}

function writeElem(w: ByteWriter, e: ElemSegment): void {
  const form = e.form;
  w.u32(form);
  // Bit 0: passive/declarative; bit 1: explicit table (active) or declarative; bit 2: expressions.
  const active = (form & 1) === 0;
  if (active && (form & 2) !== 0) w.u32(e.table);
  if (active) writeExpr(w, e.offset!);
  if ((form & 3) !== 0) {
    if ((form & 4) !== 0) w.valType(e.type);
    else w.u8(0x00); // elemkind funcref
  }
  if (e.funcIndices !== null) {
    w.u32(e.funcIndices.length);
    for (const x of e.funcIndices) w.u32(x);
  } else {
    const exprs = e.exprs ?? [];
    w.u32(exprs.length);
    for (const x of exprs) writeExpr(w, x);
  }
}

function writeData(w: ByteWriter, d: DataSegment): void {
  w.u32(d.form);
  if (d.form === 2) w.u32(d.memory);
  if (d.form !== 1) writeExpr(w, d.offset!);
  w.vecBytes(d.bytes);
}
