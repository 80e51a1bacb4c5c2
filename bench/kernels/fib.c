/* Recursive calls: naive Fibonacci, the call/return path and little else. */
#include "kernel.h"

static NOINLINE u32 fib(u32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

EXPORT("run") u32 run(u32 reps) {
  u32 acc = 0;
  for (u32 i = 0; i < reps; i++) acc += fib(20 + (i & 3));
  return acc;
}
