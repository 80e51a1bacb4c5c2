/**
 * The import section (Binary › Modules › Import Section): module name, item name and what is
 * imported — a function (type index), table, memory, global or tag. Index validity is validation.
 */
import type { Import } from '../../syntax/module.js';
import type { ExternType } from '../../syntax/types.js';
import type { ByteReader } from '../reader.js';
import { readValType } from '../valtype.js';
import type { DecodeOptions } from '../options.js';
import { readMemType, readTableType } from './limits.js';
import { readTagType } from './tags.js';
import { readMutability } from './types.js';

/** Reads the import section's contents into `out`. */
export function readImportSection(r: ByteReader, out: Import[], options: DecodeOptions): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    out.push({ module, name, desc: readExternType(r, options) });
  }
}

function readExternType(r: ByteReader, options: DecodeOptions): ExternType {
  const at = r.pos;
  switch (r.u8()) {
    case 0x00: return { kind: 'func', typeIdx: r.u32() };
    case 0x01: return { kind: 'table', type: readTableType(r) };
    case 0x02: return { kind: 'memory', type: readMemType(r, options) };
    case 0x03: {
      const type = readValType(r);
      return { kind: 'global', type: { type, mutable: readMutability(r) } };
    }
    case 0x04: return { kind: 'tag', typeIdx: readTagType(r).typeIdx };
  }
  return r.fail('malformed import kind', at);
}
