/** Module-level rules: limits, imports, tags, start, exports, element and data segments; exceptions in code. */
import { describe, expect, it } from 'vitest';
import type { ElemSegment, Module } from '../../src/syntax/module.js';
import { AbsHeap, EXNREF, EXTERNREF, FUNCREF, I32, I64, refType } from '../../src/syntax/types.js';
import { body, expr, fn, mem, mod, s, table } from './build.js';
import { reason } from './helpers.js';
import { validateModule } from '../../src/validate/index.js';

const I32C = (n: number) => [0x41, ...s(n)];

function activeElem(tableIdx: number, type: number, funcs: number[]): ElemSegment {
  return { mode: 'active', table: tableIdx, offset: expr(I32C(0), 0x0b), type, funcIndices: Uint32Array.from(funcs), exprs: null, form: 0 };
}

describe('limits', () => {
  it('checks memory limits', () => {
    expect(reason(mod({ memories: [mem(2, 1)] }))).toBe('size minimum must not be greater than maximum');
    expect(reason(mod({ memories: [mem(65537)] }))).toBe('memory size must be at most 65536 pages (4GiB)');
    expect(reason(mod({ memories: [mem(65536, 65536)] }))).toBeNull();
    expect(reason(mod({ memories: [mem(65537, null, 'i64')] }))).toBeNull();
    expect(reason(mod({ memories: [mem(2 ** 48 + 1, null, 'i64')] }))).toMatch(/^memory size must be at most/);
    expect(reason(mod({ memories: [mem(1, null, 'i32', true)] }))).toBe('shared memory must have maximum');
    expect(reason(mod({ memories: [{ ...mem(1), pageSizeLog2: 8 }] }))).toBe('invalid custom page size');
    // Several memories are fine in 3.0, unless the multi-memory rules are switched off.
    expect(reason(mod({ memories: [mem(), mem()] }))).toBeNull();
    expect(() => validateModule(mod({ memories: [mem(), mem()] }), undefined, { multiMemory: false })).toThrow('multiple memories');
    expect(() => validateModule(mod({ tables: [table(), table()] }), undefined, { multiMemory: false })).toThrow('multiple tables');
    expect(() => validateModule(mod({ memories: [mem()], tables: [table()] }), undefined, { multiMemory: false })).not.toThrow();
  });
  it('checks table limits by address type', () => {
    const t = (min: number, max: number | null, a: 'i32' | 'i64' = 'i32') => ({ limits: { min, max }, elemType: FUNCREF, addrType: a });
    expect(reason(mod({ tables: [t(2 ** 32, null)] }))).toBe('table size must be at most 2^32-1');
    expect(reason(mod({ tables: [t(2 ** 32, null, 'i64')] }))).toBeNull();
    expect(reason(mod({ tables: [t(3, 2)] }))).toBe('size minimum must not be greater than maximum');
  });
  it('lets table initialisers read only imported globals (tables precede globals)', () => {
    const init = (globalIdx: number): Module => {
      const m = mod({ globals: [{ type: FUNCREF, init: [0xd0, 0x70] }] });
      const imports: Module['imports'] = [{ module: 'm', name: 'g', desc: { kind: 'global', type: { type: FUNCREF, mutable: false } } }];
      return { ...m, imports, tables: [{ type: table(), init: expr([0x23, globalIdx], 0x0b) }] };
    };
    expect(reason(init(0))).toBeNull();
    expect(reason(init(1))).toBe('unknown global 1');
  });
  it('needs an initialiser for tables of non-nullable references', () => {
    expect(reason(mod({ tables: [table(1, refType(false, AbsHeap.Func))] }))).toMatch(/^type mismatch/);
  });
});

describe('imports, tags, start and exports', () => {
  const withTags = (tagTypes: number[], types = [fn([I32]), fn([], [I32])]): Module =>
    mod({ types, extra: { tags: tagTypes.map((typeIdx) => ({ typeIdx })) } });
  it('requires tag types to be function types without results', () => {
    expect(reason(withTags([0]))).toBeNull();
    expect(reason(withTags([1]))).toBe('non-empty tag result type');
    expect(reason(withTags([2]))).toBe('unknown type 2');
  });
  it('requires a start function of type [] -> []', () => {
    const m = (start: number, ft = fn()) => mod({ types: [ft], funcs: [{ type: 0, body: ft.kind === 'func' && ft.results.length ? [I32C(0)] : [] }], extra: { start } });
    expect(reason(m(0))).toBeNull();
    expect(reason(m(0, fn([], [I32])))).toBe('start function must not have parameters or results');
    expect(reason(m(1))).toBe('unknown function 1');
  });
  it('refuses duplicate export names and unknown exported items', () => {
    const exp = (exports: Module['exports']) => mod({ types: [fn()], funcs: [{ type: 0, body: [] }], memories: [mem()], extra: { exports } });
    expect(reason(exp([{ name: 'a', kind: 'func', index: 0 }, { name: 'b', kind: 'memory', index: 0 }]))).toBeNull();
    expect(reason(exp([{ name: 'a', kind: 'func', index: 0 }, { name: 'a', kind: 'memory', index: 0 }]))).toBe('duplicate export name');
    expect(reason(exp([{ name: 'g', kind: 'global', index: 0 }]))).toBe('unknown global 0');
    expect(reason(exp([{ name: 't', kind: 'tag', index: 0 }]))).toBe('unknown tag 0');
  });
  it('checks imported function types', () => {
    const imp = (typeIdx: number) => mod({ types: [fn()], extra: { imports: [{ module: 'm', name: 'f', desc: { kind: 'func', typeIdx } }] } });
    expect(reason(imp(0))).toBeNull();
    expect(reason(imp(1))).toBe('unknown type 1');
  });
});

describe('element and data segments', () => {
  const base = { types: [fn()], funcs: [{ type: 0, body: [] as number[] }] };
  it('checks table, function indices and element type of active segments', () => {
    expect(reason(mod({ ...base, tables: [table()], extra: { elems: [activeElem(0, FUNCREF, [0])] } }))).toBeNull();
    expect(reason(mod({ ...base, tables: [table()], extra: { elems: [activeElem(1, FUNCREF, [0])] } }))).toBe('unknown table 1');
    expect(reason(mod({ ...base, tables: [table()], extra: { elems: [activeElem(0, FUNCREF, [3])] } }))).toBe('unknown function 3');
    expect(reason(mod({ ...base, tables: [table(1, EXTERNREF)], extra: { elems: [activeElem(0, FUNCREF, [0])] } }))).toMatch(/^type mismatch/);
  });
  it('declares functions named by element segments for ref.func', () => {
    const declared: ElemSegment = { ...activeElem(0, FUNCREF, [0]), mode: 'declarative', offset: null };
    const code = { types: [fn()], funcs: [{ type: 0, body: [0xd2, 0, 0x1a] }] };
    expect(reason(mod(code))).toBe('undeclared function reference 0');
    expect(reason(mod({ ...code, extra: { elems: [declared] } }))).toBeNull();
  });
  it('types active data offsets by the memory address type', () => {
    const data = (memory: number, offset: number[]) => ({ mode: 'active' as const, memory, offset: expr(offset, 0x0b), bytes: new Uint8Array(1), form: 0 });
    expect(reason(mod({ memories: [mem()], extra: { datas: [data(0, I32C(0))] } }))).toBeNull();
    expect(reason(mod({ memories: [mem(1, null, 'i64')], extra: { datas: [data(0, I32C(0))] } }))).toMatch(/^type mismatch/);
    expect(reason(mod({ memories: [mem(1, null, 'i64')], extra: { datas: [data(0, [0x42, 0])] } }))).toBeNull();
    expect(reason(mod({ extra: { datas: [data(0, I32C(0))] } }))).toBe('unknown memory 0');
  });
});

describe('exception handling in code', () => {
  const tags = { extra: { tags: [{ typeIdx: 0 }] } };
  // type 0: tag type [i32] -> []
  const f = (results: number[], b: (number | number[])[]) => reason(body(fn([], results), b, { types: [fn([I32])], ...tags }));
  it('types throw by the tag and try_table catch clauses by their label', () => {
    expect(f([], [I32C(1), 0x08, 0])).toBeNull();
    expect(f([], [0x08, 0])).toBe('type mismatch: instruction requires [i32] but stack has []');
    expect(f([], [0x08, 1])).toBe('unknown tag 1');
    // (block (result i32) (try_table (catch 0 0) ...) unreachable)
    expect(f([I32], [0x02, 0x7f, 0x1f, 0x40, 1, 0x00, 0, 0, 0x0b, 0x00, 0x0b])).toBeNull();
    // catch_ref needs [i32 exnref] at the label
    expect(f([I32], [0x02, 0x7f, 0x1f, 0x40, 1, 0x01, 0, 0, 0x0b, 0x00, 0x0b])).toMatch(/^type mismatch/);
    // catch_all_ref to a label taking (ref exn)
    expect(f([EXNREF], [0x02, 0x64, 0x69, 0x1f, 0x40, 1, 0x03, 0, 0x0b, 0x00, 0x0b])).toBeNull();
  });
  it('checks legacy try/catch/rethrow/delegate', () => {
    // try (catch 0 drop) end
    expect(f([], [0x06, 0x40, 0x07, 0, 0x1a, 0x0b])).toBeNull();
    // rethrow inside catch ok, outside not
    expect(f([], [0x06, 0x40, 0x19, 0x09, 0, 0x0b])).toBeNull();
    expect(f([], [0x06, 0x40, 0x09, 0, 0x0b])).toBe('invalid rethrow label');
    // try ... delegate 0 (to the function frame)
    expect(f([], [0x06, 0x40, 0x18, 0])).toBeNull();
    expect(f([], [0x06, 0x40, 0x18, 1])).toBe('unknown label 1');
    expect(f([I64], [0x06, 0x7e, 0x42, 0, 0x07, 0, 0x1a, 0x42, 1, 0x0b])).toBeNull();
  });
});
