/*
 * Shared by every benchmark kernel: the export macro and fixed-width types. Kernels are built
 * freestanding (no libc, see bench/build.sh); each exports `run(n)` doing work proportional to n
 * and returning a checksum, so an engine that computes a wrong answer is caught, not timed.
 */
#ifndef KERNEL_H
#define KERNEL_H
typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;
#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))

/* Folds the bits of a double into 32 bits: checksums stay exact integers on every engine. */
static inline u32 fold_f64(double d) {
  union { double d; u64 u; } v = { d };
  return (u32)v.u ^ (u32)(v.u >> 32);
}
static inline u32 fold_f32(float f) {
  union { float f; u32 u; } v = { f };
  return v.u;
}
#endif
