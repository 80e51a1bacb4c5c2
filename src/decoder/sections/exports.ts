/** The export section: a name, a kind (func, table, memory, global, tag) and an index each. Duplicate names are validation. */
import type { Export } from '../../syntax/module.js';
import type { ByteReader } from '../reader.js';

const KINDS = ['func', 'table', 'memory', 'global', 'tag'] as const;

/** Reads the export section's contents into `out`. */
export function readExportSection(r: ByteReader, out: Export[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const at = r.pos;
    const kind = KINDS[r.u8()];
    if (kind === undefined) r.fail('malformed export kind', at);
    out.push({ name, kind, index: r.u32() });
  }
}
