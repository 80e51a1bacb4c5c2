/**
 * Operand signatures of the fixed-signature instructions, parsed once from the `sig` column of the
 * opcode table (syntax/opcodes.ts) into value-type arrays. The letter `a` (the address type of the
 * instruction's memory) becomes the placeholder ADDR, which the validator replaces per memory.
 */
import { OPCODES, PREFIX_GC } from '../syntax/opcodes.js';
import { F32, F64, I32, I64, V128, type ValType } from '../syntax/types.js';

/** Placeholder for "the address type of the memory" in a parsed signature (no real ValType is 1). */
export const ADDR: ValType = 1;

export interface Sig {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Whether ADDR occurs in params or results (else the arrays are used as they are). */
  readonly hasAddr: boolean;
}

const LETTERS: Record<string, ValType> = { i: I32, I: I64, f: F32, F: F64, v: V128, a: ADDR };

function parse(sig: string): Sig {
  const [p, r] = sig.split('>') as [string, string];
  const conv = (s: string): ValType[] => [...s].map((ch) => {
    const t = LETTERS[ch];
    if (t === undefined) throw new Error(`opcode table: bad signature letter ${ch}`);
    return t;
  });
  return { params: conv(p), results: conv(r), hasAddr: sig.includes('a') };
}

// Looked up once per validated operator: arrays by byte (and by prefix and sub-opcode), not a Map.
const SINGLE: (Sig | undefined)[] = new Array<Sig | undefined>(256).fill(undefined);
const PREFIXED: (Sig | undefined)[][] = [[], [], [], []];
for (const op of OPCODES) {
  if (op.sig === null) continue;
  if (op.code < 0x100) SINGLE[op.code] = parse(op.sig);
  else PREFIXED[(op.code >>> 16) - PREFIX_GC]![op.code & 0xffff] = parse(op.sig);
}

/** The fixed signature of the instruction with binary code `code`, or undefined. */
export function sigOf(code: number): Sig | undefined {
  return code < 0x100 ? SINGLE[code] : PREFIXED[(code >>> 16) - PREFIX_GC]?.[code & 0xffff];
}
