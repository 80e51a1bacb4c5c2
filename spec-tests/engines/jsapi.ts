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
import { AbsHeap, heapOf, isRef, type ValType } from '../../src/syntax/types.js';
import type { WastConst } from '../../src/text/wast-script.js';
import { CompileError as CoreCompileError, ParseError, Trap, TrapCode } from '../../src/util/errors.js';
import type { Failure, SpecEngine, SpecValue } from '../engine.js';

/** An instance as the runner holds it: anything with an exports object. */
export interface JsInstance {
  readonly exports: Record<string, unknown>;
}

/** The host reference standing for `ref.extern N`; the same N always gives the same object. */
class HostRef {
  constructor(readonly n: number) {}
}

/** An import the script never defined (the runner's "unknown import"). */
class UnknownImport extends Error {}

const scratch = new DataView(new ArrayBuffer(8));

export class JsApiEngine implements SpecEngine<WA.Module, JsInstance, unknown> {
  readonly name = 'purewasm-jsapi';
  readonly distinguishesCompileErrors = true;
  readonly exactValues = false;
  readonly specMessages = true;
  private readonly hostRefs = new Map<number, HostRef>();

  compile(bytes: Uint8Array): WA.Module {
    return new WA.Module(bytes as BufferSource);
  }

  instantiate(module: WA.Module, resolve: (module: string, name: string) => unknown): JsInstance {
    const imports: Record<string, Record<string, unknown>> = Object.create(null);
    for (const im of WA.Module.imports(module)) {
      const v = resolve(im.module, im.name);
      if (v === undefined) throw new UnknownImport(`unknown import: \`${im.module}::${im.name}\` has not been defined`);
      (imports[im.module] ??= Object.create(null))[im.name] = v;
    }
    return new WA.Instance(module, imports);
  }

  exportOf(instance: JsInstance, name: string): unknown {
    return Object.prototype.hasOwnProperty.call(instance.exports, name) ? instance.exports[name] : undefined;
  }

  invoke(instance: JsInstance, name: string, args: readonly WastConst[]): SpecValue[] {
    const f = this.exportOf(instance, name);
    if (typeof f !== 'function') throw new Error(`no exported function ${name}`);
    const result: unknown = (f as (...a: unknown[]) => unknown)(...args.map((a) => this.toJs(a)));
    const values = result === undefined ? [] : Array.isArray(result) ? result : [result];
    // A JS Number from a reference-typed result is an i31 (or an externalized one): the adapter
    // looks at the function's type, which the JS API itself does not reflect.
    const types = funcInstOf(f)?.type.results ?? [];
    return values.map((v, i) => this.fromJs(v, types[i]));
  }

  get(instance: JsInstance, name: string): SpecValue {
    const g = this.exportOf(instance, name);
    if (!(g instanceof WA.Global)) throw new Error(`no exported global ${name}`);
    return this.fromJs(g.value, globalInstOf(g)?.type.type);
  }

  spectest(): JsInstance {
    const exports: Record<string, unknown> = Object.create(null);
    const nop = (): void => {};
    for (const n of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_i32_f32', 'print_f64_f64']) exports[n] = nop;
    exports.global_i32 = new WA.Global({ value: 'i32' }, 666);
    exports.global_i64 = new WA.Global({ value: 'i64' }, 666n);
    exports.global_f32 = new WA.Global({ value: 'f32' }, 666.6);
    exports.global_f64 = new WA.Global({ value: 'f64' }, 666.6);
    exports.table = new WA.Table({ element: 'anyfunc', initial: 10, maximum: 20 });
    exports.table64 = new WA.Table({ element: 'anyfunc', initial: 10n, maximum: 20n, address: 'i64' });
    exports.memory = new WA.Memory({ initial: 1, maximum: 2 });
    exports.shared_memory = new WA.Memory({ initial: 1, maximum: 2, shared: true });
    return { exports };
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

  private toJs(c: WastConst): unknown {
    switch (c.type) {
      case 'i32': return c.value;
      case 'i64': return c.value;
      case 'f32': scratch.setInt32(0, c.bits | 0, true); return scratch.getFloat32(0, true);
      case 'f64': scratch.setBigUint64(0, BigInt.asUintN(64, c.bits), true); return scratch.getFloat64(0, true);
      case 'v128': throw new TypeError('v128 cannot cross the JS API');
      case 'ref.null': return null;
      case 'ref.extern': case 'ref.host': return this.hostRef(c.value);
    }
  }

  private hostRef(n: number): HostRef {
    let r = this.hostRefs.get(n);
    if (r === undefined) this.hostRefs.set(n, (r = new HostRef(n)));
    return r;
  }

  private fromJs(v: unknown, t?: ValType): SpecValue {
    if (v === null) return { type: 'ref', ref: 'null' };
    if (v instanceof HostRef) return { type: 'ref', ref: 'extern', value: v.n };
    if (typeof v === 'function') return { type: 'ref', ref: 'func' };
    if (typeof v === 'number' && t !== undefined && isRef(t)) return { type: 'ref', ref: heapOf(t) === AbsHeap.Extern ? 'extern' : 'i31' };
    if (typeof v === 'number' || typeof v === 'bigint') return { type: 'js', value: v };
    const gc = gcInstOf(v);
    if (gc !== undefined) return { type: 'ref', ref: gc instanceof StructInst ? 'struct' : 'array' };
    if (v instanceof WA.Exception) return { type: 'ref', ref: 'exn' };
    return { type: 'ref', ref: 'extern' };
  }
}
