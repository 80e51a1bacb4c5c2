/**
 * Reading modules for the CLI: a `.wat` file is parsed and encoded, anything else is taken as a
 * binary module. Text is recognised by extension, or by content when it does not start with the
 * binary magic `\0asm`.
 */
import { readFileSync } from 'node:fs';
import { encodeModule } from '../encoder/encode.js';
import { parseWat } from '../text/index.js';

/** The binary module in `path` (WAT files are converted to binary). */
export function loadModuleBytes(path: string): Uint8Array {
  const data = readFileSync(path);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const isBinary = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  if (isBinary && !path.endsWith('.wat')) return bytes;
  return watToWasm(data.toString('utf8'));
}

/** Parses WAT text and encodes it to a binary module; throws ParseError for malformed text. */
export function watToWasm(text: string): Uint8Array {
  return encodeModule(parseWat(text));
}
