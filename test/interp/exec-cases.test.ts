/**
 * exec.ts switches on literal numbers (see tools/annotate-exec-cases.ts for why); each carries the
 * op's name in a comment. This checks every name against the numbering in code.ts, so a renumbered
 * op cannot leave the loop running the wrong case silently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iopName } from '../../src/interp/code.js';

const exec = readFileSync(new URL('../../src/interp/exec.ts', import.meta.url), 'utf8');
const code = readFileSync(new URL('../../src/interp/code.ts', import.meta.url), 'utf8');

/** Iop member values as code.ts defines them (explicit initialisers, or the previous value plus one). */
function iopValues(): Map<string, number> {
  const body = code.slice(code.indexOf('export const enum Iop'), code.indexOf('\n}', code.indexOf('export const enum Iop')));
  const values = new Map<string, number>();
  let next = 0;
  for (const m of body.matchAll(/^\s+([A-Za-z0-9_]+)(?: = ([^,\n]+))?,\s*$/gm)) {
    // A member without an initialiser is the previous one plus one, as in TypeScript.
    const value = m[2] === undefined ? next
      : evalArith(m[2].replace(/\b[A-Za-z_][A-Za-z0-9_]*/g, (id) => String(values.get(id) ?? NaN)));
    values.set(m[1]!, value);
    next = value + 1;
  }
  return values;
}

/** Evaluates `a + b - c` over integer literals (the only forms the enum uses). */
function evalArith(expr: string): number {
  const tokens = expr.replace(/\s+/g, '').match(/[+-]?[^+-]+/g) ?? [];
  return tokens.reduce((sum, t) => sum + Number(t), 0);
}

describe('dispatch loop case labels', () => {
  it('name each literal case after the op with that number', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const m of exec.matchAll(/case (0x[0-9a-f]+): \/\* ([^*]+) \*\//g)) {
      checked++;
      if (iopName(Number(m[1])) !== m[2]) bad.push(`${m[1]} is ${iopName(Number(m[1]))}, comment says ${m[2]}`);
    }
    const iops = iopValues();
    for (const m of exec.matchAll(/case (0x[0-9a-f]+) \/\* Iop\.([A-Za-z0-9_]+) \*\/:/g)) {
      checked++;
      if (iops.get(m[2]!) !== Number(m[1])) bad.push(`${m[1]} labelled Iop.${m[2]} = ${iops.get(m[2]!)}`);
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('leaves no case label unnamed', () => {
    const unnamed = [...exec.matchAll(/case (0x[0-9a-f]+):(?! \/\*)/g)].map((m) => m[1]);
    expect(unnamed).toEqual([]);
  });
});
