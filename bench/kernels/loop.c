/* An integer loop: Collatz step counts, branchy i32 arithmetic on locals only (no memory). */
#include "kernel.h"

EXPORT("run") u32 run(u32 n) {
  u32 total = 0;
  for (u32 i = 1; i <= n; i++) {
    u32 x = i, steps = 0;
    while (x != 1) {
      x = (x & 1) ? 3 * x + 1 : x >> 1;
      steps++;
    }
    total = total * 31 + steps;
  }
  return total;
}
