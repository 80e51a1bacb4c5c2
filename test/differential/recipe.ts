/**
 * What a seed stands for, shared by the CI batch and the full command so that a seed printed by
 * either reproduces the same case: odd seeds are made with `--denan` (NaN-free, so floats compare
 * exactly), even seeds keep NaNs (compared as a class); one seed in five is optimised with -O3 and
 * one in five with random passes; one in seven has no out-of-bounds accesses; one in four gets a large input; bit 1 of the seed runs purewasm without
 * fuel metering (the default configuration) and seeds divisible by 3 translate eagerly, so every
 * combination of the interpreter's configurations is exercised.
 */
import type { TtfRecipe } from './generate.js';
import { DEFAULT_FUEL, type PurewasmSetup } from './purewasm.js';

/** The recipe for seed `n`; `maxInput` replaces the size rule with 1 KB … maxInput bytes. */
export function recipeFor(seed: number, maxInput?: number): TtfRecipe {
  const passes = seed % 5 === 2 ? ['-O3'] : seed % 5 === 4 ? ['--fuzz-passes'] : [];
  // Without out-of-bounds accesses calls trap less often, so more of each function runs.
  if (seed % 7 === 5) passes.push('--no-fuzz-oob');
  // 1–8 KB of input for most seeds, up to 40 KB for one in four: large modules have more functions,
  // more types (block types with two-byte indices) and more work per call.
  const spread = (Math.imul(seed >>> 0, 2654435761) >>> 0) % 1000;
  const size = maxInput !== undefined
    ? 1024 + Math.floor((spread * (maxInput - 1024)) / 1000)
    : 1024 + (seed % 4 === 3 ? spread * 40 : spread * 7);
  return { seed, denan: (seed & 1) === 1, passes, size };
}

/** The purewasm configuration for seed `n`; `fuel` is the budget of metered runs. */
export function setupFor(seed: number, fuel: number = DEFAULT_FUEL): PurewasmSetup {
  return { fuel: (seed & 2) === 0 ? fuel : null, compilation: seed % 3 === 0 ? 'eager' : 'lazy' };
}
