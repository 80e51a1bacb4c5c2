/*
 * Bulk memory: memory.copy (overlapping and not) and memory.fill of assorted sizes. Built with
 * -mbulk-memory, so the builtins below become the instructions themselves.
 */
#include "kernel.h"

#define SIZE (1 << 20)
static u8 mem[SIZE];

EXPORT("run") u32 run(u32 reps) {
  __builtin_memset(mem, 0x5a, SIZE);
  u32 s = 7, acc = 0;
  for (u32 r = 0; r < reps; r++) {
    s = s * 1103515245u + 12345u;
    u32 len = 256 + ((s >> 8) & 0xffff);
    u32 src = (s >> 4) % (SIZE - len), dst = (s * 7 + r) % (SIZE - len);
    __builtin_memmove(mem + dst, mem + src, len);
    __builtin_memset(mem + ((s >> 3) % (SIZE - 512)), (int)r, 64 + (r & 255));
    __builtin_memcpy(mem + (r & 0xffff), mem + SIZE - 4096, 4096 - (r & 1023));
    acc = acc * 31 + mem[(s >> 12) % SIZE] + mem[dst + (len >> 1)];
  }
  return acc;
}
