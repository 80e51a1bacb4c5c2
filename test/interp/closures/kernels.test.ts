/**
 * Every op of the benchmark kernels has a closure: an op without one makes the closure executor
 * hand the rest of the run to the switch loop, silently losing its --jitless speed. A new fused op
 * in the switch loop (exec.ts) needs its closure in src/interp/closures/ (compare with the switch
 * loop in a test like fused.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine, Instance, Module, Store } from '../../../src/index.js';
import type { WasmFuncInst } from '../../../src/core/func.js';
import { iopName } from '../../../src/interp/code.js';
import { uncompiledPcs } from '../../../src/interp/closures/compile.js';

const dir = fileURLToPath(new URL('../../../bench/wasm/', import.meta.url));
const kernels = readdirSync(dir).filter((f) => f.endsWith('.wasm'));

describe('closure executor coverage of the bench kernels', () => {
  it.each(kernels.flatMap((k) => [[k, false], [k, true]] as const))('%s (fuel: %s)', (file, fuel) => {
    const engine = new Engine({ compilation: 'eager', consumeFuel: fuel });
    const store = new Store(engine, undefined);
    const inst = Instance.new(store, Module.new(engine, readFileSync(dir + file)), []).inst;
    const missing: string[] = [];
    for (const f of inst.funcs) {
      if (f.kind !== 'wasm' || f.instance !== inst) continue;
      const code = (f.compiled as { code: Int32Array }).code;
      for (const pc of uncompiledPcs(f as WasmFuncInst)) missing.push(`func ${f.index} pc ${pc}: ${iopName(code[pc]!)}`);
    }
    expect(missing).toEqual([]);
  });
});
