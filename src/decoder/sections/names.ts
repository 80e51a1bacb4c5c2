/**
 * The `name` custom section (Appendix › Custom Sections › Name Section, with the extended-name
 * subsections): module, function, local, label, type, table, memory, global, element, data, field
 * and tag names. The spec lets an engine ignore a malformed name section, so `readNameSection`
 * returns null instead of throwing; subsections it does not know are skipped.
 */
import { emptyNames, type NameSection } from '../../syntax/module.js';
import { CompileError } from '../../util/errors.js';
import { ByteReader } from '../reader.js';

const enum NameSub {
  Module = 0, Funcs = 1, Locals = 2, Labels = 3, Types = 4, Tables = 5, Memories = 6,
  Globals = 7, Elems = 8, Datas = 9, Fields = 10, Tags = 11,
}

/** Parses the payload of a custom section named `name`; null when it is malformed. */
export function readNameSection(bytes: Uint8Array, base: number): NameSection | null {
  try {
    return parse(new ByteReader(bytes, 0, bytes.length, base));
  } catch (e) {
    if (e instanceof CompileError) return null;
    throw e;
  }
}

function parse(r: ByteReader): NameSection {
  const names = emptyNames();
  let last = -1;
  while (!r.atEnd()) {
    const at = r.pos;
    const id = r.u8();
    // Subsections appear at most once each, in increasing order of id.
    if (id <= last) r.fail('out-of-order name subsection', at);
    last = id;
    const size = r.u32();
    if (size > r.remaining()) r.fail(r.endReason);
    const end = r.pos + size;
    const sub = new ByteReader(r.bytes, r.pos, end, r.base);
    switch (id) {
      case NameSub.Module: names.module = sub.name(); break;
      case NameSub.Funcs: readNameMap(sub, names.funcs); break;
      case NameSub.Locals: readIndirectNameMap(sub, names.locals); break;
      case NameSub.Labels: readIndirectNameMap(sub, names.labels); break;
      case NameSub.Types: readNameMap(sub, names.types); break;
      case NameSub.Tables: readNameMap(sub, names.tables); break;
      case NameSub.Memories: readNameMap(sub, names.memories); break;
      case NameSub.Globals: readNameMap(sub, names.globals); break;
      case NameSub.Elems: readNameMap(sub, names.elems); break;
      case NameSub.Datas: readNameMap(sub, names.datas); break;
      case NameSub.Fields: readIndirectNameMap(sub, names.fields); break;
      case NameSub.Tags: readNameMap(sub, names.tags); break;
      default: sub.pos = end; // unknown subsection: skipped
    }
    if (sub.pos !== end) r.fail('section size mismatch', sub.pos);
    r.pos = end;
  }
  return names;
}

/**
 * (index, value) pairs with strictly increasing indices, each value read by `value`: a name map
 * when it reads a name, an indirect name map when it reads a name map.
 */
function readIndexed<V>(r: ByteReader, out: Map<number, V>, value: (r: ByteReader) => V): void {
  const n = r.count();
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const idx = r.u32();
    if (idx <= prev) r.fail('duplicate or unordered name index', at);
    prev = idx;
    out.set(idx, value(r));
  }
}

function readNameMap(r: ByteReader, out: Map<number, string>): void {
  readIndexed(r, out, (rr) => rr.name());
}

function readIndirectNameMap(r: ByteReader, out: Map<number, Map<number, string>>): void {
  readIndexed(r, out, (rr) => {
    const inner = new Map<number, string>();
    readNameMap(rr, inner);
    return inner;
  });
}
