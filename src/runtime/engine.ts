/**
 * The Engine: configuration shared by every store and module created from it, and the type
 * registry that gives every function/struct/array type a canonical id across modules (so imports
 * and `call_indirect` compare integers). An Engine holds no instance state: that is the Store's.
 */
import { TypeRegistry } from '../validate/canonical.js';
import { FEATURES, type Feature } from './features.js';

/** Which interpreter loop runs wasm code (see `Config.executor`). */
export type Executor = 'auto' | 'switch' | 'closures';

/** How function bodies are translated to the interpreter's internal code. */
export type CompilationMode = 'lazy' | 'eager';

/** Engine settings. Every field is optional; see `DEFAULT_CONFIG` for the defaults. */
export interface Config {
  /**
   * Whether stores created from this engine meter fuel. When true, a store starts with 0 fuel and
   * every executed instruction costs fuel (see `Store.setFuel`).
   */
  consumeFuel?: boolean;
  /** Largest number of nested wasm calls before a call traps with "call stack exhausted". */
  maxCallDepth?: number;
  /**
   * Largest wasm value stack (locals and operands of all active calls) in bytes, before a call
   * traps with "call stack exhausted". Like a native stack size, it bounds deep recursion of
   * functions with large frames, which `maxCallDepth` alone would let use gigabytes.
   */
  maxStackBytes?: number;
  /** Translate each function on its first call (`lazy`, default) or at instantiation (`eager`). */
  compilation?: CompilationMode;
  /**
   * Which interpreter loop runs wasm code: `switch` (fastest when the host JS engine has a JIT),
   * `closures` (one closure per internal op; about twice as fast where JS is only interpreted), or
   * `auto` (default): `closures` when the host has no `WebAssembly` global — the practical sign of
   * a host without a JIT, such as `node --jitless` — else `switch`. Results are the same either way.
   */
  executor?: Executor;
  /**
   * Proposals to enable or refuse: a module using a feature set to false here is rejected by
   * `Module.new` with CompileError("<feature> support is not enabled"). Every WebAssembly 3.0
   * feature is enabled by default; `custom-page-sizes` (beyond 3.0) is not.
   */
  features?: Partial<Record<Feature, boolean>>;
}

/** The configuration with every default filled in. */
export type ResolvedConfig = Required<Omit<Config, 'features'>> & { features: Readonly<Record<Feature, boolean>> };

/**
 * Defaults: no fuel, 10,000 nested calls (far below what exhausts any JS host), an 8 MiB value
 * stack, lazy translation.
 */
export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  consumeFuel: false,
  maxCallDepth: 10_000,
  maxStackBytes: 8 * 1024 * 1024,
  compilation: 'lazy',
  executor: 'auto',
  // Everything in WebAssembly 3.0 is on; custom page sizes (a later proposal whose binary form
  // 3.0 calls malformed) must be asked for, as in wasmtime.
  features: Object.freeze(Object.fromEntries(FEATURES.map((f) => [f, f !== 'custom-page-sizes'])) as Record<Feature, boolean>),
});

/** Shared configuration and canonical types for the modules and stores that use it. */
export class Engine {
  /** The resolved configuration (defaults applied). */
  readonly config: ResolvedConfig;
  /** Canonical type ids, shared by all modules compiled with this engine. */
  readonly types: TypeRegistry = new TypeRegistry();

  constructor(config: Config = {}) {
    const maxCallDepth = config.maxCallDepth ?? DEFAULT_CONFIG.maxCallDepth;
    if (!Number.isInteger(maxCallDepth) || maxCallDepth < 1) {
      throw new RangeError(`maxCallDepth must be a positive integer, got ${maxCallDepth}`);
    }
    const maxStackBytes = config.maxStackBytes ?? DEFAULT_CONFIG.maxStackBytes;
    if (!Number.isSafeInteger(maxStackBytes) || maxStackBytes < 1024) {
      throw new RangeError(`maxStackBytes must be an integer of at least 1024, got ${maxStackBytes}`);
    }
    this.config = Object.freeze({
      consumeFuel: config.consumeFuel ?? DEFAULT_CONFIG.consumeFuel,
      maxCallDepth,
      maxStackBytes,
      compilation: config.compilation ?? DEFAULT_CONFIG.compilation,
      executor: checkExecutor(config.executor ?? DEFAULT_CONFIG.executor),
      features: Object.freeze({ ...DEFAULT_CONFIG.features, ...checkFeatures(config.features ?? {}) }),
    });
  }
}

function checkExecutor(e: string): Executor {
  if (e !== 'auto' && e !== 'switch' && e !== 'closures') throw new RangeError(`executor must be 'auto', 'switch' or 'closures', got ${e}`);
  return e;
}

function checkFeatures(f: Partial<Record<string, boolean>>): Partial<Record<Feature, boolean>> {
  for (const k of Object.keys(f)) {
    if (!(FEATURES as readonly string[]).includes(k)) throw new RangeError(`unknown feature \`${k}\``);
  }
  return f as Partial<Record<Feature, boolean>>;
}
