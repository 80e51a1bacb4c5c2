/* Memory loads and stores: the sieve of Eratosthenes over a byte array, repeated. */
#include "kernel.h"

#define SIZE 200000
static u8 composite[SIZE];

EXPORT("run") u32 run(u32 reps) {
  u32 acc = 0;
  for (u32 r = 0; r < reps; r++) {
    for (u32 i = 0; i < SIZE; i++) composite[i] = 0;
    u32 count = 0;
    for (u32 i = 2; i < SIZE; i++) {
      if (composite[i]) continue;
      count++;
      for (u32 j = i * 2; j < SIZE; j += i) composite[j] = 1;
    }
    acc = acc * 7 + count + r;
  }
  return acc;
}
