/**
 * The spec-runner adapter for the host's native WebAssembly (V8 in Node). Test-only: it exists to
 * check the runner itself against a known-good engine while ours is being built. V8's JS API
 * cannot tell malformed from invalid modules, words its traps its own way, and cannot pass v128
 * values or NaN payload bits, so the adapter says so through the SpecEngine flags.
 */
import type { Failure, SpecEngine, SpecValue } from '../engine.js';
import { JsNamespaceEngine, type JsInstance, type WasmNamespace } from './js-namespace.js';

export class V8Engine extends JsNamespaceEngine implements SpecEngine<object, JsInstance, unknown> {
  readonly name = 'v8';
  readonly distinguishesCompileErrors = false;
  readonly specMessages = false;

  constructor() {
    // V8 reports an import the script never defined as a LinkError of its own.
    super(WebAssembly as unknown as WasmNamespace, false);
  }

  spectest(): JsInstance {
    return this.spectestExports();
  }

  classify(error: unknown): Failure {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof WebAssembly.CompileError) return { kind: 'compile', message };
    if (error instanceof WebAssembly.LinkError) return { kind: 'link', message };
    // V8 reports an import whose module object is missing as a TypeError, not a LinkError.
    if (error instanceof TypeError && /Import #\d+/.test(message)) return { kind: 'link', message };
    if (error instanceof WebAssembly.RuntimeError) return { kind: 'trap', message };
    if (error instanceof RangeError && /call stack/i.test(message)) return { kind: 'exhaustion', message };
    const Exc = (WebAssembly as unknown as { Exception?: new () => unknown }).Exception;
    if (Exc !== undefined && error instanceof Exc) return { kind: 'exception', message };
    if (error !== null && typeof error === 'object' && (error as Error).name === 'ParseError') return { kind: 'malformed', message };
    return { kind: 'crash', message: error instanceof Error ? `${error.name}: ${message}` : message };
  }

  protected fromJs(v: unknown): SpecValue {
    const common = this.commonFromJs(v);
    if (common) return common;
    if (typeof v === 'number' || typeof v === 'bigint') return { type: 'js', value: v };
    return { type: 'ref', ref: 'extern' };
  }
}
