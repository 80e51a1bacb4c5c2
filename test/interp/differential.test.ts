/**
 * Differential test against V8 (the host's WebAssembly, as an oracle only): binaryen's
 * `wasm-opt --translate-to-fuzz` turns fixed random seeds into valid modules; every exported
 * function is called with zero arguments in both engines, and results (NaNs compared as "NaN"),
 * traps and the sequence of logged values must agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFuncInst, type FuncInst } from '../../src/core/func.js';
import type { ExternVal } from '../../src/core/instance.js';
import type { RawVal } from '../../src/core/values.js';
import { decodeModule } from '../../src/decoder/index.js';
import { instantiate, invoke } from '../../src/interp/index.js';
import { F32, F64, I32, I64 } from '../../src/syntax/types.js';
import { Trap } from '../../src/util/errors.js';
import { TypeRegistry, validateModule } from '../../src/validate/index.js';

const WASM_OPT = join(process.cwd(), 'node_modules/binaryen/bin/wasm-opt');
const dir = mkdtempSync(join(tmpdir(), 'purewasm-diff-'));

const f32 = (bits: number): number => new Float32Array(new Int32Array([bits]).buffer)[0]!;
const f64 = (bits: bigint): number => new Float64Array(new BigUint64Array([bits]).buffer)[0]!;
const show = (x: unknown): string =>
  typeof x === 'number' && Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x);

/** A module generated from a deterministic pseudo-random seed. */
function fuzzModule(seed: number): Uint8Array {
  let s = seed;
  const bytes = new Uint8Array(4000).map(() => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s & 0xff));
  const input = join(dir, `seed${seed}.bin`), output = join(dir, `fuzz${seed}.wasm`);
  writeFileSync(input, bytes);
  const r = spawnSync(process.execPath, [WASM_OPT, input, '-ttf', '-o', output, '--enable-bulk-memory', '--enable-sign-ext',
    '--enable-nontrapping-float-to-int', '--enable-multivalue', '--enable-mutable-globals'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm-opt failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(output));
}

/** Host imports: log-* record their argument, anything else throws (in both engines alike). */
function logger(log: string[]): Record<string, (x: unknown) => void> {
  return {
    'log-i32': (x) => { log.push(`i32 ${show(x)}`); }, 'log-i64': (x) => { log.push(`i64 ${show(x)}`); },
    'log-f32': (x) => { log.push(`f32 ${show(x)}`); }, 'log-f64': (x) => { log.push(`f64 ${show(x)}`); },
  };
}

function outcome(run: () => unknown[], isTrap: (e: unknown) => boolean): string {
  try {
    return `ok ${run().map(show).join(',')}`;
  } catch (e) {
    return isTrap(e) ? 'trap' : `error ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe('differential against V8 on generated modules', () => {
  // Each seed costs a wasm-opt run (about a second); add seeds locally for a wider sweep.
  for (const seed of [1, 4]) {
    it(`seed ${seed}`, () => {
      const bytes = fuzzModule(seed);
      const wm = new WebAssembly.Module(bytes as BufferSource);
      const logV8: string[] = [], logUs: string[] = [];
      const v8imports: Record<string, unknown> = logger(logV8);
      for (const im of WebAssembly.Module.imports(wm)) {
        if (!(im.name in v8imports)) v8imports[im.name] = () => { throw new Error(`host-${im.name}`); };
      }
      let v8: WebAssembly.Instance;
      try {
        v8 = new WebAssembly.Instance(wm, { 'fuzzing-support': v8imports as WebAssembly.ModuleImports });
      } catch {
        return; // the start function trapped or called a throwing import: nothing to compare
      }
      const m = decodeModule(bytes);
      const reg = new TypeRegistry();
      validateModule(m, reg);
      const ours = logger(logUs);
      const imports: ExternVal[] = m.imports.map((im) => {
        if (im.desc.kind !== 'func') throw new Error(`unexpected import kind ${im.desc.kind}`);
        const ft = m.types[im.desc.typeIdx]!.comp;
        if (ft.kind !== 'func') throw new Error('import of a non-function type');
        const t = ft.params[0];
        const fn = (args: RawVal[]): RawVal[] => {
          const f = ours[im.name];
          if (f === undefined) throw new Error(`host-${im.name}`);
          f(t === F32 ? f32(args[0] as number) : t === F64 ? f64(args[0] as bigint) : args[0]);
          return [];
        };
        return { kind: 'func', value: new HostFuncInst(reg.internFuncType(ft.params, ft.results), ft, fn) };
      });
      const inst = instantiate(m, imports, reg);
      let compared = 0;
      for (const ex of m.exports) {
        if (ex.kind !== 'func') continue;
        const f = inst.exports.get(ex.name)!.value as FuncInst;
        const { params, results } = f.type;
        const numeric = (t: number): boolean => t === I32 || t === I64 || t === F32 || t === F64;
        if (!params.every(numeric) || !results.every(numeric)) continue;
        const a = outcome(() => {
          const r = (v8.exports[ex.name] as (...xs: unknown[]) => unknown)(...params.map((p) => (p === I64 ? 0n : 0)));
          return Array.isArray(r) ? r : r === undefined ? [] : [r];
        }, (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError);
        const b = outcome(() => invoke(f, params.map((p) => (p === I64 || p === F64 ? 0n : 0))).map((v, i) =>
          results[i] === F32 ? f32(v as number) : results[i] === F64 ? f64(v as bigint) : v), (e) => e instanceof Trap);
        expect(b, `export ${ex.name}`).toBe(a);
        compared++;
      }
      expect(logUs).toEqual(logV8);
      expect(compared).toBeGreaterThan(0);
    }, 20_000);
  }
});
