/**
 * Which module a seed stands for, shared by the CI batch and the full command so that a seed
 * printed by either reproduces the same module: odd seeds are made with `--denan` (NaN-free, so
 * floats compare exactly), even seeds keep NaNs (compared as a class).
 */
import type { TtfRecipe } from './generate.js';

/** The recipe for seed `n`. */
export function recipeFor(seed: number): TtfRecipe {
  return { seed, denan: (seed & 1) === 1 };
}
