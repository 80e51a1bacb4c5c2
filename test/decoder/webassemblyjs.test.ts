/**
 * Differential check (dev only): on the spec suite's MVP-only modules, decodeModule agrees with
 * `@webassemblyjs/wasm-parser` about types, imports, exports, globals, memories and the number of
 * functions. Modules using anything past the MVP are left out (that parser predates them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import type { Module } from '../../src/syntax/module.js';
import { FUNCREF, isNum, valTypeToString } from '../../src/syntax/types.js';
import { parseWast } from '../../src/text/index.js';
import { SUITE_DIR, suiteFiles } from './suite-binaries.js';

const require = createRequire(import.meta.url);
const { decode } = require('@webassemblyjs/wasm-parser') as { decode(b: Uint8Array, o: object): WjsProgram };

interface WjsField { type: string; [k: string]: unknown }
interface WjsProgram { body: { fields: WjsField[] }[] }
interface WjsSig { params: { valtype: string }[]; results: string[] }

function isMvp(m: Module): boolean {
  const numOnly = (ts: readonly number[]) => ts.every(isNum);
  return m.types.every((t) => t.final && t.supers.length === 0 && t.comp.kind === 'func' &&
      numOnly(t.comp.params) && numOnly(t.comp.results) && t.comp.results.length <= 1) &&
    m.recGroups.every((g) => g.count === 1) &&
    m.imports.every((i) => i.desc.kind !== 'tag' &&
      (i.desc.kind !== 'global' || isNum(i.desc.type.type)) &&
      (i.desc.kind !== 'table' || (i.desc.type.elemType === FUNCREF && i.desc.type.addrType === 'i32')) &&
      (i.desc.kind !== 'memory' || (!i.desc.type.shared && i.desc.type.addrType === 'i32'))) &&
    m.tables.every((t) => t.init === null && t.type.elemType === FUNCREF && t.type.addrType === 'i32') &&
    m.memories.every((t) => !t.shared && t.addrType === 'i32' && t.pageSizeLog2 === 16) &&
    m.globals.every((g) => isNum(g.type.type)) &&
    m.tags.length === 0 && m.elems.every((e) => e.form === 0) && m.datas.every((d) => d.form === 0) &&
    m.dataCount === null && m.exports.every((e) => e.kind !== 'tag') &&
    m.tables.length + m.imports.filter((i) => i.desc.kind === 'table').length <= 1 &&
    m.memories.length + m.imports.filter((i) => i.desc.kind === 'memory').length <= 1;
}

const sig = (ps: readonly number[], rs: readonly number[]) =>
  `${ps.map(valTypeToString).join(',')}->${rs.map(valTypeToString).join(',')}`;
const wjsSig = (s: WjsSig) => `${s.params.map((p) => p.valtype).join(',')}->${s.results.join(',')}`;

/** The facts compared, as our decoder sees them. */
function ours(m: Module) {
  const ft = (x: number) => { const c = m.types[x]!.comp; return c.kind === 'func' ? sig(c.params, c.results) : '?'; };
  return {
    types: m.types.map((_, i) => ft(i)),
    imports: m.imports.map((i) => `${i.module}.${i.name}:${i.desc.kind}` +
      (i.desc.kind === 'func' ? ` ${ft(i.desc.typeIdx)}` : '') +
      (i.desc.kind === 'global' ? ` ${valTypeToString(i.desc.type.type)}${i.desc.type.mutable ? ' mut' : ''}` : '') +
      (i.desc.kind === 'memory' ? ` ${i.desc.type.limits.min}..${i.desc.type.limits.max ?? ''}` : '')),
    exports: m.exports.map((e) => `${e.name}:${e.kind}:${e.index}`),
    funcs: m.funcs.map(ft),
    globals: m.globals.map((g) => `${valTypeToString(g.type.type)}${g.type.mutable ? ' mut' : ''}`),
    memories: m.memories.map((t) => `${t.limits.min}..${t.limits.max ?? ''}`),
  };
}

const KIND: Record<string, string> = { Func: 'func', Table: 'table', Memory: 'memory', Global: 'global' };

/** The same facts from @webassemblyjs/wasm-parser's AST. */
function theirs(bytes: Uint8Array) {
  const fields = decode(bytes, { ignoreCodeSection: true, ignoreDataSection: true, ignoreCustomNameSection: true }).body[0]!.fields;
  const of = (t: string) => fields.filter((f) => f.type === t);
  const lim = (l: { min: number; max?: number }) => `${l.min}..${l.max ?? ''}`;
  return {
    types: of('TypeInstruction').map((f) => wjsSig((f as unknown as { functype: WjsSig }).functype)),
    imports: of('ModuleImport').map((f) => {
      const d = f.descr as { type: string; signature?: WjsSig; valtype?: string; mutability?: string; limits?: { min: number; max?: number } };
      const kind = { FuncImportDescr: 'func', Table: 'table', Memory: 'memory', GlobalType: 'global' }[d.type]!;
      return `${f.module}.${f.name}:${kind}` + (kind === 'func' ? ` ${wjsSig(d.signature!)}` : '') +
        (kind === 'global' ? ` ${d.valtype}${d.mutability === 'var' ? ' mut' : ''}` : '') +
        (kind === 'memory' ? ` ${lim(d.limits!)}` : '');
    }),
    exports: of('ModuleExport').map((f) => {
      const d = f.descr as { exportType: string; id: { value: number } };
      return `${f.name}:${KIND[d.exportType]}:${d.id.value}`;
    }),
    funcs: of('Func').map((f) => wjsSig(f.signature as WjsSig)),
    globals: of('Global').map((f) => {
      const g = f.globalType as { valtype: string; mutability: string };
      return `${g.valtype}${g.mutability === 'var' ? ' mut' : ''}`;
    }),
    memories: of('Memory').map((f) => lim(f.limits as { min: number; max?: number })),
  };
}

describe('agreement with @webassemblyjs/wasm-parser on MVP modules', () => {
  it('sees the same types, imports, exports, functions, globals and memories', () => {
    let compared = 0;
    let theirGaps = 0;
    const wrong: string[] = [];
    for (const file of suiteFiles().filter((f) => !f.startsWith('proposals/'))) {
      let script;
      try {
        script = parseWast(readFileSync(join(SUITE_DIR, file), 'utf8'));
      } catch {
        continue;
      }
      for (const c of script.commands) {
        if (c.kind !== 'module' || !c.module.bytes) continue;
        const bytes = c.module.bytes;
        const m = decodeModule(bytes);
        if (!isMvp(m)) continue;
        compared++;
        const a = ours(m);
        let b;
        try {
          b = theirs(bytes);
        } catch {
          // Its own gaps: exporting an imported table ("unknown table 0"), some valid UTF-8 names.
          theirGaps++;
          continue;
        }
        try {
          expect(a).toEqual(b);
        } catch {
          wrong.push(`${file}:${c.module.loc.line}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(theirGaps).toBeLessThan(10);
    expect(wrong).toEqual([]);
  });
});
