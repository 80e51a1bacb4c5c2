/**
 * wasm2wat on modules that exercise its printing rules: GC types in rec groups, tables with
 * initialisers, 64-bit and shared memories, exact float and vector constants, memargs, try_table
 * and legacy try/catch/delegate, every element and data segment form — each checked for the
 * text printed and for an exact binary round trip (text parsed by src/text, encoded by src/encoder).
 */
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/decoder/index.js';
import { wasm2wat } from '../../src/disasm/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWat } from '../../src/text/index.js';

function disasm(src: string): { text: string; bytes: Uint8Array } {
  const bytes = encodeModule(parseWat(src));
  return { text: wasm2wat(decodeModule(bytes)), bytes };
}

/** The printed lines, trimmed, for matching without caring about indentation. */
const lines = (text: string) => text.split('\n').map((l) => l.trim());

const FEATURES = `(module
  (rec
    (type $node (sub (struct (field $val i32) (field $next (mut (ref null $node))))))
    (type $leaf (sub final $node (struct (field i32) (field (mut (ref null $node)))))))
  (type $bytes (array (mut i8)))
  (type $sig (func (param i32) (result i32)))
  (tag $e (param i32))
  (table $t 2 10 funcref)
  (table $t2 i64 1 (ref func) (ref.func $f))
  (table $t3 1 funcref)
  (memory $m 1 2 shared)
  (memory $m64 i64 1)
  (global $g (mut f32) (f32.const -0x1.8p-3))
  (func $f (type $sig) (param $x i32) (result i32)
    (local $y i64) (local f64 f64)
    (block $b (result i32)
      (try_table (result i32) (catch $e $b) (catch_all 1)
        (i32.load offset=8 align=1 (local.get $x))
        (drop)
        (i64.store $m64 offset=4294967296 (i64.const 0) (i64.const -1))
        (v128.store (i32.const 0) (v128.const f32x4 1 2 3 nan:0x1234))
        (br_on_cast 1 anyref (ref $node) (ref.null any)) (drop)
        (struct.get $node $next (struct.new_default $node)) (drop)
        (f64.const nan:0x8000000000001) (drop)
        (memory.init $m 0 (i32.const 0) (i32.const 0) (i32.const 0))
        (table.init $t 1 (i32.const 0) (i32.const 0) (i32.const 0))
        (call_indirect $t (type $sig) (i32.const 1) (i32.const 0)))))
  (elem (i32.const 0) $f)
  (elem func $f)
  (elem (table $t2) (i64.const 0) (ref func) (item ref.func $f))
  (elem declare func $f)
  (elem (i32.const 1) funcref (ref.func $f))
  (elem externref (ref.null extern))
  (elem (table $t3) (i32.const 0) funcref (ref.null func))
  (elem declare funcref (item ref.func $f))
  (data "passive\\00")
  (data (memory $m64) (i64.const 16) "hi")
  (data (i32.const 0) "x"))`;

describe('wasm2wat', () => {
  it('prints GC types, tables, memories and globals in full syntax', () => {
    const ls = lines(disasm(FEATURES).text);
    expect(ls).toContain('(rec');
    expect(ls).toContain('(type (sub (struct (field i32) (field (mut (ref null 0))))))');
    expect(ls).toContain('(type (sub final 0 (struct (field i32) (field (mut (ref null 0))))))');
    expect(ls).toContain('(type (array (mut i8)))');
    expect(ls).toContain('(table (;1;) i64 1 (ref func) (ref.func 0))');
    expect(ls).toContain('(memory (;0;) 1 2 shared)');
    expect(ls).toContain('(memory (;1;) i64 1)');
    expect(ls).toContain('(tag (;0;) (type 4) (param i32))');
    expect(ls).toContain('(global (;0;) (mut f32) (f32.const -0x1.8p-3 (;=-0.1875;)))');
  });

  it('prints instructions flat, indented by depth, with exact immediates', () => {
    const text = disasm(FEATURES).text;
    expect(text).toContain([
      '    block (result i32)',
      '      try_table (result i32) (catch 0 0) (catch_all 1)',
      '        local.get 0',
      '        i32.load offset=8 align=1',
    ].join('\n'));
    const ls = lines(text);
    expect(ls).toContain('i64.store 1 offset=4294967296');
    expect(ls).toContain('(v128.const i32x4 0x3f800000 0x40000000 0x40400000 0x7f801234)');
    expect(ls).toContain('br_on_cast 1 (ref null any) (ref 0)');
    expect(ls).toContain('struct.get 0 1');
    expect(ls).toContain('f64.const nan:0x8000000000001');
    expect(ls).toContain('memory.init 0 0');
    expect(ls).toContain('table.init 0 1');
    expect(ls).toContain('call_indirect 0 (type 3)');
    expect(text).toMatch(/\n {6}end\n {4}end\n {2}\)\n/);
  });

  it('prints each element and data segment in the syntax of its binary form', () => {
    const { text, bytes } = disasm(FEATURES);
    const m = decodeModule(bytes);
    expect(m.elems.map((e) => e.form)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.datas.map((d) => d.form)).toEqual([1, 2, 0]);
    const ls = lines(text);
    expect(ls).toContain('(elem (;0;) (offset (i32.const 0)) 0)');
    expect(ls).toContain('(elem (;1;) func 0)');
    expect(ls).toContain('(elem (;2;) (table 1) (offset (i64.const 0)) func 0)');
    expect(ls).toContain('(elem (;3;) declare func 0)');
    expect(ls).toContain('(elem (;4;) (offset (i32.const 1)) funcref (item (ref.func 0)))');
    expect(ls).toContain('(elem (;5;) externref (item (ref.null extern)))');
    expect(ls).toContain('(elem (;6;) (table 2) (offset (i32.const 0)) funcref (item (ref.null func)))');
    expect(ls).toContain('(elem (;7;) declare funcref (item (ref.func 0)))');
    expect(ls).toContain('(data (;0;) "passive\\00")');
    expect(ls).toContain('(data (;1;) (memory 1) (offset (i64.const 16)) "hi")');
    expect(ls).toContain('(data (;2;) (offset (i32.const 0)) "x")');
  });

  it('round-trips that module to the same bytes', () => {
    const { text, bytes } = disasm(FEATURES);
    expect([...encodeModule(parseWat(text))]).toEqual([...bytes]);
  });

  it('prints legacy try/catch/delegate with their nesting', () => {
    const { text, bytes } = disasm(`(module (tag $e (param i32))
      (func (try (do (nop)) (catch $e (drop)) (catch_all))
            (try (do (try (do (nop)) (delegate 0))) (catch_all))))`);
    expect(text).toContain([
      '    try',
      '      nop',
      '    catch 0',
      '      drop',
      '    catch_all',
      '    end',
      '    try',
      '      try',
      '        nop',
      '      delegate 0',
      '    catch_all',
      '    end',
    ].join('\n'));
    expect([...encodeModule(parseWat(text))]).toEqual([...bytes]);
  });

  it('prints custom sections at their place as @custom annotations', () => {
    const { text, bytes } = disasm(`(module (@custom "first" (before first) "a\\00")
      (type (func)) (@custom "mid" (after type) "") (func) (@custom "last" (after code) "z"))`);
    const ls = lines(text);
    expect(ls).toContain('(@custom "first" (before first) "a\\00")');
    expect(ls).toContain('(@custom "mid" (after type) "")');
    expect(ls).toContain('(@custom "last" (after code) "z")');
    expect([...encodeModule(parseWat(text))]).toEqual([...bytes]);
  });
});

describe('wasm2wat on extreme modules', () => {
  /** One function (type [] -> []) with these local declarations and body. */
  function module(locals: number[], body: number[]): Uint8Array {
    const entry = [...locals, ...body];
    const leb = (n: number) => { const o: number[] = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; o.push(b); } while (n); return o; };
    const code = [1, ...leb(entry.length), ...entry];
    return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, ...leb(code.length), ...code]);
  }

  it('prints 200,000 nested blocks with bounded indentation', () => {
    // (The decoder's own tests go to a million; the text here is already ~17 MB.)
    const n = 200_000;
    const body = new Array<number>(3 * n + 1);
    for (let i = 0; i < n; i++) { body[2 * i] = 0x02; body[2 * i + 1] = 0x40; }
    body.fill(0x0b, 2 * n);
    const text = wasm2wat(decodeModule(module([0], body)));
    const ls = text.split('\n');
    expect(ls.filter((l) => l.trim() === 'block').length).toBe(n);
    expect(Math.max(...ls.slice(0, 1000).map((l) => l.length))).toBeLessThan(100);
  });

  it('refuses, with a RangeError, to print billions of locals', () => {
    const m = decodeModule(module([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f], [0x0b]));
    expect(() => wasm2wat(m)).toThrow(RangeError);
  });
});
