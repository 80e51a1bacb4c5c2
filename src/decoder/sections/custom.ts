/**
 * Custom sections: a name and uninterpreted bytes, kept with the id of the section they followed
 * so an encoder or disassembler can put them back in place. The payload is a view (no copy).
 */
import type { CustomSection } from '../../syntax/module.js';
import type { ByteReader } from '../reader.js';

/** Reads a custom section whose contents end at `end`. */
export function readCustomSection(r: ByteReader, end: number, after: number): CustomSection {
  const name = r.name();
  // A name longer than the section leaves a negative payload size: the section ended too early.
  if (r.pos > end) r.fail(r.endReason, end);
  const bytes = r.bytesView(end - r.pos);
  return { name, bytes, after };
}
