/**
 * Commands and Reactors (the WASI application conventions, as wasmtime's `Linker::module` applies
 * them). A module exporting `_start` is a Command: every call of any of its exported functions
 * runs in a fresh instance. A module exporting `_initialize`, or neither, is a Reactor: one
 * instance, `_initialize` run once. This file decides which a module is, and which non-function
 * exports a Command may have (the ones toolchains emit: memory, the function table, and a few
 * linker globals).
 */
import type { Module } from '../runtime/module.js';
import type { ExternKind, FuncType } from '../syntax/types.js';

/** Which convention a module follows. */
export type ModuleKind = 'command' | 'reactor';

/** Classifies `module` by its exports; throws when it is both or when `_start`/`_initialize` is not a function. */
export function categorize(module: Module): ModuleKind {
  let start: ExternKind | undefined;
  let init: ExternKind | undefined;
  for (const e of module.exports()) {
    if (e.name === '_start') start = e.kind;
    else if (e.name === '_initialize') init = e.kind;
  }
  if (start !== undefined && init !== undefined) throw new Error('Program cannot be both a Command and a Reactor');
  if (start !== undefined) {
    if (start !== 'func') throw new Error('`_start` must be a function');
    return 'command';
  }
  if (init !== undefined && init !== 'func') throw new Error('`_initialize` must be a function');
  return 'reactor';
}

/** Non-function exports a Command may have without `allowUnknownExports` (name and kind). */
const ALLOWED_COMMAND_EXPORTS: ReadonlyArray<readonly [string, ExternKind]> = [
  ['memory', 'memory'],
  ['__indirect_function_table', 'table'],
  ['table', 'table'],
  ['__data_end', 'global'],
  ['__heap_base', 'global'],
  ['__dso_handle', 'global'],
  ['__rtti_base', 'global'],
];

/** Whether a Command may export `name` of kind `kind` (a non-function) without an error. */
export function isAllowedCommandExport(name: string, kind: ExternKind): boolean {
  return ALLOWED_COMMAND_EXPORTS.some(([n, k]) => n === name && k === kind);
}

/** The type of the function exported at function index `index` (imports first, as in the module). */
export function exportedFuncType(module: Module, index: number): FuncType {
  const imported = module.ast.imports.filter((i) => i.desc.kind === 'func');
  const typeIdx = index < imported.length
    ? (imported[index]!.desc as { typeIdx: number }).typeIdx
    : module.ast.funcs[index - imported.length]!;
  return module.funcType(typeIdx);
}
