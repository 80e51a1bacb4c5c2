/* call_indirect: calls through a table of function pointers chosen by data, so no call is direct. */
#include "kernel.h"

typedef u32 (*op_fn)(u32, u32);
static NOINLINE u32 op_add(u32 a, u32 b) { return a + b; }
static NOINLINE u32 op_sub(u32 a, u32 b) { return a - b; }
static NOINLINE u32 op_mul(u32 a, u32 b) { return a * (b | 1); }
static NOINLINE u32 op_xor(u32 a, u32 b) { return a ^ b; }
static NOINLINE u32 op_rotl(u32 a, u32 b) { return (a << (b & 31)) | (a >> ((32 - b) & 31)); }
static NOINLINE u32 op_mix(u32 a, u32 b) { return (a ^ (a >> 15)) + b * 0x9E3779B9u; }
static NOINLINE u32 op_min(u32 a, u32 b) { return a < b ? a : b; }
static NOINLINE u32 op_or(u32 a, u32 b) { return (a | b) - (a & b); }

/* Not const: a writable table keeps clang from resolving the targets at compile time. */
static op_fn ops[8] = {op_add, op_sub, op_mul, op_xor, op_rotl, op_mix, op_min, op_or};

EXPORT("run") u32 run(u32 n) {
  u32 acc = 0x12345678u, s = 1;
  for (u32 i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    acc = ops[s >> 29](acc, s);
  }
  return acc;
}
