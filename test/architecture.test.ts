/**
 * Enforces the one-way layering of src/ (DESIGN.md): a layer imports only the layers beneath it.
 * Reads the import lines of every source file; no dependency needed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

/** What each layer may import besides itself. */
const ALLOWED: Record<string, string[]> = {
  util: [],
  syntax: ['util'],
  core: ['syntax', 'util'],
  decoder: ['syntax', 'util'],
  text: ['syntax', 'util', 'encoder'],
  encoder: ['syntax', 'util'],
  disasm: ['decoder', 'syntax', 'util'],
  validate: ['decoder', 'syntax', 'util'],
  interp: ['validate', 'decoder', 'core', 'syntax', 'util'],
  runtime: ['interp', 'core', 'validate', 'decoder', 'syntax', 'util'],
  linker: ['runtime', 'interp', 'core', 'validate', 'decoder', 'syntax', 'util'],
  jsapi: ['linker', 'runtime', 'core', 'syntax', 'util'],
  wasi: ['linker', 'runtime', 'core', 'syntax', 'util'],
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('architecture', () => {
  it('keeps imports one-way between layers', () => {
    const violations: string[] = [];
    for (const file of files(SRC)) {
      const layer = relative(SRC, file).split('/')[0]!;
      const allowed = ALLOWED[layer];
      if (allowed === undefined) continue; // cli, index.ts: may import anything
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
        const target = relative(SRC, resolve(dirname(file), m[1]!)).split('/')[0]!;
        if (target !== layer && !allowed.includes(target)) {
          violations.push(`${relative(SRC, file)} imports ${m[1]} (${layer} → ${target})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('never touches the host WebAssembly or eval in src/', () => {
    const offenders: string[] = [];
    for (const file of files(SRC)) {
      // Error messages may name `WebAssembly.Module` etc.: only code counts, not strings or comments.
      const text = readFileSync(file, 'utf8')
        .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''")
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bWebAssembly\s*\.|\beval\s*\(|new\s+Function\s*\(/.test(text)) offenders.push(relative(SRC, file));
    }
    expect(offenders).toEqual([]);
  });
});
