;; The Mandelbrot set as ASCII art, printed one character at a time through an imported
;; `env.putchar`. `mandelbrot(width, height, maxIter)` draws the region re ∈ [-2.5, 1),
;; im ∈ [-1.2, 1.2) and returns how many points never escaped (a checksum for tests).
;;
;;   purewasm run examples/mandelbrot.wat --invoke mandelbrot 72 28 60
(module
  (import "env" "putchar" (func $putchar (param i32)))

  ;; Shades from "escaped at once" to "escaped late"; points in the set print as '@'.
  (memory 1)
  (data (i32.const 0) " .,:-=+*#%")

  (func $shade (param $i i32) (param $max i32) (result i32)
    (if (result i32) (i32.ge_s (local.get $i) (local.get $max))
      (then (i32.const 64)) ;; '@'
      (else (i32.load8_u (i32.div_u (i32.mul (local.get $i) (i32.const 10)) (local.get $max))))))

  ;; Iterations of z := z² + c from z = 0 until |z| > 2, at most $max.
  (func $escape (param $cr f64) (param $ci f64) (param $max i32) (result i32)
    (local $zr f64) (local $zi f64) (local $t f64) (local $i i32)
    (block $escaped
      (loop $iterate
        (br_if $escaped (i32.ge_s (local.get $i) (local.get $max)))
        (br_if $escaped
          (f64.gt (f64.add (f64.mul (local.get $zr) (local.get $zr)) (f64.mul (local.get $zi) (local.get $zi)))
                  (f64.const 4)))
        (local.set $t
          (f64.add (f64.sub (f64.mul (local.get $zr) (local.get $zr)) (f64.mul (local.get $zi) (local.get $zi)))
                   (local.get $cr)))
        (local.set $zi (f64.add (f64.mul (f64.const 2) (f64.mul (local.get $zr) (local.get $zi))) (local.get $ci)))
        (local.set $zr (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iterate)))
    (local.get $i))

  (func (export "mandelbrot") (param $width i32) (param $height i32) (param $max i32) (result i32)
    (local $x i32) (local $y i32) (local $i i32) (local $inside i32) (local $ci f64)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $y) (local.get $height)))
        ;; ci = y * 2.4 / height - 1.2
        (local.set $ci
          (f64.sub (f64.div (f64.mul (f64.convert_i32_s (local.get $y)) (f64.const 2.4))
                            (f64.convert_i32_s (local.get $height)))
                   (f64.const 1.2)))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $x) (local.get $width)))
            ;; cr = x * 3.5 / width - 2.5
            (local.set $i
              (call $escape
                (f64.sub (f64.div (f64.mul (f64.convert_i32_s (local.get $x)) (f64.const 3.5))
                                  (f64.convert_i32_s (local.get $width)))
                         (f64.const 2.5))
                (local.get $ci)
                (local.get $max)))
            (if (i32.ge_s (local.get $i) (local.get $max))
              (then (local.set $inside (i32.add (local.get $inside) (i32.const 1)))))
            (call $putchar (call $shade (local.get $i) (local.get $max)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (call $putchar (i32.const 10))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
    (local.get $inside))

  ;; Divides by zero on purpose: `purewasm run mandelbrot.wat --invoke broken` shows a trap.
  (func $scale (param $n i32) (result i32) (i32.div_s (i32.const 100) (local.get $n)))
  (func (export "broken") (result i32) (call $scale (i32.const 0))))
