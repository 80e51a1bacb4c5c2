/**
 * `memory.init` and `data.drop` without a data count section are malformed. Module.new leaves that
 * check to the validator (one pass over the bodies instead of two) and runs the decoder's check
 * only when validation fails: these tests pin that the outcome is the same as decoding with the
 * check and then validating — the malformed error wins over any validation error, wherever it is.
 */
import { describe, expect, it } from 'vitest';
import { checkDataCountUses, decodeModule } from '../../src/decoder/index.js';
import { CompileError, Engine, Module } from '../../src/index.js';
import { func, section, u32, vec, wasm, type Bytes } from './builder.js';

const END = 0x0b;
const I32_CONST_0 = [0x41, 0];
const MEMORY_INIT_0 = [0xfc, 8, 0, 0];
const DATA_DROP_0 = [0xfc, 9, 0];
const I32_ADD = 0x6a;

/** One memory, one passive data segment, functions of type [] -> [] with the given bodies. */
function module(bodies: Bytes[], withDataCount: boolean): Uint8Array {
  return wasm(
    section(1, vec([[0x60, 0, 0]])),
    section(3, vec(bodies.map(() => [0]))),
    section(5, vec([[0, 1]])),
    ...(withDataCount ? [section(12, u32(1))] : []),
    section(10, vec(bodies.map((b) => func([], [...b, END])))),
    section(11, vec([[1, 0]])),
  );
}

/** The error Module.new reports, as [kind, reason]. */
function refusal(bytes: Uint8Array): [string, string] | null {
  try {
    Module.new(new Engine(), bytes);
    return null;
  } catch (e) {
    if (e instanceof CompileError) return [e.kind, e.reason];
    throw e;
  }
}

const valid = [...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, ...MEMORY_INIT_0];
const invalid = [I32_ADD, 0x1a]; // i32.add on an empty stack

describe('data count section required', () => {
  it('is reported for memory.init and data.drop without a data count section', () => {
    expect(refusal(module([valid], false))).toEqual(['malformed', 'data count section required']);
    expect(refusal(module([DATA_DROP_0], false))).toEqual(['malformed', 'data count section required']);
    expect(refusal(module([valid, DATA_DROP_0], true))).toBeNull();
  });
  it('wins over a validation error before it, in the same body or an earlier one', () => {
    expect(refusal(module([[...invalid, ...valid]], false))).toEqual(['malformed', 'data count section required']);
    expect(refusal(module([invalid, valid], false))).toEqual(['malformed', 'data count section required']);
    expect(refusal(module([invalid, valid], true))?.[0]).toBe('invalid');
  });
  it('is still checked by decodeModule unless asked not to, and then by checkDataCountUses', () => {
    const bytes = module([valid], false);
    expect(() => decodeModule(bytes)).toThrow('data count section required');
    const m = decodeModule(bytes, { skipDataCountCheck: true });
    expect(() => checkDataCountUses(m)).toThrow('data count section required');
    expect(() => checkDataCountUses(decodeModule(module([valid], true)))).not.toThrow();
  });
  it('is also the answer of Module.validate', () => {
    expect(() => Module.validate(new Engine(), module([invalid, valid], false))).toThrow('data count section required');
  });
});
