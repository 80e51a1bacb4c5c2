;; The module examples/browser/index.html loads (fib.wasm is this file, encoded by purewasm:
;; `npx tsx examples/browser/build-wasm.ts`). It exercises what a polyfill must get right:
;; i64 results as BigInt, an imported JS function, and a memory JS reads.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "fib(90) computed by purewasm")
  (func (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (call $log (i32.const 0) (i32.const 28))
    (local.get $a)))
