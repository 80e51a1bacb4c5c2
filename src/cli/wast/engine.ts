/**
 * The small interface the spec-suite runner drives (the role of the reference interpreter's
 * `embed.ml`): compile bytes, instantiate with imports resolved by name, invoke an export, read a
 * global, and say what kind of failure an exception was. Adapters: `purewasm-engine.ts` here (our
 * engine, through the public runtime API), spec-tests/engines/v8.ts (the host's native
 * WebAssembly, test-only, to check the runner itself) and spec-tests/engines/jsapi.ts (our
 * WebAssembly JS API). The runner never looks inside an adapter's modules or instances. It lives
 * in src/ because `purewasm wast` uses the same runner and only src/ is built.
 */
import type { WastConst } from '../../text/wast-script.js';

/** A value as the runner compares it. Floats are bit patterns so NaN payloads can be checked. */
export type SpecValue =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32'; bits: number }
  | { type: 'f64'; bits: bigint }
  | { type: 'v128'; bytes: Uint8Array }
  /** A reference, classified by what it points at; `value` is the N of a host `ref.extern N`. */
  | { type: 'ref'; ref: RefKind; value?: number }
  /**
   * An untyped JS value (number, bigint) from an engine that cannot say the result's type (V8's JS
   * API); the runner interprets it by the expected type, so float payload bits are not checked.
   */
  | { type: 'js'; value: unknown };

/** What a non-null reference points at, as far as result patterns care; `null` for ref.null. */
export type RefKind = 'null' | 'func' | 'extern' | 'i31' | 'struct' | 'array' | 'exn' | 'other';

/** How an operation failed, in the spec script's categories. */
export type FailureKind =
  | 'malformed' // decoding or text parsing
  | 'invalid' // validation
  | 'compile' // a compile error whose kind the engine cannot tell (V8)
  | 'link'
  | 'trap'
  | 'exhaustion'
  | 'exception' // an uncaught wasm exception
  | 'crash'; // anything else: a bug in the engine or the runner

export interface Failure {
  kind: FailureKind;
  message: string;
}

/**
 * One engine as the runner sees it. `M` is a compiled module, `I` an instance, `X` an external
 * value (what an import receives and an export provides).
 */
export interface SpecEngine<M = unknown, I = unknown, X = unknown> {
  readonly name: string;
  /** Decodes and validates a binary module; throws on failure. */
  compile(bytes: Uint8Array): M;
  /**
   * Instantiates `module`, asking `resolve` for each import (undefined = not defined); throws a
   * link error for a missing or mismatched import and a trap raised while initialising.
   */
  instantiate(module: M, resolve: (module: string, name: string) => X | undefined): I;
  /** The export called `name`, or undefined. */
  exportOf(instance: I, name: string): X | undefined;
  /** Calls the exported function `name` with `args`; returns its results. */
  invoke(instance: I, name: string, args: readonly WastConst[]): SpecValue[];
  /** Reads the exported global `name`. */
  get(instance: I, name: string): SpecValue;
  /** A fresh instance of the `spectest` host module. */
  spectest(): I;
  /**
   * Optional: the script registered `instance` under `name` for imports (`register`). An engine
   * that resolves imports itself (purewasm, through its Linker) records it here; the runner still
   * passes `resolve` to `instantiate` for engines that do not.
   */
  register?(name: string, instance: I): void;
  /** Classifies anything `compile`, `instantiate`, `invoke` or `get` threw. */
  classify(error: unknown): Failure;
  /**
   * Whether trap and exhaustion messages use the spec's wording. When false (V8), a different
   * wording is a soft mismatch instead of a failure.
   */
  readonly specMessages: boolean;
  /** Whether the engine can tell malformed from invalid modules (V8 cannot). */
  readonly distinguishesCompileErrors: boolean;
  /**
   * Whether the engine carries f32/f64 payload bits and v128 values across its call boundary.
   * When false, the runner skips commands whose arguments or results need them, naming why.
   */
  readonly exactValues: boolean;
}
