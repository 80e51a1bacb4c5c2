/**
 * The spec-runner adapter for purewasm, driven through the public runtime API (src/runtime) so
 * the suite exercises what users call. Values cross as raw values (floats as bit patterns) so NaN
 * payloads are checked exactly. One adapter holds one Engine and Store: make one per script file.
 * Imports are resolved by name through a Linker (src/linker), which holds `spectest` and every
 * registered instance (shadowing on: a later `register` of a name replaces the earlier items,
 * as in wasmtime's wast runner); its errors are the link errors the scripts assert.
 */
import { ExternRef, type RawVal } from '../../core/values.js';
import { Engine, type Config } from '../../runtime/engine.js';
import type { Extern } from '../../runtime/extern.js';
import { Func } from '../../runtime/func.js';
import { Global } from '../../runtime/global.js';
import { Instance } from '../../runtime/instance.js';
import { Memory } from '../../runtime/memory.js';
import { Module } from '../../runtime/module.js';
import { Store } from '../../runtime/store.js';
import { Table } from '../../runtime/table.js';
import { isFuncInst } from '../../runtime/values.js';
import { F32, F64, FUNCREF, I32, I64, V128, type ValType } from '../../syntax/types.js';
import type { WastConst } from '../../text/wast-script.js';
import { f32ToBits, f64ToBigBits } from '../../util/bits.js';
import { CompileError, LinkError, ParseError, Trap, TrapCode } from '../../util/errors.js';
import type { Failure, RefKind, SpecEngine, SpecValue } from './engine.js';
import { Linker } from '../../linker/index.js';

/** An instance as the runner holds it: a wasm instance, or the spectest host module's exports. */
export type PwInstance = { wasm: Instance } | { host: Map<string, Extern> };

export class PurewasmEngine implements SpecEngine<Module, PwInstance, Extern> {
  readonly name = 'purewasm';
  readonly distinguishesCompileErrors = true;
  readonly exactValues = true;
  readonly specMessages = true;
  readonly engine: Engine;
  readonly store: Store<undefined>;
  /** Resolves imports: `spectest` and the registered instances, by name. */
  readonly linker: Linker<undefined>;
  /** Lines printed by the spectest print functions (kept, not written, so test output stays quiet). */
  readonly printed: string[] = [];
  private readonly externRefs = new Map<number, ExternRef>();

  /**
   * With `budget`, every command runs metered with that much fuel, so an engine bug that loops
   * forever fails the command ("all fuel consumed") instead of hanging the whole suite (a
   * synchronous loop cannot be interrupted by a test timeout).
   */
  constructor(config: Config = {}, private readonly budget: number | null = null) {
    this.engine = new Engine(budget === null ? config : { ...config, consumeFuel: true });
    this.store = new Store(this.engine, undefined);
    this.linker = new Linker<undefined>(this.engine).allowShadowing(true);
  }

  private refuel(): void {
    if (this.budget !== null) this.store.setFuel(this.budget);
  }

  compile(bytes: Uint8Array): Module {
    return Module.new(this.engine, bytes);
  }

  instantiate(module: Module, resolve: (module: string, name: string) => Extern | undefined): PwInstance {
    void resolve; // imports are resolved by the Linker (see register)
    this.refuel();
    return { wasm: this.linker.instantiate(this.store, module) };
  }

  /** Records a registered instance in the Linker (names shadow earlier ones). */
  register(name: string, instance: PwInstance): void {
    if ('wasm' in instance) this.linker.instance(this.store, name, instance.wasm);
    else for (const [field, item] of instance.host) this.linker.define(this.store, name, field, item);
  }

  exportOf(instance: PwInstance, name: string): Extern | undefined {
    return 'wasm' in instance ? instance.wasm.getExport(this.store, name) : instance.host.get(name);
  }

  invoke(instance: PwInstance, name: string, args: readonly WastConst[]): SpecValue[] {
    const f = this.exportOf(instance, name);
    if (!(f instanceof Func)) throw new Error(`no exported function ${name}`);
    this.refuel();
    const results = f.callRaw(this.store, args.map((a) => this.constToRaw(a)));
    const types = f.ty(this.store).results;
    return results.map((r, i) => this.toSpec(types[i]!, r));
  }

  get(instance: PwInstance, name: string): SpecValue {
    const g = this.exportOf(instance, name);
    if (!(g instanceof Global)) throw new Error(`no exported global ${name}`);
    return this.toSpec(g.ty(this.store).type, g.getRaw(this.store));
  }

  spectest(): PwInstance {
    const s = this.store;
    const host = new Map<string, Extern>();
    const print = (name: string, params: ValType[]): void => {
      host.set(name, Func.newRaw(s, { params, results: [] }, (args) => {
        this.printed.push(`${name}(${args.map(String).join(', ')})`);
      }, `spectest.${name}`));
    };
    print('print', []);
    print('print_i32', [I32]);
    print('print_i64', [I64]);
    print('print_f32', [F32]);
    print('print_f64', [F64]);
    print('print_i32_f32', [I32, F32]);
    print('print_f64_f64', [F64, F64]);
    host.set('global_i32', Global.newRaw(s, { type: I32, mutable: false }, 666));
    host.set('global_i64', Global.newRaw(s, { type: I64, mutable: false }, 666n));
    host.set('global_f32', Global.newRaw(s, { type: F32, mutable: false }, f32ToBits(666.6)));
    host.set('global_f64', Global.newRaw(s, { type: F64, mutable: false }, f64ToBigBits(666.6)));
    host.set('table', Table.new(s, { min: 10, max: 20, elemType: FUNCREF }));
    host.set('table64', Table.new(s, { min: 10, max: 20, elemType: FUNCREF, addrType: 'i64' }));
    host.set('memory', Memory.new(s, { min: 1, max: 2 }));
    host.set('shared_memory', Memory.new(s, { min: 1, max: 2, shared: true }));
    return { host };
  }

  classify(error: unknown): Failure {
    if (error instanceof CompileError) return { kind: error.kind, message: error.reason };
    if (error instanceof ParseError) return { kind: 'malformed', message: error.reason };
    if (error instanceof LinkError) return { kind: 'link', message: error.message };
    if (error instanceof Trap) {
      if (error.code === TrapCode.StackExhausted) return { kind: 'exhaustion', message: error.message };
      if (error.code === TrapCode.UncaughtException) return { kind: 'exception', message: error.message };
      return { kind: 'trap', message: error.message };
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'crash', message };
  }

  private externRef(n: number): ExternRef {
    let r = this.externRefs.get(n);
    if (r === undefined) this.externRefs.set(n, (r = new ExternRef(n)));
    return r;
  }

  private constToRaw(c: WastConst): RawVal {
    switch (c.type) {
      case 'i32': return c.value | 0;
      case 'i64': return BigInt.asIntN(64, c.value);
      case 'f32': return c.bits | 0;
      case 'f64': return BigInt.asUintN(64, c.bits);
      case 'v128': return c.bytes.slice();
      case 'ref.null': return null;
      case 'ref.extern': case 'ref.host': return this.externRef(c.value);
    }
  }

  private toSpec(t: ValType, raw: RawVal): SpecValue {
    switch (t) {
      case I32: return { type: 'i32', value: raw as number };
      case I64: return { type: 'i64', value: raw as bigint };
      case F32: return { type: 'f32', bits: raw as number };
      case F64: return { type: 'f64', bits: raw as bigint };
      case V128: return { type: 'v128', bytes: raw as Uint8Array };
    }
    if (raw === null) return { type: 'ref', ref: 'null' };
    if (raw instanceof ExternRef) {
      return typeof raw.value === 'number' ? { type: 'ref', ref: 'extern', value: raw.value } : { type: 'ref', ref: 'extern' };
    }
    return { type: 'ref', ref: refKind(raw) };
  }
}

/** What a non-null raw reference is; GC objects are recognised by their `kind` or class name. */
function refKind(raw: RawVal): RefKind {
  if (typeof raw === 'number') return 'i31';
  if (isFuncInst(raw)) return 'func';
  const k = (raw as { kind?: unknown }).kind;
  const name = typeof k === 'string' ? k : ((raw as object).constructor?.name ?? '');
  const lower = name.toLowerCase();
  if (lower.includes('struct')) return 'struct';
  if (lower.includes('array')) return 'array';
  if (lower.includes('exn') || lower.includes('exception')) return 'exn';
  if (lower.includes('extern')) return 'extern';
  return 'other';
}
