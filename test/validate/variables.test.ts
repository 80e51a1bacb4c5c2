/** Locals (incl. non-defaultable initialisation), globals, and constant expressions. */
import { describe, expect, it } from 'vitest';
import { AbsHeap, FUNCREF, I32, I64, refType } from '../../src/syntax/types.js';
import { body, fn, mod, s } from './build.js';
import { reason } from './helpers.js';

const I32C = (n: number) => [0x41, ...s(n)];
const REF_FUNC = refType(false, AbsHeap.Func);
const END = 0x0b;

describe('locals', () => {
  it('refuses unknown locals with their index', () => {
    expect(reason(body(fn([I32]), [0x20, 1, 0x1a]))).toBe('unknown local 1');
    expect(reason(body(fn([I32]), [0x20, 0, 0x1a]))).toBeNull();
  });
  it('checks local.set / local.tee operand types', () => {
    expect(reason(body(fn([I32]), [0x42, 0, 0x21, 0]))).toMatch(/^type mismatch/);
    expect(reason(body(fn([I32], [I32]), [I32C(1), 0x22, 0]))).toBeNull();
  });
  it('requires non-defaultable locals to be set before use, per block', () => {
    const f = (b: (number | number[])[]) => reason(mod({ types: [fn()], funcs: [{ type: 0, locals: [REF_FUNC], body: b }], extra: { exports: [{ name: 'f', kind: 'func', index: 0 }] } }));
    const setLocal = [0xd2, 0, 0x21, 0]; // ref.func 0; local.set 0
    expect(f([0x20, 0, 0x1a])).toBe('uninitialized local');
    expect(f([...setLocal, 0x20, 0, 0x1a])).toBeNull();
    // Set inside a block: forgotten after its end.
    expect(f([0x02, 0x40, ...setLocal, 0x20, 0, 0x1a, END, 0x20, 0, 0x1a])).toBe('uninitialized local');
    // Set before the block: still set inside and after.
    expect(f([...setLocal, 0x02, 0x40, 0x20, 0, 0x1a, END, 0x20, 0, 0x1a])).toBeNull();
    // Nullable reference locals are defaultable.
    expect(reason(mod({ types: [fn()], funcs: [{ type: 0, locals: [FUNCREF], body: [0x20, 0, 0x1a] }] }))).toBeNull();
  });
});

describe('local declarations', () => {
  it('refuses more locals than the limit without allocating them', () => {
    const m = mod({ types: [fn()], funcs: [{ type: 0, body: [] }] });
    const huge = { ...m, codes: [{ ...m.codes[0]!, locals: [{ count: 0xffffffff, type: I32 }], numLocals: 0 }] };
    expect(reason(huge)).toBe('too many locals');
    const ok = { ...m, codes: [{ ...m.codes[0]!, locals: [{ count: 1000, type: I64 }], numLocals: 1000 }] };
    expect(reason(ok)).toBeNull();
  });
});

describe('globals', () => {
  it('refuses unknown and immutable globals', () => {
    expect(reason(body(fn(), [0x23, 0, 0x1a]))).toBe('unknown global 0');
    const g = { globals: [{ type: I32, init: I32C(0) }] };
    expect(reason(body(fn(), [I32C(1), 0x24, 0], g))).toBe('immutable global');
    expect(reason(body(fn(), [I32C(1), 0x24, 0], { globals: [{ type: I32, mutable: true, init: I32C(0) }] }))).toBeNull();
  });
  it('checks initialisers: type, constness, and only earlier immutable globals', () => {
    expect(reason(mod({ globals: [{ type: I32, init: [0x42, 0] }] }))).toMatch(/^type mismatch/);
    expect(reason(mod({ globals: [{ type: I32, init: [] }] }))).toMatch(/^type mismatch/);
    expect(reason(mod({ globals: [{ type: I32, init: [I32C(1), I32C(2), 0x6b] }] }))).toBeNull(); // extended const i32.sub
    expect(reason(mod({ globals: [{ type: I32, init: [I32C(1), 0x45] }] }))).toBe('constant expression required'); // i32.eqz
    expect(reason(mod({ globals: [{ type: I32, init: [0x23, 0] }] }))).toBe('unknown global 0');
    expect(reason(mod({ globals: [{ type: I32, init: [0x23, 1] }, { type: I32, init: I32C(0) }] }))).toBe('unknown global 1');
    expect(reason(mod({ globals: [{ type: I32, init: I32C(0) }, { type: I32, init: [0x23, 0] }] }))).toBeNull();
    expect(reason(mod({ globals: [{ type: I32, mutable: true, init: I32C(0) }, { type: I32, init: [0x23, 0] }] })))
      .toBe('constant expression required');
    expect(reason(mod({ globals: [{ type: I64, init: [I32C(0)] }] }))).toMatch(/^type mismatch/);
  });
  it('declares functions referenced in initialisers for ref.func in code', () => {
    const undeclared = mod({ types: [fn()], funcs: [{ type: 0, body: [0xd2, 0, 0x1a] }] });
    expect(reason(undeclared)).toBe('undeclared function reference 0');
    const declared = mod({ types: [fn()], funcs: [{ type: 0, body: [0xd2, 0, 0x1a] }], globals: [{ type: FUNCREF, init: [0xd2, 0] }] });
    expect(reason(declared)).toBeNull();
  });
});
