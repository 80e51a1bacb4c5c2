/**
 * decodeModule: the binary format's module (Binary › Modules) — header, then sections in their
 * fixed order (custom sections anywhere), each read by its own file in `sections/`, then the
 * checks that relate sections to one another (function/code counts, data count).
 *
 * Like the spec interpreter, a section's contents are read from the module stream and then
 * checked to have used exactly the declared size ("section size mismatch"), so reads are bounded
 * by the module, not the section. Every vector count is checked against the bytes that remain
 * before anything is allocated for it. Function bodies stay undecoded (`Expr` views); the only
 * time operators are streamed here is the "data count section required" check, and only for
 * bodies that might contain `memory.init` or `data.drop`.
 *
 * It does not validate: indices, types and constant-ness are `validate/`'s job.
 */
import { SectionId, type Code, type CustomSection, type DataSegment, type ElemSegment, type Export,
  type Global, type Import, type Module, type NameSection, type Table } from '../syntax/module.js';
import type { MemType, RecGroup, SubType, TagType } from '../syntax/types.js';
import { malformed } from '../util/errors.js';
import { InstrReader } from './instr.js';
import { ByteReader } from './reader.js';
import { readCodeSection } from './sections/code.js';
import { readCustomSection } from './sections/custom.js';
import { readDataSection } from './sections/data.js';
import { readElementSection } from './sections/elements.js';
import { readExportSection } from './sections/exports.js';
import { readFunctionSection } from './sections/functions.js';
import { readGlobalSection } from './sections/globals.js';
import { readImportSection } from './sections/imports.js';
import type { DecodeOptions } from './options.js';
import { readMemorySection } from './sections/memories.js';
import { readNameSection } from './sections/names.js';
import { readTableSection } from './sections/tables.js';
import { readTagSection } from './sections/tags.js';
import { readTypeSection } from './sections/types.js';

const MAGIC = 0x6d736100; // "\0asm"
const VERSION = 1;

/**
 * Position of each section id in the required order (the tag section sits between memory and
 * global). Custom sections (id 0) are not ordered.
 */
const ORDER: readonly number[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];
const MAX_SECTION_ID = SectionId.Tag;

/**
 * Decodes a module from its binary format.
 * @param bytes the module binary; the returned `Module` holds views into it, so it must not change
 * @param options proposals beyond WebAssembly 3.0 to accept
 * @throws CompileError('malformed') with the spec interpreter's wording and the byte offset
 */
export function decodeModule(bytes: Uint8Array, options: DecodeOptions = {}): Module {
  const r = new ByteReader(bytes);
  readHeader(r);

  const types: SubType[] = [];
  const recGroups: RecGroup[] = [];
  const imports: Import[] = [];
  const funcs: number[] = [];
  const tables: Table[] = [];
  const memories: MemType[] = [];
  const globals: Global[] = [];
  const tags: TagType[] = [];
  const exports: Export[] = [];
  let start: number | null = null;
  const elems: ElemSegment[] = [];
  const datas: DataSegment[] = [];
  let dataCount: number | null = null;
  const codes: Code[] = [];
  const customs: CustomSection[] = [];
  let names: NameSection | null = null;

  let lastId = 0;
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > MAX_SECTION_ID) r.fail('malformed section id', idAt);
    if (id !== 0 && ORDER[id]! <= ORDER[lastId]!) r.fail('unexpected content after last section', idAt);
    const sizeAt = r.pos;
    const size = r.lengthU32();
    if (size > r.remaining()) r.fail('unexpected end of section or function', sizeAt);
    const end = r.pos + size;
    r.endReason = 'unexpected end of section or function';
    switch (id) {
      case SectionId.Custom: {
        const c = readCustomSection(r, end, lastId);
        customs.push(c);
        if (c.name === 'name' && names === null) names = readNameSection(c.bytes, c.bytes.byteOffset - bytes.byteOffset);
        break;
      }
      case SectionId.Type: readTypeSection(r, types, recGroups); break;
      case SectionId.Import: readImportSection(r, imports, options); break;
      case SectionId.Function: readFunctionSection(r, funcs); break;
      case SectionId.Table: readTableSection(r, tables); break;
      case SectionId.Memory: readMemorySection(r, memories, options); break;
      case SectionId.Tag: readTagSection(r, tags); break;
      case SectionId.Global: readGlobalSection(r, globals); break;
      case SectionId.Export: readExportSection(r, exports); break;
      case SectionId.Start: start = r.u32(); break;
      case SectionId.Element: readElementSection(r, elems); break;
      case SectionId.DataCount: dataCount = r.u32(); break;
      case SectionId.Code: readCodeSection(r, codes); break;
      case SectionId.Data: readDataSection(r, datas); break;
    }
    if (r.pos !== end) r.fail('section size mismatch', end);
    r.endReason = 'unexpected end';
    if (id !== 0) lastId = id;
  }

  if (funcs.length !== codes.length) {
    throw malformed('function and code section have inconsistent lengths', r.pos);
  }
  if (dataCount !== null && dataCount !== datas.length) {
    throw malformed('data count and data section have inconsistent lengths', r.pos);
  }
  if (dataCount === null && options.skipDataCountCheck !== true) checkNoDataIndices(codes);

  return {
    types, recGroups, imports, funcs, tables, memories, globals, tags, exports, start,
    elems, datas, dataCount, codes, customs, names,
  };
}

function readHeader(r: ByteReader): void {
  if (r.remaining() < 4) r.fail('unexpected end');
  if (r.bits32() !== MAGIC) r.fail('magic header not detected', 0);
  if (r.remaining() < 4) r.fail('unexpected end');
  if (r.bits32() !== VERSION) r.fail('unknown binary version', 4);
}

/**
 * The decoder's last check, for a module decoded with `skipDataCountCheck`: without a data count
 * section, `memory.init` and `data.drop` are malformed.
 * @throws CompileError('malformed', 'data count section required')
 */
export function checkDataCountUses(m: Module): void {
  if (m.dataCount === null) checkNoDataIndices(m.codes);
}

const PREFIX_MISC = 0xfc;
const MEMORY_INIT = (PREFIX_MISC << 16) | 8;
const DATA_DROP = (PREFIX_MISC << 16) | 9;

/**
 * True when `body` has a 0xFC byte followed by a byte whose low seven bits are 8 or 9: the only
 * way `memory.init` (0xFC 8) or `data.drop` (0xFC 9) can be encoded, even with an overlong LEB128
 * sub-opcode (whose first byte carries all of a value below 128).
 */
function mayHoldDataIndex(body: Uint8Array): boolean {
  for (let i = body.indexOf(PREFIX_MISC); i >= 0 && i + 1 < body.length; i = body.indexOf(PREFIX_MISC, i + 1)) {
    const sub = body[i + 1]! & 0x7f;
    if (sub === 8 || sub === 9) return true;
  }
  return false;
}

/**
 * Without a data count section, `memory.init` and `data.drop` are malformed (the binary format
 * needs the count to validate them in one pass). Only bodies whose bytes could encode either are
 * streamed; the others are skipped by a byte search.
 */
function checkNoDataIndices(codes: readonly Code[]): void {
  for (const code of codes) {
    const body = code.body.bytes;
    if (!mayHoldDataIndex(body)) continue;
    const ir = new InstrReader(body, 0, body.length, code.body.offset);
    while (!ir.atEnd()) {
      const op = ir.next();
      if (op === MEMORY_INIT || op === DATA_DROP) {
        throw malformed('data count section required', ir.opOffset);
      }
    }
  }
}
