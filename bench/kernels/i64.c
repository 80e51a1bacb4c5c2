/* i64 arithmetic: xorshift64* random numbers, 64-bit multiply, divide and remainder, shifts. */
#include "kernel.h"

EXPORT("run") u64 run(u32 n) {
  u64 s = 0x9E3779B97F4A7C15ull, acc = 0;
  for (u32 i = 0; i < n; i++) {
    s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
    u64 r = s * 0x2545F4914F6CDD1Dull;
    u64 d = (r >> 40) | 1;
    acc += r / d + (r % (d + 7));
    acc ^= (u64)((i64)r >> 3) * 0x100000001b3ull;
    acc = (acc << 7) | (acc >> 57);
  }
  return acc;
}
