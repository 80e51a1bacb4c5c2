/*
 * The two functions clang may call on its own for copy and zeroing loops, since kernels have no
 * libc. Built with -fno-builtin so these loops are not turned back into calls to themselves.
 * The bulk-memory kernel does not use them: it is built with -mbulk-memory.
 */
typedef __SIZE_TYPE__ size_t;
void *memset(void *d, int c, size_t n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}
