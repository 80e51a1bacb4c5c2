/**
 * parseWast: every command form of the script grammar, constants and result patterns, module
 * sources (text encoded, binary, quote, definition, instance), threads, and malformed text modules
 * inside assert_malformed kept as quotes.
 */
import { describe, expect, it } from 'vitest';
import { parseWast, parseWat } from '../../src/text/index.js';
import type { WastCommand } from '../../src/text/wast-script.js';
import { decodeModule } from '../../src/decoder/index.js';
import { ParseError } from '../../src/util/errors.js';

const one = (src: string): WastCommand => {
  const s = parseWast(src);
  expect(s.commands.length).toBe(1);
  return s.commands[0]!;
};

describe('modules', () => {
  it('encodes text modules and keeps their name', () => {
    const c = one('(module $M (func (export "f") (result i32) (i32.const 7)))');
    expect(c.kind).toBe('module');
    if (c.kind !== 'module') return;
    expect(c.module).toMatchObject({ name: 'M', source: 'text', definition: false, quote: null, loc: { line: 1, column: 1 } });
    expect(decodeModule(c.module.bytes!).exports).toEqual([{ name: 'f', kind: 'func', index: 0 }]);
  });
  it('concatenates binary strings and quote strings', () => {
    const b = one('(module binary "\\00asm" "\\01\\00\\00\\00")');
    expect(b.kind === 'module' && [...b.module.bytes!]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const q = one('(module $Q quote "(func" " $f)")');
    expect(q.kind === 'module' && q.module).toMatchObject({ name: 'Q', source: 'quote', quote: '(func $f)', bytes: null });
  });
  it('reads module definitions and instances', () => {
    const s = parseWast('(module definition $D (func)) (module instance $I $D) (module definition binary "\\00asm\\01\\00\\00\\00")');
    expect(s.commands[0]).toMatchObject({ kind: 'module', module: { name: 'D', definition: true, source: 'text' } });
    expect(s.commands[1]).toMatchObject({ kind: 'module_instance', instance: 'I', module: 'D' });
    expect(s.commands[2]).toMatchObject({ kind: 'module', module: { definition: true, source: 'binary' } });
  });
  it('keeps quoted text with invalid UTF-8 so parsing it reports the encoding error', () => {
    const c = one('(assert_malformed (module quote "(@a \\80)") "malformed UTF-8 encoding")');
    expect(c.kind).toBe('assert_malformed');
    if (c.kind !== 'assert_malformed') return;
    expect(() => parseWat(c.module.quote!)).toThrow(/malformed UTF-8 encoding/);
  });
  it('reads a script made only of module fields as one module', () => {
    const s = parseWast('(func) (memory 0) (func (export "f"))');
    expect(s.commands.length).toBe(1);
    expect(s.commands[0]!.kind).toBe('module');
  });
});

describe('actions and assertions', () => {
  it('reads invoke arguments of every type', () => {
    const c = one('(invoke $M "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -nan:0x1) (f64.const 1.5)' +
      ' (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null extern) (ref.extern 3) (ref.host 4))');
    expect(c.kind).toBe('action');
    if (c.kind !== 'action' || c.action.kind !== 'invoke') return;
    expect(c.action.module).toBe('M');
    const [a, b, f, d, v, n, e, h] = c.action.args;
    expect(a).toEqual({ type: 'i32', value: -1 });
    expect(b).toEqual({ type: 'i64', value: -1n });
    expect(f).toEqual({ type: 'f32', bits: 0xff800001 });
    expect(d).toEqual({ type: 'f64', bits: 0x3ff8000000000000n });
    expect(v!.type === 'v128' && [...v.bytes]).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff]);
    expect(n).toEqual({ type: 'ref.null', heap: 'extern' });
    expect(e).toEqual({ type: 'ref.extern', value: 3 });
    expect(h).toEqual({ type: 'ref.host', value: 4 });
  });
  it('reads result patterns', () => {
    const c = one('(assert_return (invoke "f") (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -0x1p-149)' +
      ' (v128.const f32x4 nan:canonical 1 -0 inf) (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)' +
      ' (ref.null) (ref.extern) (ref.func) (ref.struct) (ref.i31) (either (i32.const 1) (i32.const 2)))');
    expect(c.kind).toBe('assert_return');
    if (c.kind !== 'assert_return') return;
    const ex = c.expected;
    expect(ex[0]).toEqual({ type: 'f32', pattern: { kind: 'nan:canonical' } });
    expect(ex[1]).toEqual({ type: 'f64', pattern: { kind: 'nan:arithmetic' } });
    expect(ex[2]).toEqual({ type: 'f32', pattern: { kind: 'bits', bits: 0x80000001 } });
    expect(ex[3]).toEqual({ type: 'v128', shape: 'f32x4', lanes: [{ kind: 'nan:canonical' }, { kind: 'bits', bits: 0x3f800000 },
      { kind: 'bits', bits: 0x80000000 }, { kind: 'bits', bits: 0x7f800000 }] });
    expect(ex[4]!.type === 'v128' && ex[4].lanes[0]).toBe(255n);
    expect(ex.slice(5, 10)).toEqual([{ type: 'ref.null', heap: null }, { type: 'ref.extern', value: null },
      { type: 'ref.func' }, { type: 'ref.struct' }, { type: 'ref.i31' }]);
    expect(ex[10]).toEqual({ type: 'either', options: [{ type: 'i32', value: 1 }, { type: 'i32', value: 2 }] });
  });
  it('reads every assertion kind', () => {
    const s = parseWast(`
      (assert_trap (invoke "t") "unreachable")
      (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
      (assert_exhaustion (invoke "r") "call stack exhausted")
      (assert_exception (invoke "x"))
      (assert_invalid (module (func (result i32))) "type mismatch")
      (assert_malformed (module binary "") "unexpected end")
      (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
      (assert_uninstantiable (module (func $f unreachable) (start $f)) "unreachable")
      (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
      (register "M" $N)
      (get $N "g")`);
    expect(s.commands.map((c) => c.kind)).toEqual(['assert_trap', 'assert_trap', 'assert_exhaustion', 'assert_exception',
      'assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable', 'assert_malformed_custom',
      'register', 'action']);
    expect(s.commands[1]).toMatchObject({ action: null, module: { source: 'text' }, message: 'unreachable' });
    expect(s.commands[9]).toMatchObject({ as: 'M', module: 'N' });
  });
  it('reads threads and waits', () => {
    const s = parseWast('(module $Mem (memory 1 1 shared)) (thread $T (shared (module $Mem)) (register "mem" $Mem) (invoke "f")) (wait $T)');
    expect(s.commands[1]).toMatchObject({ kind: 'thread', name: 'T', shared: ['Mem'] });
    expect(s.commands[1]!.kind === 'thread' && s.commands[1].commands.map((c) => c.kind)).toEqual(['register', 'action']);
    expect(s.commands[2]).toMatchObject({ kind: 'wait', thread: 'T' });
  });
  it('keeps an unparsable text module as its source, failing only its own command', () => {
    const c = one('(assert_malformed (module (func (i32.const 0x))) "unknown operator")');
    expect(c.kind === 'assert_malformed' && c.module.source).toBe('quote');
    if (c.kind === 'assert_malformed') {
      expect(c.module.quote).toBe('(func (i32.const 0x))');
      expect(() => parseWat(c.module.quote!)).toThrow(ParseError);
    }
    const s = parseWast('(module $A (func (bogus))) (module $B (func))');
    expect(s.commands.map((x) => x.kind === 'module' && [x.module.name, x.module.source])).toEqual([['A', 'quote'], ['B', 'text']]);
  });
  it('reports script errors with position', () => {
    expect(() => parseWast('(assert_return (invoke "f")\n  (i32.const 1)')).toThrow(ParseError);
    try {
      parseWast('(module)\n(bogus)');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect([(e as ParseError).line, (e as ParseError).column]).toEqual([2, 2]);
    }
  });
});
