/* f64 arithmetic through memory: a dense matrix multiply, C = A·B, repeated with changing inputs. */
#include "kernel.h"

#define N 48
static double A[N * N], B[N * N], C[N * N];

EXPORT("run") u32 run(u32 reps) {
  u32 acc = 0;
  for (u32 r = 0; r < reps; r++) {
    for (u32 i = 0; i < N * N; i++) {
      A[i] = (double)((i * 7 + r) % 13) * 0.25 - 1.0;
      B[i] = (double)((i * 5 + 3 * r) % 11) * 0.5 + 0.125;
    }
    for (u32 i = 0; i < N; i++)
      for (u32 j = 0; j < N; j++) {
        double s = 0.0;
        for (u32 k = 0; k < N; k++) s += A[i * N + k] * B[k * N + j];
        C[i * N + j] = s;
      }
    double t = 0.0;
    for (u32 i = 0; i < N * N; i++) t += C[i] * (double)(i & 7);
    acc = acc * 3 + fold_f64(t);
  }
  return acc;
}
