/**
 * `npm run demo`: a tour of the purewasm CLI on examples/mandelbrot.wat — convert it to binary,
 * inspect the binary, disassemble it, run it (the picture is printed by wasm through an imported
 * `putchar`), then show a trap with its backtrace. Every step runs the real CLI in a child
 * process under `node --jitless`, where the host has no WebAssembly at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wat = join(root, 'examples', 'mandelbrot.wat');
const wasm = join(mkdtempSync(join(tmpdir(), 'purewasm-demo-')), 'mandelbrot.wasm');

function cli(title: string, args: string[], maxLines = Infinity): void {
  console.log(`\n\x1b[1m$ purewasm ${args.join(' ')}\x1b[0m   # ${title}`);
  const r = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root, encoding: 'utf8',
  });
  const lines = r.stdout.split('\n');
  console.log(lines.slice(0, maxLines).join('\n') + (lines.length > maxLines ? `\n… (${lines.length - maxLines} more lines)` : ''));
  // Node itself notes that --jitless turns WebAssembly off; that is the point, so leave it out.
  const err = r.stderr.split('\n').filter((l) => !l.startsWith('Warning: disabling flag --expose_wasm')).join('\n').trim();
  if (err) console.log(err);
  console.log(`(exit code ${r.status})`);
}

console.log(`node --jitless: typeof WebAssembly is "${spawnSync(process.execPath, ['--jitless', '-p', 'typeof WebAssembly'], { encoding: 'utf8' }).stdout.trim()}"`);
cli('text to binary', ['wat2wasm', wat, '-o', wasm]);
cli('what is inside', ['inspect', wasm]);
cli('back to text', ['wasm2wat', wasm], 25);
cli('run it: wasm prints through env.putchar, the result is the number of points in the set', ['run', wasm, '--invoke', 'mandelbrot', '72', '28', '60']);
cli('a trap, with the wasm backtrace', ['run', wat, '--invoke', 'broken']);
