/**
 * Test helper: WAT text → Module (our text parser, encoder and decoder, so code offsets and names
 * are those of a real binary) → validated → instantiated by the interpreter. Exports are returned
 * as raw-value functions.
 */
import { decodeModule } from '../../src/decoder/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWat } from '../../src/text/index.js';
import { TypeRegistry, validateModule } from '../../src/validate/index.js';
import { disassemble, instantiate, invoke, RunResult, Thread, translate, type InstantiateOptions, type ThreadOptions } from '../../src/interp/index.js';
import type { ExternVal, ModuleInst } from '../../src/core/instance.js';
import type { FuncInst } from '../../src/core/func.js';
import { HostFuncInst } from '../../src/core/func.js';
import type { RawVal } from '../../src/core/values.js';
import type { ValType } from '../../src/syntax/types.js';

export const registry = new TypeRegistry();

/** Decodes, validates and instantiates `text`. */
export function load(text: string, imports: ExternVal[] = [], options: InstantiateOptions = {}): ModuleInst {
  const m = decodeModule(encodeModule(parseWat(text)));
  validateModule(m, registry);
  return instantiate(m, imports, registry, options);
}

/** The exported function `name` of `inst`. */
export function func(inst: ModuleInst, name: string): FuncInst {
  const e = inst.exports.get(name);
  if (e?.kind !== 'func') throw new Error(`no exported function ${name}`);
  return e.value;
}

/** Calls export `name` with raw arguments, returning raw results. */
export function call(inst: ModuleInst, name: string, ...args: RawVal[]): RawVal[] {
  return invoke(func(inst, name), args);
}

/** Calls export `name` and returns its single result. */
export function call1(inst: ModuleInst, name: string, ...args: RawVal[]): RawVal {
  return call(inst, name, ...args)[0]!;
}

/** A host function import with the given (canonical) types. */
export function host(params: ValType[], results: ValType[], fn: (args: RawVal[]) => RawVal[] | void): ExternVal {
  const id = registry.internFuncType(params, results);
  return { kind: 'func', value: new HostFuncInst(id, { kind: 'func', params, results }, fn) };
}

/** f32 bits of a number. */
export function f32bits(x: number): number {
  const b = new Float32Array([x]);
  return new Int32Array(b.buffer)[0]!;
}

/** f64 bits (unsigned bigint) of a number. */
export function f64bits(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0]!;
}

/** What `runFueled` reports: the first result, the fuel used and the number of pauses. */
export interface FueledRun {
  result: RawVal | undefined;
  used: number;
  pauses: number;
}

/**
 * Runs `name(...args)` of an instance translated with fuel on, starting with `step` fuel and
 * adding `step` at each pause, until it finishes.
 */
export function runFueled(inst: ModuleInst, name: string, args: RawVal[], step: number, options: ThreadOptions = {}): FueledRun {
  const t = new Thread({ ...options, fuel: step });
  t.start(func(inst, name), args);
  let added = step, pauses = 0;
  while (t.run() === RunResult.OutOfFuel) {
    pauses++;
    t.addFuel(step);
    added += step;
  }
  return { result: t.results()[0], used: added - t.fuel, pauses };
}

/** The translated code of exported function `name`, as a listing (translated again, with fuel when asked). */
export function listing(inst: ModuleInst, name: string, fuel = false): string {
  const f = func(inst, name);
  if (f.kind !== 'wasm') throw new Error('not a wasm function');
  return disassemble(translate(f.instance, f.index, { fuel }).code);
}
