/**
 * parseWat: instructions (folded and flat), labels, names in every index space, type uses and the
 * implicit types they add, abbreviations (inline imports/exports/elem/data), GC types, SIMD, memory64,
 * custom sections, errors with the reference wording and their line/column, and deep nesting.
 * Oracles: hand-written binary encodings, the decoder, and V8 (test-only) for running a module.
 */
import { describe, expect, it } from 'vitest';
import { parseWat } from '../../src/text/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { decodeModule } from '../../src/decoder/index.js';
import { ParseError } from '../../src/util/errors.js';
import { AbsHeap, I32, I64, I8, refType } from '../../src/syntax/types.js';

const body = (wat: string, i = 0): number[] => [...parseWat(wat).codes[i]!.body.bytes];
const hex = (bs: Iterable<number>): string => [...bs].map((b) => b.toString(16).padStart(2, '0')).join(' ');

function parseError(wat: string): ParseError {
  try {
    parseWat(wat);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no ParseError for ${wat}`);
}

describe('instructions', () => {
  it('unfolds folded instructions into the same code as the flat form', () => {
    const folded = body('(func (param i32) (result i32) (i32.add (local.get 0) (i32.mul (i32.const 2) (i32.const 3))))');
    const flat = body('(func (param i32) (result i32) local.get 0 i32.const 2 i32.const 3 i32.mul i32.add)');
    expect(folded).toEqual(flat);
    expect(hex(flat)).toBe('20 00 41 02 41 03 6c 6a 0b');
  });

  it('encodes if/then/else in both forms, condition first', () => {
    const folded = body('(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))');
    const flat = body('(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)');
    expect(folded).toEqual(flat);
    expect(hex(flat)).toBe('20 00 04 7f 41 01 05 41 02 0b 0b');
  });

  it('drops an empty else branch', () => {
    expect(hex(body('(func (if (i32.const 1) (then (nop)) (else)))'))).toBe('41 01 04 40 01 0b 0b');
  });

  it('encodes constants: signed LEB for integers, exact bits for floats', () => {
    expect(hex(body('(func i32.const 0xffffffff i64.const -1 f32.const -0x1p-149 f64.const nan:0x1 drop drop drop drop)')))
      .toBe('41 7f 42 7f 43 01 00 00 80 44 01 00 00 00 00 00 f0 7f 1a 1a 1a 1a 0b');
  });

  it('encodes memargs with natural alignment, offsets and memory indices', () => {
    const m = parseWat('(memory 1) (memory $m 1) (func i32.const 0 i64.load offset=8 drop i32.const 0 i32.load8_u $m align=1 drop)');
    expect(hex(m.codes[0]!.body.bytes)).toBe('41 00 29 03 08 1a 41 00 2d 40 01 00 1a 0b');
  });

  it('selects typed select when a result is given', () => {
    expect(hex(body('(func (select (result i64) (i64.const 1) (i64.const 2) (i32.const 0)) drop)')))
      .toBe('42 01 42 02 41 00 1c 01 7e 1a 0b');
  });

  it('encodes SIMD immediates', () => {
    const b = body('(memory 1) (func (v128.const i32x4 1 2 3 -1) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31) drop' +
      ' (v128.load8_lane 1 (i32.const 0) (v128.const i64x2 0 0)) drop)');
    expect(hex(b.slice(0, 18))).toBe('fd 0c 01 00 00 00 02 00 00 00 03 00 00 00 ff ff ff ff');
    expect(hex(b.slice(18, 37))).toBe('fd 0d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 1f 1a');
    // load8_lane with one number: it is the lane (memory 0, align 0, offset 0, lane 1)
    expect(hex(b.slice(-7))).toBe('fd 54 00 00 01 1a 0b');
  });

  it('reads br_table, call_indirect with a table, and ref types', () => {
    const m = parseWat('(type $t (func)) (table $a 1 funcref) (table $b 1 funcref)' +
      '(func (block $x (block $y (br_table $x $y 0 (i32.const 0)))) (call_indirect $b (type $t) (i32.const 0)) (ref.null func) drop)');
    expect(hex(m.codes[0]!.body.bytes)).toBe(
      '02 40 02 40 41 00 0e 02 01 00 00 0b 0b 41 00 11 00 01 d0 70 1a 0b');
  });
});

describe('labels', () => {
  it('resolves names innermost first, allows shadowing, and numbers', () => {
    expect(hex(body('(func (block $a (block $b (br $a) (br $b) (br 1))))'))).toBe('02 40 02 40 0c 01 0c 00 0c 01 0b 0b 0b');
    expect(hex(body('(func (block $l (block $l (br $l))))'))).toBe('02 40 02 40 0c 00 0b 0b 0b');
  });
  it('checks end/else labels', () => {
    expect(() => parseWat('(func block $a end $a)')).not.toThrow();
    expect(parseError('(func block $a end $b)').reason).toBe('mismatching label');
    expect(parseError('(func block end $a)').reason).toBe('mismatching label');
    expect(parseError('(func i32.const 0 if $a else $b end)').reason).toBe('mismatching label');
  });
  it('refuses unknown label names', () => {
    expect(parseError('(func (block $a (br $b)))').reason).toMatch(/^unknown label/);
  });
  it('resolves try_table catch labels outside the try_table', () => {
    const b = body('(tag $e) (func (block $out (try_table $in (catch $e $out) (catch_all 0) (br $in))))');
    expect(hex(b)).toBe('02 40 1f 40 02 00 00 00 02 00 0c 00 0b 0b 0b');
  });
  it('resolves legacy delegate labels outside the try', () => {
    const b = body('(func (block $l (try $t (do (nop)) (delegate $l))))');
    expect(hex(b)).toBe('02 40 06 40 01 18 00 0b 0b');
  });
});

describe('names and index spaces', () => {
  it('counts imports first and resolves every space by name', () => {
    const m = parseWat(`
      (type $t (func (param i32)))
      (import "m" "f" (func $imp (type $t)))
      (import "m" "g" (global $gi i32))
      (func $a (type $t) (local $x i64) (call $b (local.get 0)) (global.get $g) (local.set $x (i64.const 0)) drop)
      (func $b (param $p i32))
      (global $g i32 (global.get $gi))
      (table $tab 1 funcref)
      (memory $mem 1)
      (tag $ex (param i32))
      (elem $el func $a)
      (data $d "x")
      (func (table.size $tab) (memory.size $mem) (throw $ex) (elem.drop $el) (data.drop $d) drop drop)`);
    expect(m.imports.length).toBe(2);
    expect(m.funcs).toEqual([0, 0, 1]);
    expect(hex(m.codes[0]!.body.bytes)).toBe('20 00 10 02 23 01 42 00 21 01 1a 0b');
    expect(hex(m.codes[2]!.body.bytes)).toBe('fc 10 00 3f 00 08 00 fc 0d 00 fc 09 00 1a 1a 0b');
    expect(m.dataCount).toBe(1); // data.drop needs the data count section
    expect(hex(m.globals[0]!.init.bytes)).toBe('23 00 0b');
  });
  it('treats $"quoted" and plain ids alike', () => {
    expect(hex(body('(func $"my f" call $"my f") ', 0))).toBe('10 00 0b');
    expect(hex(body('(func $abc call $"abc")'))).toBe('10 00 0b');
  });
  it('refuses duplicates and unknown names', () => {
    expect(parseError('(func $f) (func $f)').reason).toBe('duplicate func');
    expect(parseError('(func (param $x i32) (local $x i32))').reason).toBe('duplicate local');
    expect(parseError('(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))').reason).toBe('duplicate global');
    expect(parseError('(func call $nope)').reason).toMatch(/^unknown function/);
    expect(parseError('(func local.get $nope)').reason).toMatch(/^unknown local/);
    expect(parseError('(type $s (struct (field $a i32) (field $a i32)))').reason).toBe('duplicate field');
  });
  it('leaves numeric indices out of range to the validator', () => {
    expect(hex(body('(func call 99 global.get 7 drop)'))).toBe('10 63 23 07 1a 0b');
  });
  it('refuses imports after definitions', () => {
    expect(parseError('(func) (import "" "" (func))').reason).toBe('import after function');
    expect(parseError('(global i32 (i32.const 0)) (func (import "" "")))').reason).toBe('import after global');
    expect(parseError('(memory 0) (import "" "" (table 0 funcref))').reason).toBe('import after memory');
  });
});

describe('type uses', () => {
  it('appends implicit types after the explicit ones, in order, sharing equal ones', () => {
    const m = parseWat(`
      (func (param i64))
      (type $t (func (param i32)))
      (func (param i32))
      (func (result i32) (block (param i32) (result i32 i32) (unreachable)) (unreachable))
      (func (param i64))`);
    const sigs = m.types.map((t) => t.comp.kind === 'func' ? [t.comp.params, t.comp.results] : null);
    expect(sigs).toEqual([[[I32], []], [[I64], []], [[], [I32]], [[I32], [I32, I32]]]);
    expect(m.funcs).toEqual([1, 0, 2, 1]);
  });
  it('checks an inline signature against the named type', () => {
    expect(() => parseWat('(type $t (func (param i32))) (func (type $t) (param i32))')).not.toThrow();
    expect(parseError('(type $t (func (param i32))) (func (type $t) (param i64))').reason).toBe('inline function type');
    expect(parseError('(type $t (func (param i32))) (func (type $t) (result i32))').reason).toBe('inline function type');
  });
  it('binds parameter names from a type use and counts locals after them', () => {
    expect(hex(body('(type $t (func (param i32 i32))) (func (type $t) (local $l i32) (local.set $l (local.get 1)))')))
      .toBe('20 01 21 02 0b');
  });
});

describe('abbreviations', () => {
  it('expands inline exports and imports', () => {
    const m = parseWat('(func $f (export "a") (export "b") (import "m" "n") (param i32)) (memory (export "mem") 1)');
    expect(m.imports).toEqual([{ module: 'm', name: 'n', desc: { kind: 'func', typeIdx: 0 } }]);
    expect(m.exports).toEqual([{ name: 'a', kind: 'func', index: 0 }, { name: 'b', kind: 'func', index: 0 },
      { name: 'mem', kind: 'memory', index: 0 }]);
  });
  it('expands inline element and data segments', () => {
    const m = parseWat('(func $f) (func $g) (table $t funcref (elem $f $g $f)) (memory (data "ab" "c"))');
    expect(m.tables[0]!.type.limits).toEqual({ min: 3, max: 3 });
    expect(m.elems[0]!.funcIndices).toEqual(new Uint32Array([0, 1, 0]));
    expect(m.elems[0]!.form).toBe(0);
    expect(m.memories[0]!.limits).toEqual({ min: 1, max: 1 });
    expect([...m.datas[0]!.bytes]).toEqual([0x61, 0x62, 0x63]);
  });
  it('reads every element segment form', () => {
    const m = parseWat(`(table $t 1 funcref) (table $u 1 funcref) (func $f)
      (elem (i32.const 0) $f)
      (elem func $f)
      (elem (table $u) (offset (i32.const 0)) func $f)
      (elem declare func $f)
      (elem (i32.const 0) funcref (ref.null func))
      (elem funcref (item ref.func $f))
      (elem (table $u) (i32.const 0) funcref (ref.func $f))
      (elem declare funcref (ref.func $f))`);
    expect(m.elems.map((e) => e.form)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.elems.map((e) => e.mode)).toEqual(['active', 'passive', 'active', 'declarative', 'active', 'passive', 'active', 'declarative']);
  });
  it('reads data segments with memory indices', () => {
    const m = parseWat('(memory 1) (memory $m 1) (data "p") (data (memory $m) (i32.const 1) "a") (data (i32.const 2) "b")');
    expect(m.datas.map((d) => [d.mode, d.memory, d.form])).toEqual([['passive', 0, 1], ['active', 1, 2], ['active', 0, 0]]);
  });
});

describe('types', () => {
  it('reads rec groups, sub types, struct fields with names, packed and reference types', () => {
    const m = parseWat(`
      (rec (type $a (sub (struct (field $x i32) (field $y (mut i8)))))
           (type $b (sub final $a (struct (field i32 i8) (field (ref null $b))))))
      (type $arr (array (mut i16)))
      (func (param (ref $a)) (result i32) (struct.get $a $x (local.get 0)))`);
    expect(m.recGroups).toEqual([{ start: 0, count: 2 }, { start: 2, count: 1 }, { start: 3, count: 1 }]);
    expect(m.types[0]).toEqual({ final: false, supers: [], comp: { kind: 'struct', fields: [
      { type: I32, mutable: false }, { type: I8, mutable: true }] } });
    expect(m.types[1]!.final).toBe(true);
    expect(m.types[1]!.supers).toEqual([0]);
    const b = m.types[1]!.comp;
    expect(b.kind === 'struct' && b.fields[2]!.type).toBe(refType(true, 1));
    expect(hex(m.codes[0]!.body.bytes)).toBe('20 00 fb 02 00 00 0b');
  });
  it('reads memory64, table64, shared memories and page sizes', () => {
    const m = parseWat('(memory i64 1 2) (memory 1 1 shared) (memory 0 (pagesize 1)) (table i64 1 externref)');
    expect(m.memories).toEqual([
      { limits: { min: 1, max: 2 }, shared: false, addrType: 'i64', pageSizeLog2: 16 },
      { limits: { min: 1, max: 1 }, shared: true, addrType: 'i32', pageSizeLog2: 16 },
      { limits: { min: 0, max: null }, shared: false, addrType: 'i32', pageSizeLog2: 0 },
    ]);
    expect(m.tables[0]!.type).toEqual({ limits: { min: 1, max: null }, elemType: refType(true, AbsHeap.Extern), addrType: 'i64' });
  });
  it('encodes casts with nullability', () => {
    expect(hex(body('(func (param anyref) (ref.test i31ref (local.get 0)) (ref.cast (ref eq) (local.get 0)) drop drop)')))
      .toBe('20 00 fb 15 6c 20 00 fb 16 6d 1a 1a 0b');
  });
});

describe('custom sections', () => {
  it('places @custom annotations and ignores other annotations', () => {
    const m = parseWat('(module (@custom "a" (after func) "x" "y") (@other (nested) stuff) (func) (@custom "b" "z"))');
    expect(m.customs.map((c) => [c.name, c.after, [...c.bytes]])).toEqual([['a', 3, [0x78, 0x79]], ['b', 11, [0x7a]]]);
    const d = decodeModule(encodeModule(m));
    expect(d.customs.map((c) => c.name)).toEqual(['a', 'b']);
  });
  it('refuses a misplaced @custom', () => {
    expect(parseError('(func (@custom "a" "x"))').reason).toBe('misplaced @custom annotation');
  });
  it('checks where @name annotations stand', () => {
    expect(() => parseWat('(module $m (@name "M") (func (@name "f") (param (@name "p") i32)))')).not.toThrow();
    expect(parseError('(module (@name "a") (@name "b"))').reason).toBe('@name annotation: multiple module');
    expect(parseError('(module (func) (@name "M"))').reason).toBe('misplaced @name annotation');
    expect(parseError('(module (start $f (@name "M")) (func $f))').reason).toBe('misplaced @name annotation');
  });
  it('checks branch hints: in a function, before if or br_if, once', () => {
    const ok = '(func (param i32) (@metadata.code.branch_hint "\\01") (if (local.get 0) (then)) (@metadata.code.branch_hint "\\00") br_if 0)';
    expect(() => parseWat(ok)).not.toThrow();
    expect(parseError('(@metadata.code.branch_hint "\\01") (func)').reason).toMatch(/not in a function$/);
    expect(parseError('(func (@metadata.code.branch_hint "\\01") nop)').reason).toMatch(/invalid target$/);
    expect(parseError('(func (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") (if (i32.const 0) (then)))').reason)
      .toMatch(/duplicate annotation$/);
  });
  it('emits no name section from identifiers', () => {
    const bytes = encodeModule(parseWat('(func $named (param $p i32))'));
    expect(decodeModule(bytes).customs).toEqual([]);
  });
});

describe('errors', () => {
  it('reports line and column of the offending token', () => {
    const e = parseError('(module\n  (func (i32.const 0x1_0000_0000)))');
    expect([e.reason, e.line, e.column]).toEqual(['constant out of range', 2, 20]);
  });
  it('uses the reference wording', () => {
    expect(parseError('(func (i32.foo))').reason).toMatch(/^unknown operator/);
    expect(parseError('(func (drop (i32.const0)))').reason).toMatch(/^unknown operator/);
    expect(parseError('(memory 1) (func (i32.load align=3 (i32.const 0)) drop)').reason).toBe('alignment must be a power of two');
    expect(parseError('(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop)').reason).toBe('i8 constant out of range');
    expect(parseError('(func (v128.const i32x4 1 2 3) drop)').reason).toBe('wrong number of lane literals');
    expect(parseError('(func (export "\\ff"))').reason).toBe('malformed UTF-8 encoding');
    expect(parseError('(start 0) (start 0)').reason).toBe('multiple start sections');
    expect(parseError('(func (catch_all))').reason).toBe('unexpected token');
  });
});

describe('deep nesting', () => {
  const depth = 100_000;
  it('parses 100,000 nested folded blocks without recursion', () => {
    const wat = `(func ${'(block '.repeat(depth)}${')'.repeat(depth)})`;
    const b = parseWat(wat).codes[0]!.body.bytes;
    expect(b.length).toBe(depth * 3 + 1);
  });
  it('parses 100,000 nested flat blocks and folded operators', () => {
    expect(parseWat(`(func ${'block '.repeat(depth)}${'end '.repeat(depth)})`).codes[0]!.body.bytes.length).toBe(depth * 3 + 1);
    const wat = `(func (result i32) ${'(i32.eqz '.repeat(depth)}(i32.const 0)${')'.repeat(depth)})`;
    expect(parseWat(wat).codes[0]!.body.bytes.length).toBe(depth + 3);
  });
});

describe('deep nesting of every structured form', () => {
  const depth = 50_000;
  it('folded if/then, try_table and legacy try', () => {
    const ifs = `(func ${'(if (i32.const 0) (then '.repeat(depth)}${'))'.repeat(depth)})`;
    expect(parseWat(ifs).codes[0]!.body.bytes.length).toBe(depth * 5 + 1);
    const tt = `(func ${'(try_table '.repeat(depth)}${')'.repeat(depth)})`;
    expect(parseWat(tt).codes[0]!.body.bytes.length).toBe(depth * 4 + 1);
    const legacy = `(func ${'(try (do '.repeat(depth)}${') (catch_all))'.repeat(depth)})`;
    expect(parseWat(legacy).codes[0]!.body.bytes.length).toBe(depth * 4 + 1);
  });
  it('annotations and unknown groups nested deeply are skipped without recursion', () => {
    expect(parseWat(`(@a ${'('.repeat(depth)}${')'.repeat(depth)}) (func)`).funcs.length).toBe(1);
    expect(() => parseWat(`(func) (bogus ${'('.repeat(depth)}${')'.repeat(depth)})`)).toThrow(ParseError);
  });
});

describe('against V8 (test oracle)', () => {
  it('runs a parsed module with the expected results', () => {
    const bytes = encodeModule(parseWat(`
      (func $fac (export "fac") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
          (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
      (memory (export "mem") (data "\\01\\02"))`));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>));
    const ex = instance.exports as { fac: (x: bigint) => bigint; mem: WebAssembly.Memory };
    expect(ex.fac(20n)).toBe(2432902008176640000n);
    expect([...new Uint8Array(ex.mem.buffer, 0, 2)]).toEqual([1, 2]);
  });
});
