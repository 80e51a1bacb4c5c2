/**
 * Makes a fuzz module's memory observable: binaryen's fuzz modules do not export their memory, so
 * neither engine's host could compare it. This adds one export, `MEMORY_EXPORT` for memory 0, to
 * the export section of a binary (nothing else changes; function indices and bodies stay put).
 * Modules without a defined memory, or without an export section, are returned unchanged. The
 * input is a module binaryen just wrote and V8 will check, so the section walk trusts the layout
 * and only guards against reading past the end.
 */
import { createHash } from 'node:crypto';

/** The name of the added export (binaryen never makes names with this prefix). */
export const MEMORY_EXPORT = '__diff_memory';

function readU32(b: Uint8Array, pos: number): [value: number, next: number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    if (pos >= b.length) throw new RangeError('truncated LEB128');
    const byte = b[pos++]!;
    v += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [v, pos];
    shift += 7;
  }
}

function u32(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

const SECTION_MEMORY = 5;
const SECTION_EXPORT = 7;
const EXTERN_MEMORY = 0x02;

/** `bytes` with memory 0 exported as MEMORY_EXPORT (see the header). */
export function exposeMemory(bytes: Uint8Array): Uint8Array {
  let pos = 8;
  let hasMemory = false;
  while (pos < bytes.length) {
    const id = bytes[pos]!;
    const [size, body] = readU32(bytes, pos + 1);
    if (id === SECTION_MEMORY) hasMemory = readU32(bytes, body)[0] > 0;
    if (id === SECTION_EXPORT && hasMemory) {
      const [count, entries] = readU32(bytes, body);
      const name = new TextEncoder().encode(MEMORY_EXPORT);
      const added = [...u32(name.length), ...name, EXTERN_MEMORY, 0];
      const content = [...u32(count + 1), ...bytes.subarray(entries, body + size), ...added];
      const section = [SECTION_EXPORT, ...u32(content.length), ...content];
      const out = new Uint8Array(pos + section.length + (bytes.length - (body + size)));
      out.set(bytes.subarray(0, pos), 0);
      out.set(section, pos);
      out.set(bytes.subarray(body + size), pos + section.length);
      return out;
    }
    pos = body + size;
  }
  return bytes;
}

/** A short fingerprint of `data` for the event log (native hashing: memories are a megabyte). */
export function fingerprint(data: Uint8Array): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 16);
}
