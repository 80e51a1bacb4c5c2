/**
 * Small statistics for the benchmark report: median and geometric mean. No outlier rejection:
 * the median of several calls is the figure, and the raw samples go to the JSON file.
 */

/** The median of `xs` (the mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The geometric mean of positive `xs`; NaN when empty. */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let logSum = 0;
  for (const x of xs) logSum += Math.log(x);
  return Math.exp(logSum / xs.length);
}
