/**
 * The JS API's implementation limits (the JS API spec's "Limits" section, also tested by the
 * spec's test/js-api/limits.any.js): a module past one of the static limits is refused with a
 * CompileError by `Module`, `compile` and `instantiate`, and `validate` says false. The core
 * spec has no such limits, so the engine beneath does not check them; the dynamic limit on table
 * sizes is checked at instantiation (RangeError) and by `Table`.
 */
import type { Module as ModuleAst } from '../syntax/module.js';
import { CompileError } from './errors.js';
import { MAX_TABLE_SIZE } from './table.js';

/** The static limits, by what they count. */
export const LIMITS = Object.freeze({
  moduleSize: 1024 * 1024 * 1024,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 100_000,
  exports: 100_000,
  globals: 1_000_000,
  dataSegments: 100_000,
  elementSegments: 10_000_000,
  tables: 100_000,
  /** Multi-memory modules (WebAssembly 3.0) are allowed this many memories. */
  memories: 100,
  functionSize: 7_654_321,
  functionLocals: 50_000,
  functionParams: 1_000,
  functionResults: 1_000,
});

function leb128Size(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** The first static limit `ast` (decoded from `byteLength` bytes) exceeds, as a message, or null. */
export function exceededLimit(ast: ModuleAst, byteLength: number): string | null {
  const over = (what: string, n: number, limit: number): string | null => (n > limit ? `too many ${what}: ${n} (the limit is ${limit})` : null);
  const count = (kind: string): number => ast.imports.reduce((n, im) => n + (im.desc.kind === kind ? 1 : 0), 0);
  const checks: Array<() => string | null> = [
    () => (byteLength > LIMITS.moduleSize ? `module of ${byteLength} bytes is larger than the limit of ${LIMITS.moduleSize}` : null),
    () => over('types', ast.types.length, LIMITS.types),
    () => over('functions', ast.funcs.length, LIMITS.functions),
    () => over('imports', ast.imports.length, LIMITS.imports),
    () => over('exports', ast.exports.length, LIMITS.exports),
    () => over('globals', ast.globals.length, LIMITS.globals),
    () => over('data segments', ast.datas.length, LIMITS.dataSegments),
    () => over('element segments', ast.elems.length, LIMITS.elementSegments),
    () => over('tables', count('table') + ast.tables.length, LIMITS.tables),
    () => over('memories', count('memory') + ast.memories.length, LIMITS.memories),
  ];
  for (const check of checks) {
    const m = check();
    if (m !== null) return m;
  }
  for (const st of ast.types) {
    if (st.comp.kind !== 'func') continue;
    const m = over('function parameters', st.comp.params.length, LIMITS.functionParams) ?? over('function results', st.comp.results.length, LIMITS.functionResults);
    if (m !== null) return m;
  }
  for (let i = 0; i < ast.codes.length; i++) {
    const code = ast.codes[i]!;
    const type = ast.types[ast.funcs[i]!]?.comp;
    const params = type !== undefined && type.kind === 'func' ? type.params.length : 0;
    const locals = over('locals in a function', params + code.numLocals, LIMITS.functionLocals);
    if (locals !== null) return locals;
    // The entry's size: the local declarations (a count, then count and type per group) and the body.
    const size = leb128Size(code.locals.length) + code.locals.reduce((n, d) => n + leb128Size(d.count) + 1, 0) + code.body.bytes.length;
    if (size > LIMITS.functionSize) return `function body of ${size} bytes is larger than the limit of ${LIMITS.functionSize}`;
  }
  return null;
}

/** Throws CompileError when `ast` exceeds a static limit. */
export function checkStaticLimits(ast: ModuleAst, byteLength: number): void {
  const m = exceededLimit(ast, byteLength);
  if (m !== null) throw new CompileError(m);
}

/** Throws RangeError when instantiating `ast` would create a table past the dynamic limit. */
export function checkDynamicLimits(ast: ModuleAst): void {
  for (const t of ast.tables) {
    if (t.type.limits.min > MAX_TABLE_SIZE) throw new RangeError(`table of ${t.type.limits.min} elements is larger than the limit of ${MAX_TABLE_SIZE}`);
  }
}
