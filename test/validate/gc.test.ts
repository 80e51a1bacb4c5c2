/** Reference and GC instructions, and subtype declarations in the type section. */
import { describe, expect, it } from 'vitest';
import {
  AbsHeap, ANYREF, EQREF, EXTERNREF, FUNCREF, I16, I32, I64, I8, STRUCTREF, refType,
} from '../../src/syntax/types.js';
import { array, body, fld, fn, mod, s, struct, sub, u } from './build.js';
import { reason } from './helpers.js';

const I32C = (n: number) => [0x41, ...s(n)];
const gc = (op: number, ...imm: number[]) => [0xfb, ...u(op), ...imm.flatMap(u)];
const ref = (nullable: boolean, ht: number) => refType(nullable, ht);

describe('struct and array instructions', () => {
  // type 0: struct { i32, mut i8 }; type 1: array (mut i64); type 2: array i16; type 3: the function
  const types = [struct(fld(I32), fld(I8, true)), array(fld(I64, true)), array(fld(I16))];
  const f = (params: number[], results: number[], b: (number | number[])[]) => reason(body(fn(params, results), b, { types }));

  it('types struct.new and struct.get, with packed fields read by get_s/get_u', () => {
    expect(f([], [ref(false, 0)], [I32C(1), I32C(2), gc(0x00, 0)])).toBeNull();
    expect(f([], [ref(false, 0)], [I32C(1), gc(0x00, 0)])).toMatch(/^type mismatch/);
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x02, 0, 0)])).toBeNull();
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x02, 0, 1)])).toBe('field is packed');
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x03, 0, 0)])).toBe('field is unpacked');
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x04, 0, 1)])).toBeNull();
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x02, 0, 2)])).toBe('unknown field 2');
    expect(f([ref(true, 0)], [I32], [0x20, 0, gc(0x02, 1, 0)])).toMatch(/^type mismatch/); // not a struct
  });
  it('refuses writes to immutable fields and arrays', () => {
    expect(f([ref(true, 0)], [], [0x20, 0, I32C(1), gc(0x05, 0, 0)])).toBe('immutable field');
    expect(f([ref(true, 0)], [], [0x20, 0, I32C(1), gc(0x05, 0, 1)])).toBeNull();
    expect(f([ref(true, 2)], [], [0x20, 0, I32C(0), I32C(1), gc(0x0e, 2)])).toBe('immutable array');
    expect(f([ref(true, 1)], [], [0x20, 0, I32C(0), 0x42, 1, gc(0x0e, 1)])).toBeNull();
  });
  it('checks array.copy element types and array.new_fixed counts', () => {
    // copy i16 -> mut i64: types do not match
    expect(f([ref(true, 1), ref(true, 2)], [], [0x20, 0, I32C(0), 0x20, 1, I32C(0), I32C(0), gc(0x11, 1, 2)]))
      .toBe('array types do not match');
    expect(f([], [ref(false, 1)], [0x42, 1, 0x42, 2, gc(0x08, 1, 2)])).toBeNull();
    expect(f([], [ref(false, 1)], [0x42, 1, gc(0x08, 1, 2)])).toMatch(/^type mismatch/);
    // A huge count in unreachable code costs nothing.
    expect(f([], [ref(false, 1)], [0x00, gc(0x08, 1, 0xffffffff)])).toBeNull();
  });
  it('types i31 and extern/any conversion', () => {
    expect(f([], [ref(false, AbsHeap.I31)], [I32C(5), gc(0x1c)])).toBeNull();
    expect(f([ref(true, AbsHeap.I31)], [I32], [0x20, 0, gc(0x1d)])).toBeNull();
    expect(f([EXTERNREF], [ANYREF], [0x20, 0, gc(0x1a)])).toBeNull();
    expect(f([ref(false, AbsHeap.Extern)], [ref(false, AbsHeap.Any)], [0x20, 0, gc(0x1a)])).toBeNull();
    expect(f([ANYREF], [ANYREF], [0x20, 0, gc(0x1a)])).toMatch(/^type mismatch/);
  });
});

describe('casts and reference branches', () => {
  const types = [sub(struct(), [], false), sub(struct(fld(I32)), [0]), fn()];
  const f = (params: number[], results: number[], b: (number | number[])[]) => reason(body(fn(params, results), b, { types }));

  it('ref.test and ref.cast take operands of the target hierarchy', () => {
    expect(f([ANYREF], [I32], [0x20, 0, gc(0x14, 1)])).toBeNull();
    expect(f([ANYREF], [ref(false, 1)], [0x20, 0, gc(0x16, 1)])).toBeNull();
    expect(f([ANYREF], [ref(true, 1)], [0x20, 0, gc(0x17, 1)])).toBeNull();
    expect(f([FUNCREF], [I32], [0x20, 0, gc(0x14, 1)])).toMatch(/^type mismatch/);
    expect(f([ANYREF], [I32], [0x20, 0, gc(0x14, 9)])).toBe('unknown type 9');
  });
  it('br_on_cast requires the target type to be a subtype of the source', () => {
    // (block (result (ref 2)) (local.get 0) (br_on_cast 0 (ref null 1) (ref 2)) drop unreachable)
    const brOnCast = (flags: number, h1: number, h2: number) => [0xfb, 0x18, flags, 0, ...s(h1), ...s(h2)];
    const blk = (cast: number[]) => [0x02, 0x64, 1, 0x20, 0, ...cast, 0x1a, 0x00, 0x0b, 0x1a];
    expect(f([ref(true, 0)], [], blk(brOnCast(1, 0, 1)))).toBeNull();
    expect(f([ref(true, 0)], [], blk(brOnCast(1, 1, 0)))).toMatch(/^type mismatch/);
    // Source type must match the operand.
    expect(f([EQREF], [], blk(brOnCast(1, 0, 1)))).toMatch(/^type mismatch/);
  });
  it('br_on_null passes a non-null reference on', () => {
    // (block (local.get 0) (br_on_null 0) (drop))
    expect(f([ref(true, 0)], [ref(false, 0)], [0x02, 0x40, 0x20, 0, 0xd5, 0, 0x1a, 0x0b, 0x20, 0, 0xd4])).toBeNull();
    // The non-null result is what falls through: returning it directly needs no ref.as_non_null.
    expect(f([ref(true, 0)], [ref(false, 0)], [0x02, 0x40, 0x20, 0, 0xd5, 0, 0x0f, 0x0b, 0x00])).toBeNull();
    expect(f([ref(true, 0)], [ref(false, 0)], [0x02, 0x40, 0x20, 0, 0x0f, 0x0b, 0x00])).toMatch(/^type mismatch/);
    expect(f([I32], [], [0x20, 0, 0xd5, 0, 0x1a])).toMatch(/^type mismatch/);
  });
  it('call_ref takes a reference to the named function type', () => {
    expect(f([ref(true, 2)], [], [0x20, 0, 0x14, 2])).toBeNull();
    expect(f([FUNCREF], [], [0x20, 0, 0x14, 2])).toMatch(/^type mismatch/);
    expect(f([ref(true, 0)], [], [0x20, 0, 0x14, 0])).toMatch(/^type mismatch/);
  });
  it('matches concrete references through declared supertypes', () => {
    expect(f([ref(false, 1)], [ref(true, 0)], [0x20, 0])).toBeNull();
    expect(f([ref(false, 0)], [ref(true, 1)], [0x20, 0])).toMatch(/^type mismatch/);
    expect(f([ref(false, 1)], [STRUCTREF], [0x20, 0])).toBeNull();
    expect(f([ref(true, AbsHeap.None)], [ref(true, 1)], [0x20, 0])).toBeNull();
  });
});

describe('subtype declarations', () => {
  it('refuses final supertypes and structural mismatches', () => {
    expect(reason(mod({ types: [sub(struct(), [], false), sub(struct(fld(I32)), [0])] }))).toBeNull();
    expect(reason(mod({ types: [sub(struct(), [], true), sub(struct(), [0])] }))).toBe('sub type 1 does not match super type 0');
    expect(reason(mod({ types: [sub(struct(fld(I32)), [], false), sub(struct(fld(I64)), [0])] })))
      .toBe('sub type 1 does not match super type 0');
    expect(reason(mod({ types: [sub(array(fld(I32)), [], false), sub(struct(), [0])] }))).toBe('sub type 1 does not match super type 0');
    // Mutable fields are invariant, immutable ones covariant.
    const anyF = (m: boolean) => sub(struct(fld(ANYREF, m)), [], false);
    const eqF = (m: boolean) => sub(struct(fld(EQREF, m)), [0]);
    expect(reason(mod({ types: [anyF(false), eqF(false)] }))).toBeNull();
    expect(reason(mod({ types: [anyF(true), eqF(true)] }))).toBe('sub type 1 does not match super type 0');
  });
  it('checks function subtyping contravariantly in params', () => {
    const sup = sub(fn([EQREF], [ANYREF]), [], false);
    expect(reason(mod({ types: [sup, sub(fn([ANYREF], [EQREF]), [0])] }))).toBeNull();
    expect(reason(mod({ types: [sup, sub(fn([ref(true, AbsHeap.I31)], [EQREF]), [0])] })))
      .toBe('sub type 1 does not match super type 0');
  });
  it('allows references within a rec group but not beyond it', () => {
    const selfRef = [struct(fld(ref(true, 1))), struct(fld(ref(true, 0)))];
    expect(reason(mod({ types: selfRef, groups: [[0, 2]] }))).toBeNull();
    expect(reason(mod({ types: selfRef }))).toBe('unknown type 1');
  });
  it('treats iso-recursively equal types as equal in matching', () => {
    // Two separate but identical rec groups: (ref 0) and (ref 1) are the same type.
    const t = struct(fld(I32));
    const m = body(fn([ref(false, 0)], [ref(false, 1)]), [0x20, 0], { types: [t, t] });
    expect(reason(m)).toBeNull();
  });
});
