/**
 * Instantiation (Execution › Modules › Instantiation) after import matching: allocates functions,
 * globals, tables, memories, tags and segments in the spec's order, builds the exports map, then
 * runs the active element and data segments in order and the start function. A trap during
 * initialisation is thrown as a Trap; effects that happened before it stay, as the spec says.
 *
 * What it does not do: check imports against the module's import types (the runtime does that and
 * throws LinkError before calling here).
 */
import { HostFuncInst, WasmFuncInst, type FuncInst } from '../core/func.js';
import { GlobalInst } from '../core/global.js';
import { TagInst, type DataInst, type ElemInst, type ExternVal, type ModuleInst } from '../core/instance.js';
import { MemoryInst } from '../core/memory.js';
import { TableInst } from '../core/table.js';
import type { Ref } from '../core/values.js';
import type { Module } from '../syntax/module.js';
import { canonValType, type TypeRegistry } from '../validate/canonical.js';
import { Trap, TrapCode } from '../util/errors.js';
import { evalConstExpr, offsetValue } from './const-expr.js';
import { setInstanceOptions } from './options.js';
import { compiled, Thread, RunResult } from './thread.js';

/** Options of instantiation. */
export interface InstantiateOptions {
  /** Translate code with fuel accounting (see thread.ts). */
  fuel?: boolean;
  /** Translate every function now instead of on first call. */
  eager?: boolean;
  /** Call depth limit for the start function. */
  maxCallDepth?: number;
  /** Fuel for the start function (unlimited when absent). */
  startFuel?: number;
  /**
   * Run the start function here (default true). The runtime passes false and calls it itself,
   * so that the start function spends the store's fuel and obeys its stack limits.
   */
  runStart?: boolean;
}

/**
 * Instantiates `module` (validated) with `imports` (one ExternVal per import, in order, already
 * matched). Returns the module instance; throws Trap if a segment or the start function traps.
 */
export function instantiate(module: Module, imports: ExternVal[], registry: TypeRegistry, options: InstantiateOptions = {}): ModuleInst {
  const typeIds = registry.canonicalize(module);
  const funcs: FuncInst[] = [];
  const tables: TableInst[] = [];
  const memories: MemoryInst[] = [];
  const globals: GlobalInst[] = [];
  const tags: TagInst[] = [];
  for (const ev of imports) {
    switch (ev.kind) {
      case 'func': funcs.push(ev.value); break;
      case 'table': tables.push(ev.value); break;
      case 'memory': memories.push(ev.value); break;
      case 'global': globals.push(ev.value); break;
      case 'tag': tags.push(ev.value); break;
    }
  }
  const elems: ElemInst[] = [];
  const datas: DataInst[] = [];
  const inst: ModuleInst = {
    module, typeIds, funcs, tables, memories, globals, tags, elems, datas, exports: new Map(),
  };
  setInstanceOptions(inst, { fuel: options.fuel === true, registry });

  const nImportedFuncs = funcs.length;
  for (let i = 0; i < module.funcs.length; i++) {
    const id = typeIds[module.funcs[i]!]!;
    funcs.push(new WasmFuncInst(id, registry.funcType(id), inst, nImportedFuncs + i, module.codes[i]!));
  }
  // Global and table types are stored canonical (concrete heap types as engine type ids), as
  // import matching and other modules of the same engine read them.
  for (const g of module.globals) {
    globals.push(new GlobalInst({ ...g.type, type: canonValType(g.type.type, typeIds) }, evalConstExpr(g.init, inst)));
  }
  for (const t of module.tables) {
    const init = t.init === null ? null : (evalConstExpr(t.init, inst) as Ref);
    tables.push(new TableInst({ ...t.type, elemType: canonValType(t.type.elemType, typeIds) }, init));
  }
  for (const m of module.memories) memories.push(new MemoryInst(m));
  for (const t of module.tags) {
    const id = typeIds[t.typeIdx]!;
    tags.push(new TagInst(id, registry.funcType(id).params));
  }
  for (const e of module.elems) {
    const refs: Ref[] = e.funcIndices !== null
      ? Array.from(e.funcIndices, (x) => funcs[x]!)
      : e.exprs!.map((x) => evalConstExpr(x, inst) as Ref);
    elems.push({ elements: refs });
  }
  for (const d of module.datas) datas.push({ bytes: d.bytes });

  for (const ex of module.exports) {
    let v: ExternVal;
    switch (ex.kind) {
      case 'func': v = { kind: 'func', value: funcs[ex.index]! }; break;
      case 'table': v = { kind: 'table', value: tables[ex.index]! }; break;
      case 'memory': v = { kind: 'memory', value: memories[ex.index]! }; break;
      case 'global': v = { kind: 'global', value: globals[ex.index]! }; break;
      case 'tag': v = { kind: 'tag', value: tags[ex.index]! }; break;
    }
    inst.exports.set(ex.name, v);
  }

  if (options.eager) for (const f of funcs) if (f instanceof WasmFuncInst && f.instance === inst) compiled(f);

  // Active element segments, then data segments, in order (each as table.init/memory.init + drop).
  for (let i = 0; i < module.elems.length; i++) {
    const e = module.elems[i]!;
    if (e.mode === 'passive') continue;
    if (e.mode === 'active') {
      const table = tables[e.table]!;
      const off = offsetValue(evalConstExpr(e.offset!, inst));
      const els = elems[i]!.elements;
      if (off + els.length > table.elements.length) throw new Trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < els.length; k++) table.elements[off + k] = els[k]!;
    }
    elems[i]!.elements = [];
  }
  for (let i = 0; i < module.datas.length; i++) {
    const d = module.datas[i]!;
    if (d.mode !== 'active') continue;
    const mem = memories[d.memory]!;
    const off = offsetValue(evalConstExpr(d.offset!, inst));
    if (off + d.bytes.length > mem.bytes.length) throw new Trap(TrapCode.MemoryOutOfBounds);
    mem.bytes.set(d.bytes, off);
    datas[i]!.bytes = new Uint8Array(0);
  }

  if (module.start !== null && options.runStart !== false) {
    const f = funcs[module.start]!;
    if (f instanceof HostFuncInst) f.fn([]);
    else {
      const t = new Thread({ maxCallDepth: options.maxCallDepth, fuel: options.startFuel });
      t.start(f, []);
      if (t.run() === RunResult.OutOfFuel) throw new Trap(TrapCode.OutOfFuel);
    }
  }
  return inst;
}
