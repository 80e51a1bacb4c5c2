import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'spec-tests/**/*.test.ts'],
    // Two cores: separate processes (the interpreter's tests measure stack depth and fuel, which
    // must not share a heap), at most two at a time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
  },
});
