/**
 * Runs a function of a test instance on one executor or on both, for the closure-executor tests:
 * the switch loop is the reference, and the closure executor must give the same results or the
 * same trap with the same backtrace.
 */
import { expect } from 'vitest';
import type { WasmFuncInst } from '../../../src/core/func.js';
import type { ModuleInst } from '../../../src/core/instance.js';
import type { RawVal } from '../../../src/core/values.js';
import { disassemble } from '../../../src/interp/code.js';
import { uncompiledPcs } from '../../../src/interp/closures/compile.js';
import { compiled, RunResult, Thread, type Executor } from '../../../src/interp/thread.js';
import { Trap } from '../../../src/util/errors.js';
import { func } from '../helpers.js';

/** The results of `name(args)` on `executor`, or its trap's message and backtrace. */
export function runOn(inst: ModuleInst, name: string, args: RawVal[], executor: Executor): unknown {
  const t = new Thread({ executor });
  t.start(func(inst, name), args);
  try {
    expect(t.run()).toBe(RunResult.Done);
    return t.results();
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.message, backtrace: e.backtrace };
  }
}

/**
 * Runs `name(args)` on both executors, expects the same outcome (and, with `allCompiled`, that every
 * op of the function got a closure), and returns it.
 */
export function onBoth(inst: ModuleInst, name: string, args: RawVal[], allCompiled = false): unknown {
  const a = runOn(inst, name, args, 'switch');
  if (allCompiled) {
    const f = func(inst, name) as WasmFuncInst;
    expect(uncompiledPcs(f), `${name}\n${disassemble(compiled(f).code)}`).toEqual([]);
  }
  const b = runOn(inst, name, args, 'closures');
  expect(b, `${name}(${args.join(', ')})`).toEqual(a);
  return a;
}
