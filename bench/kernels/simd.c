/*
 * SIMD (v128): i32x4 and f32x4 arithmetic, i8x16 compares and shuffles, over vectors in memory.
 * Built with -msimd128; the intrinsics come from clang's wasm_simd128.h.
 */
#include <wasm_simd128.h>
#include "kernel.h"

#define N 4096
static i32 a[N], b[N];
static float fa[N];
static u8 bytes[N];

EXPORT("run") u32 run(u32 reps) {
  for (u32 i = 0; i < N; i++) {
    a[i] = (i32)(i * 2654435761u >> 7);
    b[i] = (i32)(i * 40503u) - 1000000;
    fa[i] = (float)(i & 255) * 0.125f - 3.0f;
    bytes[i] = (u8)(i * 31 + (i >> 5));
  }
  u32 acc = 0;
  for (u32 r = 0; r < reps; r++) {
    v128_t sum = wasm_i32x4_splat((i32)r);
    v128_t fsum = wasm_f32x4_splat(0.0f);
    v128_t count = wasm_i8x16_splat(0);
    v128_t needle = wasm_i8x16_splat((signed char)(r & 0x7f));
    for (u32 i = 0; i < N; i += 4) {
      v128_t va = wasm_v128_load(&a[i]), vb = wasm_v128_load(&b[i]);
      sum = wasm_i32x4_add(sum, wasm_i32x4_mul(va, vb));
      sum = wasm_v128_xor(sum, wasm_i32x4_shr(vb, 3));
      v128_t vf = wasm_v128_load(&fa[i]);
      fsum = wasm_f32x4_add(fsum, wasm_f32x4_mul(vf, wasm_f32x4_max(vf, wasm_f32x4_splat(0.5f))));
    }
    for (u32 i = 0; i < N; i += 16) {
      v128_t v = wasm_v128_load(&bytes[i]);
      v128_t rev = wasm_i8x16_shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
      count = wasm_i8x16_sub(count, wasm_i8x16_eq(wasm_v128_and(rev, wasm_i8x16_splat(0x7f)), needle));
    }
    u8 lanes[16];
    wasm_v128_store(lanes, count);
    u32 c = 0;
    for (int k = 0; k < 16; k++) c = c * 3 + lanes[k];
    acc = acc * 17 + (u32)wasm_i32x4_extract_lane(sum, 0) + (u32)wasm_i32x4_extract_lane(sum, 3)
        + fold_f32(wasm_f32x4_extract_lane(fsum, 1)) + c + (u32)wasm_i8x16_bitmask(count);
  }
  return acc;
}
