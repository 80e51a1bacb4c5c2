/* f32 arithmetic: a Mandelbrot set in single precision (every step rounds to f32), plus sqrt. */
#include "kernel.h"

EXPORT("run") u32 run(u32 size) {
  u32 total = 0;
  float dist = 0.0f;
  for (u32 py = 0; py < size; py++) {
    for (u32 px = 0; px < size; px++) {
      float cx = (float)px * (3.0f / (float)size) - 2.0f;
      float cy = (float)py * (2.5f / (float)size) - 1.25f;
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
