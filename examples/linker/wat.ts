/**
 * Shared by the Linker examples: WAT text → module bytes with purewasm's own text parser and
 * encoder, so the examples need nothing but this repository.
 */
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWat } from '../../src/text/index.js';

/** The binary of a module written in the text format. */
export function wat(text: string): Uint8Array {
  return encodeModule(parseWat(text));
}
