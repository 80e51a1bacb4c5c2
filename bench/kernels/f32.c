/*
 * f32 arithmetic: a Mandelbrot set in single precision (every step rounds to f32), plus sqrt.
 * `rows` rows of 256 pixels, so the work grows linearly with the argument.
 */
#include "kernel.h"

#define WIDTH 256

EXPORT("run") u32 run(u32 rows) {
  u32 total = 0;
  float dist = 0.0f;
  for (u32 py = 0; py < rows; py++) {
    /* Rows repeat every 256 with a small shift, so no two tiles are the same computation. */
    float cy = (float)(py & 255) * (2.5f / 256.0f) - 1.25f + (float)(py >> 8) * 0.0001f;
    for (u32 px = 0; px < WIDTH; px++) {
      float cx = (float)px * (3.0f / (float)WIDTH) - 2.0f;
      float x = 0.0f, y = 0.0f;
      u32 it = 0;
      while (it < 64 && x * x + y * y <= 4.0f) {
        float t = x * x - y * y + cx;
        y = 2.0f * x * y + cy;
        x = t;
        it++;
      }
      total += it;
      dist += __builtin_sqrtf(x * x + y * y) * 0.001f;
    }
  }
  return total ^ fold_f32(dist);
}
