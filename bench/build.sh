#!/bin/sh
# Builds the benchmark kernels (bench/kernels/*.c) into bench/wasm/*.wasm with Debian's clang and
# wasm-ld for wasm32: freestanding, -O2, each exporting `run` (and its memory). The .wasm files are
# committed, so running the benchmarks needs no C toolchain; rebuild only after editing a kernel.
#
# Features: MVP plus what the file asks for — bulk.c gets -mbulk-memory, simd.c gets -msimd128.
# Everything else stays MVP so that every engine (polywasm too) can run it.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang}
mkdir -p wasm build
COMMON="--target=wasm32 -O2 -nostdlib -ffreestanding -Wall -Werror"
$CC $COMMON -fno-builtin -c kernels/libc.c -o build/libc.o
for src in kernels/*.c; do
  name=$(basename "$src" .c)
  [ "$name" = libc ] && continue
  extra=""
  case "$name" in
    bulk) extra="-mbulk-memory" ;;
    simd) extra="-msimd128" ;;
  esac
  $CC $COMMON $extra -c "$src" -o "build/$name.o"
  $CC $COMMON $extra "build/$name.o" build/libc.o -o "wasm/$name.wasm" \
    -Wl,--no-entry -Wl,--gc-sections -Wl,--strip-all
  echo "built wasm/$name.wasm ($(wc -c < "wasm/$name.wasm") bytes)"
done
rm -rf build
