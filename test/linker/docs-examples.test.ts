/**
 * docs/linker.md stays true: every `<!-- example: NAME -->` code block is exactly the file
 * examples/linker/NAME.ts, and running that file's `main()` gives exactly the output block that
 * follows it. Every example file is shown in the guide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const doc = readFileSync(resolve(ROOT, 'docs/linker.md'), 'utf8');

interface Example { name: string; code: string; output: string }

function examples(): Example[] {
  const re = /<!-- example: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```\n\nOutput:\n\n```text\n([\s\S]*?)\n```/g;
  return [...doc.matchAll(re)].map((m) => ({ name: m[1]!, code: m[2]!, output: m[3]! }));
}

describe('docs/linker.md', () => {
  const found = examples();

  test('shows every example file', () => {
    const files = readdirSync(resolve(ROOT, 'examples/linker'))
      .filter((f) => f.endsWith('.ts') && f !== 'wat.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(found.map((e) => e.name).sort()).toEqual(files);
    expect(found.length).toBeGreaterThanOrEqual(6);
  });

  test.each(found.map((e) => [e.name, e] as const))('%s: the block is the file and prints its output', async (name, e) => {
    const file = readFileSync(resolve(ROOT, `examples/linker/${name}.ts`), 'utf8').replace(/\n+$/, '');
    expect(e.code).toBe(file);
    const { main } = (await import(`../../examples/linker/${name}.ts`)) as { main: () => string[] | Promise<string[]> };
    expect((await main()).join('\n')).toBe(e.output);
  });
});
