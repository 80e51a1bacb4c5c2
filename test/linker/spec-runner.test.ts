/**
 * The spec runner's purewasm adapter resolves imports through the Linker: `spectest` and every
 * `register`ed instance live in its Linker, so a module links (and fails to link, with the
 * Linker's words) without the runner's own name lookup. The suite files themselves run in
 * spec-tests/ (linking*.wast, imports*.wast, exports*.wast, every assert_unlinkable).
 */
import { describe, expect, test } from 'vitest';
import { PurewasmEngine } from '../../src/cli/wast/purewasm-engine.js';
import { Linker, UnknownImportError } from '../../src/linker/index.js';
import { LinkError } from '../../src/index.js';
import { wat } from './helpers.js';

const nothing = (): undefined => undefined;

/** What `fn` throws (fails the test when it throws nothing). */
function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
}

describe('spec runner adapter', () => {
  test('spectest and registered instances resolve through its Linker', () => {
    const pw = new PurewasmEngine();
    expect(pw.linker).toBeInstanceOf(Linker);
    pw.register('spectest', pw.spectest());
    const a = pw.instantiate(pw.compile(wat(`(module (import "spectest" "global_i32" (global $g i32))
      (func (export "get") (result i32) (global.get $g)))`)), nothing);
    pw.register('a', a);
    const b = pw.instantiate(pw.compile(wat(`(module (import "a" "get" (func $get (result i32)))
      (func (export "twice") (result i32) (i32.add (call $get) (call $get))))`)), nothing);
    expect(pw.invoke(b, 'twice', [])).toEqual([{ type: 'i32', value: 1332 }]);
  });

  test('link failures carry the Linker\'s errors', () => {
    const pw = new PurewasmEngine();
    pw.register('spectest', pw.spectest());
    const unknown = failure(() => pw.instantiate(pw.compile(wat('(module (import "nowhere" "x" (func)))')), nothing));
    expect(unknown).toBeInstanceOf(UnknownImportError);
    expect(pw.classify(unknown)).toEqual({ kind: 'link', message: 'unknown import: `nowhere::x` has not been defined' });
    const bad = failure(() => pw.instantiate(pw.compile(wat('(module (import "spectest" "global_i32" (global i64)))')), nothing));
    expect(bad).toBeInstanceOf(LinkError);
    expect((bad as Error).message).toBe('incompatible import type for `spectest::global_i32`');
  });

  test('a later register of a name shadows the earlier one', () => {
    const pw = new PurewasmEngine();
    const one = pw.instantiate(pw.compile(wat('(module (func (export "v") (result i32) (i32.const 1)))')), nothing);
    const two = pw.instantiate(pw.compile(wat('(module (func (export "v") (result i32) (i32.const 2)))')), nothing);
    pw.register('m', one);
    pw.register('m', two);
    const user = pw.instantiate(pw.compile(wat(`(module (import "m" "v" (func $v (result i32)))
      (func (export "get") (result i32) (call $v)))`)), nothing);
    expect(pw.invoke(user, 'get', [])).toEqual([{ type: 'i32', value: 2 }]);
  });
});
