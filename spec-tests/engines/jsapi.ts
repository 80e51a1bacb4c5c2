/**
 * The spec-runner adapter for purewasm's WebAssembly JS API (src/jsapi): the official suite run
 * through `WebAssembly.Module` / `Instance` / exported functions exactly as a JS program would use
 * them, to check that the JS API layer changes no outcome of the engine beneath it. Like every JS
 * API, it cannot carry NaN payload bits or v128 values across the call boundary (`exactValues`
 * false). Compile errors keep the engine's error as `cause`, so malformed and invalid modules
 * are still told apart and messages keep the spec's wording.
 */
import { funcInstOf } from '../../src/jsapi/function.js';
import { StructInst } from '../../src/core/gc.js';
import { globalInstOf } from '../../src/jsapi/global.js';
import * as WA from '../../src/jsapi/index.js';
import { gcInstOf } from '../../src/jsapi/values.js';
import { AbsHeap, heapOf, isRef } from '../../src/syntax/types.js';
import { CompileError as CoreCompileError, ParseError, Trap, TrapCode } from '../../src/util/errors.js';
import type { Failure, SpecEngine, SpecValue } from '../engine.js';
import { JsNamespaceEngine, UnknownImport, type JsInstance, type WasmNamespace } from './js-namespace.js';

export type { JsInstance } from './js-namespace.js';

export class JsApiEngine extends JsNamespaceEngine implements SpecEngine<object, JsInstance, unknown> {
  readonly name = 'purewasm-jsapi';
  readonly distinguishesCompileErrors = true;
  readonly specMessages = true;

  constructor() {
    super(WA as unknown as WasmNamespace, true);
  }

  spectest(): JsInstance {
    return this.spectestExports((exports) => {
      exports.table64 = new WA.Table({ element: 'anyfunc', initial: 10n, maximum: 20n, address: 'i64' });
      exports.shared_memory = new WA.Memory({ initial: 1, maximum: 2, shared: true });
    });
  }

  classify(error: unknown): Failure {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error ? error.cause : undefined;
    if (error instanceof WA.CompileError) {
      return cause instanceof CoreCompileError ? { kind: cause.kind, message: cause.reason } : { kind: 'compile', message };
    }
    if (error instanceof WA.LinkError || error instanceof UnknownImport) return { kind: 'link', message };
    // An uncaught wasm exception reaches JS as its WebAssembly.Exception object.
    if (error instanceof WA.Exception) return { kind: 'exception', message: 'uncaught exception' };
    if (error instanceof WA.RuntimeError) {
      if (cause instanceof Trap && cause.code === TrapCode.UncaughtException) return { kind: 'exception', message };
      return { kind: 'trap', message };
    }
    if (error instanceof RangeError && cause instanceof Trap && cause.code === TrapCode.StackExhausted) return { kind: 'exhaustion', message };
    if (error instanceof ParseError) return { kind: 'malformed', message: error.reason };
    return { kind: 'crash', message: error instanceof Error ? `${error.name}: ${message}` : message };
  }

  /**
   * A JS Number from a reference-typed result is an i31 (or an externalized one): the adapter looks
   * at the function's or global's type, which the JS API itself does not reflect.
   */
  protected fromJs(v: unknown, source: unknown, index: number): SpecValue {
    const common = this.commonFromJs(v);
    if (common) return common;
    const t = source instanceof WA.Global ? globalInstOf(source)?.type.type : funcInstOf(source)?.type.results[index];
    if (typeof v === 'number' && t !== undefined && isRef(t)) return { type: 'ref', ref: heapOf(t) === AbsHeap.Extern ? 'extern' : 'i31' };
    if (typeof v === 'number' || typeof v === 'bigint') return { type: 'js', value: v };
    const gc = gcInstOf(v);
    if (gc !== undefined) return { type: 'ref', ref: gc instanceof StructInst ? 'struct' : 'array' };
    if (v instanceof WA.Exception) return { type: 'ref', ref: 'exn' };
    return { type: 'ref', ref: 'extern' };
  }
}
