/** examples/embedding.ts does what its comments say (an example that breaks fails CI). */
import { expect, test } from 'vitest';
import { main } from '../../examples/embedding.js';

function fib(n: number): bigint {
  let a = 0n, b = 1n;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

test('the embedding example', () => {
  const out = main();
  expect(out[0]).toBe('log: hello from wasm');
  expect(out[1]).toBe(`fib(90) = ${fib(90)}`);
  expect(out[2]).toBe('wasm trap: integer divide by zero');
  const m = /^fib\(80\) = (\d+) in (\d+) slices$/.exec(out[3]!);
  expect(m?.[1]).toBe(String(fib(80)));
  expect(Number(m?.[2])).toBeGreaterThan(5);
});
