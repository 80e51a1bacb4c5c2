/**
 * Module: a compiled module of an engine — decoded and validated eagerly (so an invalid module
 * is refused before anything runs), with its types registered in the engine's TypeRegistry.
 * Function bodies are translated later by the interpreter (lazily by default). A Module holds no
 * state of any store and can be instantiated in many stores of its engine.
 */
import { checkDataCountUses, decodeModule, type DecodeOptions } from '../decoder/index.js';
import type { Module as ModuleAst } from '../syntax/module.js';
import { canonValType } from '../validate/canonical.js';
import { validateModule } from '../validate/index.js';
import type { ExternType, ExternKind, FuncType } from '../syntax/types.js';
import { invalid } from '../util/errors.js';
import type { Engine } from './engine.js';
import { FEATURES, moduleFeatures, OPERATOR_FEATURES } from './features.js';

/** An import as the API describes it. */
export interface ImportType {
  readonly module: string;
  readonly name: string;
  readonly type: ExternType;
}

/** An export as the API describes it. */
export interface ExportType {
  readonly name: string;
  readonly kind: ExternKind;
  /** Index in the module's index space of that kind. */
  readonly index: number;
}

/** A validated module, ready to instantiate in any store of `engine`. */
export class Module {
  /** Canonical type id of each type index (see validate/canonical.ts). */
  readonly typeIds: readonly number[];

  private constructor(
    readonly engine: Engine,
    /** The decoded module structure. */
    readonly ast: ModuleAst,
  ) {
    this.typeIds = engine.types.canonicalize(ast);
  }

  /** Decodes and validates `bytes`; throws CompileError (malformed or invalid) on failure. */
  static new(engine: Engine, bytes: Uint8Array): Module {
    const ast = decodeAndValidate(engine, bytes);
    checkFeatures(engine, ast);
    return new Module(engine, ast);
  }

  /** Checks that `bytes` is a valid module for `engine` without keeping it; throws CompileError if not. */
  static validate(engine: Engine, bytes: Uint8Array): void {
    checkFeatures(engine, decodeAndValidate(engine, bytes));
  }

  /** The module's imports, in order. */
  imports(): ImportType[] {
    return this.ast.imports.map((im) => ({ module: im.module, name: im.name, type: im.desc }));
  }

  /** The module's exports, in order. */
  exports(): ExportType[] {
    return this.ast.exports.map((ex) => ({ name: ex.name, kind: ex.kind, index: ex.index }));
  }

  /** The module's name from the name section, if any. */
  get name(): string | null {
    return this.ast.names?.module ?? null;
  }

  /** The function type of type index `typeIdx`, with concrete heap types as canonical ids. */
  funcType(typeIdx: number): FuncType {
    const st = this.ast.types[typeIdx];
    if (st === undefined || st.comp.kind !== 'func') throw new RangeError(`type ${typeIdx} is not a function type`);
    const ids = this.typeIds;
    return {
      kind: 'func',
      params: st.comp.params.map((t) => canonValType(t, ids)),
      results: st.comp.results.map((t) => canonValType(t, ids)),
    };
  }

  /** The contents of the custom sections called `name`. */
  customSections(name: string): Uint8Array[] {
    return this.ast.customs.filter((c) => c.name === name).map((c) => c.bytes);
  }
}

/**
 * Decodes and validates, streaming the bodies once: the decoder's data-count check (a pass over
 * the bodies that might use memory.init or data.drop) is left to the validator, which refuses those
 * operators the same way, and only run when validation fails, so that a malformed module is still
 * reported as malformed rather than by the validator's first complaint.
 */
function decodeAndValidate(engine: Engine, bytes: Uint8Array): ModuleAst {
  const ast = decodeModule(bytes, { ...decodeOptions(engine), skipDataCountCheck: true });
  try {
    validateModule(ast);
  } catch (e) {
    checkDataCountUses(ast);
    throw e;
  }
  return ast;
}

/** Refuses a module that uses a feature the engine's configuration disables (wasmparser's wording). */
function checkFeatures(engine: Engine, ast: ModuleAst): void {
  const enabled = engine.config.features;
  const disabled = FEATURES.filter((f) => !enabled[f]);
  if (disabled.length === 0) return;
  // The default config disables only custom-page-sizes, which no operator shows: then the bodies
  // (nearly all of a module's bytes) need not be streamed a second time.
  const scanCode = disabled.some((f) => OPERATOR_FEATURES.has(f));
  for (const f of moduleFeatures(ast, scanCode)) {
    if (!enabled[f]) throw invalid(`${f} support is not enabled`);
  }
}

/** What the decoder must accept beyond 3.0 for this engine's features. */
function decodeOptions(engine: Engine): DecodeOptions {
  return { customPageSizes: engine.config.features['custom-page-sizes'] };
}
