/**
 * `purewasm inspect`: a summary of a binary module — its sections with offsets and sizes (read
 * from the section headers, so it also works on modules that do not validate), then the types,
 * imports, exports and function count from the decoded module. Text only; no execution.
 */
import { ByteReader } from '../decoder/reader.js';
import { decodeModule } from '../decoder/index.js';
import type { Module } from '../syntax/module.js';
import { valTypeToString, type ExternType, type SubType } from '../syntax/types.js';

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];

/** One section header: id, name, where its contents start, and their size. */
export interface SectionInfo {
  id: number;
  name: string;
  offset: number;
  size: number;
}

/** The section headers of a binary module, in order (custom sections with their own names). */
export function listSections(bytes: Uint8Array): SectionInfo[] {
  const r = new ByteReader(bytes);
  r.pos = 8; // magic and version were checked by decodeModule
  const out: SectionInfo[] = [];
  while (r.pos < bytes.length) {
    const id = r.u8();
    const size = r.u32();
    const offset = r.pos;
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) name = `custom "${r.name()}"`;
    out.push({ id, name, offset, size });
    r.pos = offset + size;
  }
  return out;
}

function funcSig(m: Module, typeIdx: number): string {
  const st: SubType | undefined = m.types[typeIdx];
  if (st === undefined || st.comp.kind !== 'func') return `type ${typeIdx}`;
  const ps = st.comp.params.map(valTypeToString).join(' ');
  const rs = st.comp.results.map(valTypeToString).join(' ');
  return `[${ps}] -> [${rs}]`;
}

function describeExtern(m: Module, d: ExternType): string {
  switch (d.kind) {
    case 'func': return `func ${funcSig(m, d.typeIdx)}`;
    case 'tag': return `tag ${funcSig(m, d.typeIdx)}`;
    case 'global': return `global ${d.type.mutable ? 'mut ' : ''}${valTypeToString(d.type.type)}`;
    case 'memory': {
      const l = d.type.limits;
      return `memory ${d.type.addrType === 'i64' ? 'i64 ' : ''}${l.min}${l.max === null ? '' : ' ' + l.max}${d.type.shared ? ' shared' : ''}`;
    }
    case 'table': {
      const l = d.type.limits;
      return `table ${l.min}${l.max === null ? '' : ' ' + l.max} ${valTypeToString(d.type.elemType)}`;
    }
  }
}

function describeType(st: SubType, i: number, m: Module): string {
  const c = st.comp;
  if (c.kind === 'func') return `  ${i}: func ${funcSig(m, i)}`;
  if (c.kind === 'struct') return `  ${i}: struct (${c.fields.map((f) => (f.mutable ? 'mut ' : '') + valTypeToString(f.type)).join(', ')})`;
  return `  ${i}: array ${c.field.mutable ? 'mut ' : ''}${valTypeToString(c.field.type)}`;
}

/** The report printed by `purewasm inspect` for `bytes`; throws CompileError for malformed input. */
export function inspect(bytes: Uint8Array): string {
  const m = decodeModule(bytes);
  const lines: string[] = [`module: ${bytes.length} bytes${m.names?.module ? `, name "${m.names.module}"` : ''}`, 'sections:'];
  for (const s of listSections(bytes)) {
    lines.push(`  ${s.name.padEnd(24)} offset 0x${s.offset.toString(16).padStart(6, '0')}  size ${s.size}`);
  }
  lines.push(`types: ${m.types.length}`);
  m.types.forEach((st, i) => lines.push(describeType(st, i, m)));
  lines.push(`imports: ${m.imports.length}`);
  for (const im of m.imports) lines.push(`  "${im.module}" "${im.name}": ${describeExtern(m, im.desc)}`);
  const importedFuncs = m.imports.filter((im) => im.desc.kind === 'func').length;
  lines.push(`functions: ${m.funcs.length} defined, ${importedFuncs} imported`);
  const bodyBytes = m.codes.reduce((n, c) => n + c.body.bytes.length, 0);
  lines.push(`code: ${bodyBytes} bytes of function bodies`);
  lines.push(`exports: ${m.exports.length}`);
  for (const ex of m.exports) {
    const desc = ex.kind === 'func' ? `func ${ex.index} ${funcSig(m, funcTypeIdx(m, ex.index, importedFuncs))}` : `${ex.kind} ${ex.index}`;
    lines.push(`  "${ex.name}": ${desc}`);
  }
  if (m.start !== null) lines.push(`start: func ${m.start}`);
  lines.push(`memories: ${m.memories.length}, tables: ${m.tables.length}, globals: ${m.globals.length}, data segments: ${m.datas.length}, element segments: ${m.elems.length}`);
  return lines.join('\n');
}

/** Type index of function `idx` (imports first). */
function funcTypeIdx(m: Module, idx: number, importedFuncs: number): number {
  if (idx < importedFuncs) {
    let k = 0;
    for (const im of m.imports) {
      if (im.desc.kind !== 'func') continue;
      if (k++ === idx) return im.desc.typeIdx;
    }
  }
  return m.funcs[idx - importedFuncs] ?? -1;
}
