/**
 * The spec-runner adapter for the host's native WebAssembly (V8 in Node). Test-only: it exists to
 * check the runner itself against a known-good engine while ours is being built. V8's JS API
 * cannot tell malformed from invalid modules, words its traps its own way, and cannot pass v128
 * values or NaN payload bits, so the adapter says so through the SpecEngine flags.
 */
import type { WastConst } from '../../src/text/wast-script.js';
import type { Failure, SpecEngine, SpecValue } from '../engine.js';

type V8Extern = WebAssembly.ExportValue;

/** The host reference standing for `ref.extern N`; the same N always gives the same object. */
class HostRef {
  constructor(readonly n: number) {}
}

const scratch = new DataView(new ArrayBuffer(8));

export class V8Engine implements SpecEngine<WebAssembly.Module, WebAssembly.Instance, V8Extern> {
  readonly name = 'v8';
  readonly distinguishesCompileErrors = false;
  readonly exactValues = false;
  readonly specMessages = false;
  private readonly hostRefs = new Map<number, HostRef>();

  compile(bytes: Uint8Array): WebAssembly.Module {
    return new WebAssembly.Module(bytes as BufferSource);
  }

  instantiate(module: WebAssembly.Module, resolve: (module: string, name: string) => V8Extern | undefined): WebAssembly.Instance {
    const imports: Record<string, Record<string, V8Extern>> = Object.create(null);
    for (const im of WebAssembly.Module.imports(module)) {
      const v = resolve(im.module, im.name);
      if (v === undefined) continue; // V8 reports the missing import as a LinkError
      (imports[im.module] ??= Object.create(null))[im.name] = v;
    }
    return new WebAssembly.Instance(module, imports);
  }

  exportOf(instance: WebAssembly.Instance, name: string): V8Extern | undefined {
    return Object.prototype.hasOwnProperty.call(instance.exports, name) ? instance.exports[name] : undefined;
  }

  invoke(instance: WebAssembly.Instance, name: string, args: readonly WastConst[]): SpecValue[] {
    const f = this.exportOf(instance, name);
    if (typeof f !== 'function') throw new Error(`no exported function ${name}`);
    const result: unknown = (f as (...a: unknown[]) => unknown)(...args.map((a) => this.toJs(a)));
    // Multi-value results come back as an array; a single result as itself; none as undefined.
    const values = result === undefined ? [] : Array.isArray(result) ? result : [result];
    return values.map((v) => this.fromJs(v));
  }

  get(instance: WebAssembly.Instance, name: string): SpecValue {
    const g = this.exportOf(instance, name);
    if (!(g instanceof WebAssembly.Global)) throw new Error(`no exported global ${name}`);
    return this.fromJs(g.value);
  }

  spectest(): WebAssembly.Instance {
    const exports: Record<string, unknown> = Object.create(null);
    const nop = (): void => {};
    for (const n of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_i32_f32', 'print_f64_f64']) exports[n] = nop;
    exports.global_i32 = new WebAssembly.Global({ value: 'i32' }, 666);
    exports.global_i64 = new WebAssembly.Global({ value: 'i64' }, 666n);
    exports.global_f32 = new WebAssembly.Global({ value: 'f32' }, 666.6);
    exports.global_f64 = new WebAssembly.Global({ value: 'f64' }, 666.6);
    exports.table = new WebAssembly.Table({ initial: 10, maximum: 20, element: 'anyfunc' });
    exports.memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    // Host functions must be typed to be imported; V8 accepts a plain JS function for any
    // function import, so only the instance-like shape matters to the runner.
    return { exports } as unknown as WebAssembly.Instance;
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

  private fromJs(v: unknown): SpecValue {
    if (v === null) return { type: 'ref', ref: 'null' };
    if (v instanceof HostRef) return { type: 'ref', ref: 'extern', value: v.n };
    if (typeof v === 'function') return { type: 'ref', ref: 'func' };
    if (typeof v === 'number' || typeof v === 'bigint') return { type: 'js', value: v };
    return { type: 'ref', ref: 'extern' };
  }
}
