/* Sorting: an iterative quicksort (explicit stack, insertion sort for short runs) of LCG data. */
#include "kernel.h"

#define SIZE 20000
static i32 data[SIZE];

static void sort(i32 *a, i32 n) {
  i32 lo_stack[64], hi_stack[64];
  i32 top = 0;
  lo_stack[0] = 0; hi_stack[0] = n - 1;
  while (top >= 0) {
    i32 lo = lo_stack[top], hi = hi_stack[top];
    top--;
    while (hi - lo > 16) {
      i32 pivot = a[lo + ((hi - lo) >> 1)];
      i32 i = lo, j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) { i32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
      }
      /* Recurse (push) into the larger part, loop on the smaller: the stack stays O(log n). */
      if (j - lo > hi - i) { top++; lo_stack[top] = lo; hi_stack[top] = j; lo = i; }
      else { top++; lo_stack[top] = i; hi_stack[top] = hi; hi = j; }
    }
    for (i32 i = lo + 1; i <= hi; i++) {
      i32 v = a[i], k = i - 1;
      while (k >= lo && a[k] > v) { a[k + 1] = a[k]; k--; }
      a[k + 1] = v;
    }
  }
}

EXPORT("run") u32 run(u32 reps) {
  u32 acc = 0, seed = 12345;
  for (u32 r = 0; r < reps; r++) {
    for (i32 i = 0; i < SIZE; i++) { seed = seed * 1103515245u + 12345u; data[i] = (i32)(seed >> 1) % 1000000; }
    sort(data, SIZE);
    u32 h = 0;
    for (i32 i = 0; i < SIZE; i += 97) h = h * 31 + (u32)data[i];
    for (i32 i = 1; i < SIZE; i++) if (data[i - 1] > data[i]) return 0xbad;
    acc ^= h + r;
  }
  return acc;
}
