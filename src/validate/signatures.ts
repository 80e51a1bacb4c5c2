/**
 * Operand signatures of the fixed-signature instructions, parsed once from the `sig` column of the
 * opcode table (syntax/opcodes.ts) into value-type arrays. The letter `a` (the address type of the
 * instruction's memory) becomes the placeholder ADDR, which the validator replaces per memory.
 */
import { OPCODES } from '../syntax/opcodes.js';
import { F32, F64, I32, I64, V128, type ValType } from '../syntax/types.js';

/** Placeholder for "the address type of the memory" in a parsed signature (no real ValType is 1). */
export const ADDR: ValType = 1;

export interface Sig {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

const LETTERS: Record<string, ValType> = { i: I32, I: I64, f: F32, F: F64, v: V128, a: ADDR };

function parse(sig: string): Sig {
  const [p, r] = sig.split('>') as [string, string];
  const conv = (s: string): ValType[] => [...s].map((ch) => {
    const t = LETTERS[ch];
    if (t === undefined) throw new Error(`opcode table: bad signature letter ${ch}`);
    return t;
  });
  return { params: conv(p), results: conv(r) };
}

const SIGS = new Map<number, Sig>();
for (const op of OPCODES) if (op.sig !== null) SIGS.set(op.code, parse(op.sig));

/** The fixed signature of the instruction with binary code `code`, or undefined. */
export function sigOf(code: number): Sig | undefined {
  return SIGS.get(code);
}
