/**
 * Generates src/syntax/op.ts, the `Op` const enum (`Op.i32_add` = 0x6a), from the opcode table, so
 * that switch statements over codes read like the spec and cannot drift from the table.
 * Run: npx tsx tools/gen-op-enum.ts
 */
import { writeFileSync } from 'node:fs';
import { OPCODES } from '../src/syntax/opcodes.js';

const seen = new Set<string>();
const lines = OPCODES.map((op) => {
  let id = op.name.replace(/\./g, '_');
  // The typed `select` (0x1c) shares its mnemonic with the untyped one.
  if (seen.has(id)) id += '_t';
  seen.add(id);
  return `  ${id} = 0x${op.code.toString(16)},`;
});
const text = `/**
 * Opcode constants spelled like the text format (\`Op.i32_add\`). GENERATED from opcodes.ts by
 * tools/gen-op-enum.ts — edit the table, not this file.
 */
export const enum Op {
${lines.join('\n')}
}
`;
writeFileSync(new URL('../src/syntax/op.ts', import.meta.url), text);
console.log(`wrote ${OPCODES.length} opcodes`);
