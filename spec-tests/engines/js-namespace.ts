/**
 * What the two JS-API adapters of the spec runner share: driving any `WebAssembly`-shaped namespace
 * (the host's V8, or purewasm's src/jsapi) exactly as a JS program would — modules from bytes,
 * instances from import objects, exported functions called with JS values, the spectest module
 * built from the namespace's own Global/Table/Memory. No JS API can carry NaN payload bits or v128
 * values across its call boundary, so neither adapter claims exact values. What differs — how errors
 * are classified and how much a result's type can be seen — is left to the subclasses.
 */
import type { WastConst } from '../../src/text/wast-script.js';
import type { Failure, SpecValue } from '../engine.js';

/** The parts of a `WebAssembly` namespace the adapters use. */
export interface WasmNamespace {
  Module: { new (bytes: BufferSource): object; imports(m: object): { module: string; name: string }[] };
  Instance: new (m: object, imports: object) => { readonly exports: object };
  Global: new (d: { value: string; mutable?: boolean }, v?: unknown) => { value: unknown };
  Table: new (d: Record<string, unknown>) => object;
  Memory: new (d: Record<string, unknown>) => object;
}

/** An instance as the runner holds it: anything with an exports object. */
export interface JsInstance {
  readonly exports: Record<string, unknown>;
}

/** The host reference standing for `ref.extern N`; the same N always gives the same object. */
export class HostRef {
  constructor(readonly n: number) {}
}

/** An import the script never defined (the runner's "unknown import"). */
export class UnknownImport extends Error {}

const scratch = new DataView(new ArrayBuffer(8));

export abstract class JsNamespaceEngine {
  readonly exactValues = false;
  private readonly hostRefs = new Map<number, HostRef>();

  /**
   * @param ns the namespace to drive
   * @param missingImportsAreErrors true: an import the script never defined fails here with the
   *   runner's wording; false: it is left out, for the engine to report as a LinkError
   */
  protected constructor(
    protected readonly ns: WasmNamespace,
    private readonly missingImportsAreErrors: boolean,
  ) {}

  abstract classify(error: unknown): Failure;

  /** The value a JS result stands for; `f` is the function (or global) it came from. */
  protected abstract fromJs(v: unknown, source: unknown, index: number): SpecValue;

  compile(bytes: Uint8Array): object {
    return new this.ns.Module(bytes as BufferSource);
  }

  instantiate(module: object, resolve: (module: string, name: string) => unknown): JsInstance {
    const imports: Record<string, Record<string, unknown>> = Object.create(null);
    for (const im of this.ns.Module.imports(module)) {
      const v = resolve(im.module, im.name);
      if (v === undefined) {
        if (this.missingImportsAreErrors) throw new UnknownImport(`unknown import: \`${im.module}::${im.name}\` has not been defined`);
        continue;
      }
      (imports[im.module] ??= Object.create(null))[im.name] = v;
    }
    return new this.ns.Instance(module, imports) as JsInstance;
  }

  exportOf(instance: JsInstance, name: string): unknown {
    return Object.prototype.hasOwnProperty.call(instance.exports, name) ? instance.exports[name] : undefined;
  }

  invoke(instance: JsInstance, name: string, args: readonly WastConst[]): SpecValue[] {
    const f = this.exportOf(instance, name);
    if (typeof f !== 'function') throw new Error(`no exported function ${name}`);
    const result: unknown = (f as (...a: unknown[]) => unknown)(...args.map((a) => this.toJs(a)));
    // Multi-value results come back as an array; a single result as itself; none as undefined.
    const values = result === undefined ? [] : Array.isArray(result) ? result : [result];
    return values.map((v, i) => this.fromJs(v, f, i));
  }

  get(instance: JsInstance, name: string): SpecValue {
    const g = this.exportOf(instance, name);
    if (!(g instanceof this.ns.Global)) throw new Error(`no exported global ${name}`);
    return this.fromJs(g.value, g, 0);
  }

  /** The spectest module; `extra` adds what only some namespaces support (table64, shared memory). */
  protected spectestExports(extra: (exports: Record<string, unknown>) => void = () => {}): JsInstance {
    const exports: Record<string, unknown> = Object.create(null);
    const nop = (): void => {};
    for (const n of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_i32_f32', 'print_f64_f64']) exports[n] = nop;
    exports.global_i32 = new this.ns.Global({ value: 'i32' }, 666);
    exports.global_i64 = new this.ns.Global({ value: 'i64' }, 666n);
    exports.global_f32 = new this.ns.Global({ value: 'f32' }, 666.6);
    exports.global_f64 = new this.ns.Global({ value: 'f64' }, 666.6);
    exports.table = new this.ns.Table({ element: 'anyfunc', initial: 10, maximum: 20 });
    exports.memory = new this.ns.Memory({ initial: 1, maximum: 2 });
    extra(exports);
    return { exports };
  }

  /** The JS value for an argument (floats from their bits: a payload may not survive the call). */
  protected toJs(c: WastConst): unknown {
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

  /** The readings every namespace shares; null when the subclass must decide. */
  protected commonFromJs(v: unknown): SpecValue | null {
    if (v === null) return { type: 'ref', ref: 'null' };
    if (v instanceof HostRef) return { type: 'ref', ref: 'extern', value: v.n };
    if (typeof v === 'function') return { type: 'ref', ref: 'func' };
    return null;
  }
}
