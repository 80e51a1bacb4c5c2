/**
 * Test helper: WAT text → binary through npm wabt (an independent oracle for the text format, so
 * these tests do not depend on our own parser), with the name section written so backtraces can
 * show function names.
 */
import createWabt from 'wabt';

const wabt = await createWabt();

/** The binary of module `text`; throws when wabt rejects it. */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat('test.wat', text, { multi_value: true, bulk_memory: true, reference_types: true });
  try {
    m.resolveNames();
    m.validate();
    return new Uint8Array(m.toBinary({ write_debug_names: true }).buffer);
  } finally {
    m.destroy();
  }
}
