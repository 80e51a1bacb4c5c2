/**
 * The tag section (exception handling): each tag is an attribute byte (0 = exception, the only
 * kind) and the index of its function type.
 */
import type { TagType } from '../../syntax/types.js';
import type { ByteReader } from '../reader.js';

/** A tag type: attribute byte 0, then a type index. */
export function readTagType(r: ByteReader): TagType {
  const at = r.pos;
  if (r.u8() !== 0) r.fail('zero byte expected', at);
  return { typeIdx: r.u32() };
}

/** Reads the tag section's contents into `out`. */
export function readTagSection(r: ByteReader, out: TagType[]): void {
  const n = r.count();
  for (let i = 0; i < n; i++) out.push(readTagType(r));
}
