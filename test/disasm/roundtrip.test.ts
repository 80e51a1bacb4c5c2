/**
 * The disassembler's contract: for every well-formed text module of the spec suite,
 * text → binary (B's parser and encoder) → decodeModule → wasm2wat → parse → binary gives back
 * the same bytes; the suite's hand-written binaries reach a stable encoding after one round trip.
 * Also for binaries that carry a name section, so that `$id`s from names are exercised: the names
 * must resolve to the same indices, and the name section must come back as the same custom section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { wasm2wat } from '../../src/disasm/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWast, parseWat } from '../../src/text/index.js';
import { allSuiteBinaries, SUITE_DIR, suiteFiles } from '../decoder/suite-binaries.js';
import { name, section, u32, vec, wasm, type Bytes } from '../decoder/builder.js';

function roundTrip(bytes: Uint8Array, options = {}): Uint8Array {
  return encodeModule(parseWat(wasm2wat(decodeModule(bytes, options))));
}

describe('text → binary → wasm2wat → binary', () => {
  const files = suiteFiles();

  it('gives back the same bytes for every text module of the suite', () => {
    let modules = 0;
    const wrong: string[] = [];
    for (const file of files) {
      let script;
      try {
        script = parseWast(readFileSync(join(SUITE_DIR, file), 'utf8'));
      } catch {
        continue; // the parser's own gaps are its tests' business
      }
      for (const c of script.commands) {
        if (!('module' in c) || c.kind === 'assert_malformed') continue;
        const mod = c.module;
        if (mod === null || typeof mod !== 'object' || mod.source !== 'text' || !mod.bytes) continue;
        modules++;
        try {
          const again = roundTrip(mod.bytes, { customPageSizes: file.startsWith('proposals/custom-page-sizes/') });
          if (Buffer.compare(Buffer.from(again), Buffer.from(mod.bytes)) !== 0) wrong.push(`${file}:${mod.loc.line}: bytes differ`);
        } catch (e) {
          wrong.push(`${file}:${mod.loc.line}: ${String(e)}`);
        }
      }
    }
    expect(modules).toBeGreaterThan(5000);
    expect(wrong).toEqual([]);
  });
});

describe('binary modules of the suite', () => {
  it('reach their canonical encoding in one round trip and stay there', () => {
    // Hand-written binaries may use encodings our encoder does not choose (padded LEBs, element
    // form 2 for table 0, …), so the first round trip may change bytes; the second must not.
    let modules = 0;
    const wrong: string[] = [];
    for (const b of allSuiteBinaries()) {
      if (b.command === 'assert_malformed' || b.file.startsWith('proposals/custom-descriptors/')) continue;
      const options = { customPageSizes: b.file.startsWith('proposals/custom-page-sizes/') };
      modules++;
      try {
        const once = roundTrip(b.bytes, options);
        const twice = roundTrip(once, options);
        if (Buffer.compare(Buffer.from(once), Buffer.from(twice)) !== 0) wrong.push(`${b.file}:${b.line}: not stable`);
      } catch (e) {
        wrong.push(`${b.file}:${b.line}: ${String(e)}`);
      }
    }
    expect(modules).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});

describe('names from the name section', () => {
  const sub = (id: number, content: Bytes) => [id, ...u32(content.length), ...content];
  const nameMap = (pairs: [number, string][]) => vec(pairs.map(([i, s]) => [...u32(i), ...name(s)]));
  const indirect = (entries: [number, [number, string][]][]) => vec(entries.map(([i, m]) => [...u32(i), ...nameMap(m)]));

  // (func $f (param $p i32) (local $l i32) block $outer block $outer br 1 end end local.get $p call $f)
  const body = [0x02, 0x40, 0x02, 0x40, 0x0c, 0x01, 0x0b, 0x0b, 0x20, 0x00, 0x21, 0x01, 0x10, 0x00, 0x0b];
  const names = section(0, [...name('name'),
    ...sub(0, name('the module')),
    ...sub(1, nameMap([[0, 'f']])),
    ...sub(2, indirect([[0, [[0, 'p'], [1, 'l']]]])),
    ...sub(3, indirect([[0, [[0, 'outer'], [1, 'outer']]]])),
    ...sub(4, nameMap([[0, 'sig']])),
    ...sub(7, nameMap([[0, 'g g']])),
  ]);
  const bytes = wasm(
    section(1, vec([[0x60, 1, 0x7f, 0]])),
    section(3, vec([[0]])),
    section(6, vec([[0x7f, 1, 0x41, 0, 0x0b]])),
    section(7, vec([[...name('g'), 3, 0]])),
    section(10, vec([[...u32(body.length + 3), 1, 1, 0x7f, ...body]])),
    names,
  );

  it('prints $ids, quoting those that are not plain identifiers', () => {
    const text = wasm2wat(decodeModule(bytes));
    expect(text).toContain('(module $"the module"');
    expect(text).toContain('(type $sig (func (param i32)))');
    expect(text).toContain('(func $f (type $sig) (param $p i32)');
    expect(text).toContain('(local $l i32)');
    expect(text).toContain('(global $"g g" (mut i32) (i32.const 0))');
    expect(text).toContain('(export "g" (global $"g g"))');
    expect(text).toMatch(/local\.get \$p\n\s+local\.set \$l\n\s+call \$f/);
    expect(text).toContain('(@custom "name" (after code)');
  });

  it('prints a branch to a shadowed label as a depth', () => {
    const text = wasm2wat(decodeModule(bytes));
    expect(text).toMatch(/block \$outer\n\s+block \$outer\n\s+br 1\n/);
  });

  it('round-trips the module, name section included', () => {
    expect([...roundTrip(bytes)]).toEqual([...bytes]);
  });
});

describe('names that cannot be used as given', () => {
  const sub = (id: number, content: Bytes) => [id, ...u32(content.length), ...content];
  const nameMap = (pairs: [number, string][]) => vec(pairs.map(([i, s]) => [...u32(i), ...name(s)]));
  // Three functions; the name section repeats a name and names a function that does not exist.
  const bytes = wasm(
    section(1, vec([[0x60, 0, 0]])),
    section(3, vec([[0], [0], [0]])),
    section(10, vec([[2, 0, 0x0b], [4, 0, 0x10, 0x00, 0x0b], [4, 0, 0x10, 0x01, 0x0b]])),
    section(0, [...name('name'), ...sub(1, nameMap([[0, 'same'], [1, 'same'], [2, 'x y'], [7, 'ghost']]))]),
  );

  it('drops a repeated name and one for a missing index, and still round-trips', () => {
    const text = wasm2wat(decodeModule(bytes));
    expect(text).toContain('(func $same (type 0)');
    expect(text).toContain('(func (;1;) (type 0)');
    expect(text).toContain('(func $"x y" (type 0)');
    expect(text).toMatch(/call \$same\n/);
    expect(text).toMatch(/call 1\n/);
    expect(text).not.toContain('$ghost');
    expect([...roundTrip(bytes)]).toEqual([...bytes]);
  });
});
