/**
 * Module-level validation (Validation › Modules): checks the parts of a module in the spec's order —
 * types, imports, function declarations, tables, memories, globals (each seeing only the globals
 * before it), tags, table initialisers (seeing only imported globals, as tables precede globals),
 * element and data segments, then function bodies, the start function and the exports — building
 * the context C as it goes.
 *
 * C.refs (the functions `ref.func` may name inside function bodies) holds every function referenced
 * outside function bodies: in constant expressions, element segments and exports. They are all
 * collected before the first body is checked.
 */
import type { Module } from '../syntax/module.js';
import { indexSpaces } from '../syntax/module.js';
import { I32, I64, isNullable, refType, valTypeToString } from '../syntax/types.js';
import { invalid, malformed } from '../util/errors.js';
import { TypeRegistry } from './canonical.js';
import { ModuleContext } from './context.js';
import { FuncState, validateConstExpr, validateFunc } from './func.js';
import { checkMemType, checkTableType, checkTagType, checkTypes } from './types.js';

/** Switches for rules that changed between versions of the spec (WebAssembly 3.0 is the default). */
export interface ValidateOptions {
  /** Allow more than one memory and more than one table (multi-memory; default true). */
  multiMemory?: boolean;
}

/**
 * Validates `m`, throwing CompileError('invalid', reason, offset) with the reference interpreter's
 * wording at the first rule it breaks. `registry` canonicalises the module's types; pass the engine's
 * to share canonical ids with the runtime, or omit it for a private one.
 * Returns the context, whose `ids` are the canonical type ids of the module's type indices.
 */
export function validateModuleWith(
  m: Module,
  registry: TypeRegistry = new TypeRegistry(),
  options: ValidateOptions = {},
): ModuleContext {
  const c = new ModuleContext(m, registry);
  checkTypes(c);

  for (const im of m.imports) {
    const d = im.desc;
    switch (d.kind) {
      case 'func': c.funcTypeAt(d.typeIdx, -1); c.funcs.push(d.typeIdx); break;
      case 'table': checkTableType(c, d.type); c.tables.push(d.type); break;
      case 'memory': checkMemType(d.type); c.mems.push(d.type); break;
      case 'global': c.checkVal(d.type.type, -1); c.globals.push(d.type); break;
      case 'tag': checkTagType(c, d.typeIdx); c.tags.push(d.typeIdx); break;
    }
  }
  const spaces = indexSpaces(m);
  for (const x of m.funcs) {
    c.funcTypeAt(x, -1);
    c.funcs.push(x);
  }
  for (const t of m.tables) {
    checkTableType(c, t.type);
    c.tables.push(t.type);
  }
  for (const mt of m.memories) {
    checkMemType(mt);
    c.mems.push(mt);
  }

  if (options.multiMemory === false) {
    // Before the multi-memory proposal (still how some proposal test suites are written).
    if (c.tables.length > 1) throw invalid('multiple tables');
    if (c.mems.length > 1) throw invalid('multiple memories');
  }

  const s = new FuncState(c);
  const numImportedGlobals = spaces.importedGlobals;
  m.globals.forEach((g, i) => {
    c.checkVal(g.type.type, g.init.offset);
    validateConstExpr(s, g.init, g.type.type, numImportedGlobals + i);
    c.globals.push(g.type);
  });
  for (const tg of m.tags) {
    checkTagType(c, tg.typeIdx);
    c.tags.push(tg.typeIdx);
  }
  const allGlobals = c.globals.length;
  // Tables precede globals in a module, so their initialisers see only imported globals.
  for (const t of m.tables) {
    if (t.init !== null) validateConstExpr(s, t.init, t.type.elemType, numImportedGlobals);
    else if (!isNullable(t.type.elemType)) {
      throw invalid(`type mismatch: table of type ${valTypeToString(t.type.elemType)} needs an initializer`);
    }
  }

  for (const e of m.elems) {
    c.checkVal(e.type, -1);
    if (e.funcIndices !== null) {
      for (const x of e.funcIndices) {
        const ft = c.funcs[x];
        if (ft === undefined) throw invalid(`unknown function ${x}`);
        if (!c.matches(refType(false, ft), e.type)) throw invalid('type mismatch: element is not of the segment type');
        c.refs.add(x);
      }
    } else {
      for (const x of e.exprs!) validateConstExpr(s, x, e.type, allGlobals);
    }
    if (e.mode === 'active') {
      const tt = c.table(e.table, e.offset?.offset ?? -1);
      if (!c.matches(e.type, tt.elemType)) {
        throw invalid(`type mismatch: element segment's type ${valTypeToString(e.type)} does not match table's element type ${valTypeToString(tt.elemType)}`);
      }
      validateConstExpr(s, e.offset!, tt.addrType === 'i64' ? I64 : I32, allGlobals);
    }
    c.elems.push(e.type);
  }
  for (const d of m.datas) {
    if (d.mode === 'active') {
      const mt = c.mem(d.memory, d.offset?.offset ?? -1);
      validateConstExpr(s, d.offset!, mt.addrType === 'i64' ? I64 : I32, allGlobals);
    }
  }

  for (const ex of m.exports) if (ex.kind === 'func') c.refs.add(ex.index);
  if (m.codes.length !== m.funcs.length) {
    throw malformed('function and code section have inconsistent lengths', -1);
  }
  for (let i = 0; i < m.funcs.length; i++) {
    validateFunc(s, c.funcTypeAt(m.funcs[i]!, -1), m.codes[i]!);
  }

  if (m.start !== null) {
    const ft = c.funcTypeOf(m.start, -1);
    if (ft.params.length !== 0 || ft.results.length !== 0) {
      throw invalid('start function must not have parameters or results');
    }
  }

  const names = new Set<string>();
  for (const ex of m.exports) {
    switch (ex.kind) {
      case 'func': c.funcTypeOf(ex.index, -1); break;
      case 'table': c.table(ex.index, -1); break;
      case 'memory': c.mem(ex.index, -1); break;
      case 'global': c.global(ex.index, -1); break;
      case 'tag': c.tag(ex.index, -1); break;
    }
    if (names.has(ex.name)) throw invalid('duplicate export name');
    names.add(ex.name);
  }
  return c;
}
