/**
 * JS Promise Integration (Suspending and promising), after WPT's
 * wasm/jsapi/jspi/js-promise-integration.any.js: argument checks, real suspension (JS queued
 * before the promise settles runs before wasm continues), a non-promise result still suspends,
 * rejections caught by wasm handlers, wasm → JS → wasm → JS nesting, suspension across two
 * modules, and a Suspending import called outside `promising`. purewasm only: Node 20's V8 has
 * no JSPI without flags.
 */
import { describe, expect, test } from 'vitest';
import { WebAssembly as WA } from '../../src/jsapi/index.js';
import { rejected, thrown, wasm } from './helpers.js';

const W = WA as any;

describe('Suspending and promising', () => {
  test('interface: constructor and function checks', () => {
    expect(W.Suspending.length).toBe(1);
    expect(W.promising.length).toBe(1);
    expect(thrown(() => W.Suspending(() => 1))).toBeInstanceOf(TypeError);
    expect(thrown(() => new W.Suspending(1))).toBeInstanceOf(TypeError);
    expect(thrown(() => W.promising(() => 1))).toBeInstanceOf(TypeError);
    expect(thrown(() => W.promising({}))).toBeInstanceOf(TypeError);
    expect(String(new W.Suspending(() => 1))).toBe('[object WebAssembly.Suspending]');
  });

  const ADD_LATER = wasm(`(module (import "m" "get" (func $get (param i32) (result i32)))
    (func (export "run") (param i32) (result i32) (i32.add (call $get (local.get 0)) (i32.const 1))))`);

  test('wasm waits for the promise; JS runs meanwhile; the result is a promise', async () => {
    const log: string[] = [];
    let resolve!: (v: number) => void;
    const get = new W.Suspending((x: number) => { log.push(`get ${x}`); return new Promise<number>((r) => { resolve = r; }); });
    const { exports } = new W.Instance(new W.Module(ADD_LATER), { m: { get } });
    const run = W.promising(exports.run);
    const p = run(41);
    expect(p).toBeInstanceOf(Promise);
    log.push('returned');
    await Promise.resolve();
    log.push('microtask');
    resolve(100);
    expect(await p).toBe(101);
    expect(log).toEqual(['get 41', 'returned', 'microtask']);
  });

  test('a non-promise result still suspends, and many calls interleave', async () => {
    const get = new W.Suspending((x: number) => x * 2);
    const { exports } = new W.Instance(new W.Module(ADD_LATER), { m: { get } });
    const run = W.promising(exports.run);
    const results = await Promise.all([1, 2, 3].map((x) => run(x)));
    expect(results).toEqual([3, 5, 7]);
  });

  test('a rejection is thrown into wasm, where catch_all can handle it; uncaught it rejects unchanged', async () => {
    const err = new Error('rejected');
    const get = new W.Suspending(() => Promise.reject(err));
    const { exports } = new W.Instance(new W.Module(wasm(`(module (import "m" "get" (func $get (result i32)))
      (func (export "guarded") (result i32) (block $caught (return (try_table (result i32) (catch_all $caught) (call $get)))) (i32.const -1))
      (func (export "plain") (result i32) (call $get)))`)), { m: { get } });
    expect(await W.promising(exports.guarded)()).toBe(-1);
    expect(await rejected(W.promising(exports.plain)())).toBe(err);
  });

  test('a trap rejects with RuntimeError; bad arguments reject with TypeError', async () => {
    const get = new W.Suspending(async () => 0);
    const { exports } = new W.Instance(new W.Module(wasm(`(module (import "m" "get" (func $get (result i32)))
      (func (export "div") (param i64) (result i32) (i32.div_u (i32.const 1) (call $get))))`)), { m: { get } });
    const div = W.promising(exports.div);
    expect(await rejected(div(1n))).toBeInstanceOf(WA.RuntimeError);
    expect(await rejected(div(1))).toBeInstanceOf(TypeError);
  });

  test('sandwich: wasm → JS → wasm → JS, suspending at the innermost call', async () => {
    const inner = new W.Instance(new W.Module(wasm(`(module (import "m" "get" (func $get (result i32)))
      (func (export "inner") (result i32) (i32.mul (call $get) (i32.const 10))))`)), {
      m: { get: new W.Suspending(async () => 4) },
    }).exports;
    // The middle JS function calls wasm synchronously; only a Suspending import may wait.
    const outer = new W.Instance(new W.Module(wasm(`(module (import "m" "mid" (func $mid (result i32)))
      (func (export "outer") (result i32) (i32.add (call $mid) (i32.const 2))))`)), {
      m: { mid: new W.Suspending(() => W.promising(inner.inner)()) },
    }).exports;
    expect(await W.promising(outer.outer)()).toBe(42);
  });

  test('a Suspending import called without promising throws instead of losing the call', () => {
    const { exports } = new W.Instance(new W.Module(ADD_LATER), { m: { get: new W.Suspending(async () => 1) } });
    expect(thrown(() => exports.run(1))).toBeInstanceOf(Error);
  });
});
