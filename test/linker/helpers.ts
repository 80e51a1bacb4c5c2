/**
 * Test helpers for the Linker: WAT → binary through npm wabt (an oracle independent of our own
 * text parser), and a fresh engine/store/linker triple.
 */
import createWabt from 'wabt';
import { Engine, Module, Store } from '../../src/index.js';
import { Linker } from '../../src/linker/index.js';

const wabt = await createWabt();

/** The binary of module `text`; throws when wabt rejects it. */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat('test.wat', text, {
    multi_value: true, bulk_memory: true, reference_types: true, exceptions: true, memory64: true, tail_call: true,
  });
  try {
    m.resolveNames();
    m.validate();
    return new Uint8Array(m.toBinary({ write_debug_names: true }).buffer);
  } finally {
    m.destroy();
  }
}

/** A module of `engine` from WAT text. */
export function mod(engine: Engine, text: string): Module {
  return Module.new(engine, wat(text));
}

/** An engine, a store with data `data`, and an empty linker. */
export function setup<T>(data: T): { engine: Engine; store: Store<T>; linker: Linker<T> } {
  const engine = new Engine();
  return { engine, store: new Store(engine, data), linker: new Linker<T>(engine) };
}

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}
