/**
 * `npm run bench`: the benchmark suite. Measures every kernel (kernels.ts) in each engine side by
 * side, each (engine, kernel) in a fresh child process (worker.ts): V8's native WebAssembly as the
 * baseline, purewasm, and polywasm as the peer, plus `node --jitless` rows for purewasm and
 * polywasm. Every checksum is compared with V8's; a wrong one is reported, never timed. Then the
 * start-up figures (startup.ts) and the check that V8 optimises the dispatch loop (optcheck.ts).
 *
 * Output: a markdown report on stdout (also bench/results/latest.md) and all raw samples as JSON
 * in bench/results/ (git-ignored). purewasm is measured from dist/, built here with tsc first
 * (tsc inlines `const enum` values; tsx/vitest do not, which would slow every dispatch).
 *
 * Options (all optional):
 *   --kernels fib,loop     kernels to run (default: all)
 *   --engines v8,purewasm  engines with the JIT (default: v8,purewasm,polywasm)
 *   --jitless purewasm     engines for the --jitless rows (default: purewasm,polywasm; `none`)
 *   --fuel                 add a purewasm row with fuel metering on
 *   --rounds 5 --warmup 2  measured and warm-up calls per cell
 *   --scale 1              multiply every kernel's work (0.1 for a quick look)
 *   --jitless-scale 0.1    the same for the --jitless rows (default: scale / 10)
 *   --budget 30            CPU seconds per cell after which measuring stops (≥ 1 measured call)
 *   --quick                scale 0.1 (--jitless rows 0.01), 3 rounds, 1 warm-up, 10 s budget
 *   --profile              purewasm cells also write a V8 CPU profile (--cpu-prof) to bench/results/prof/
 *   --no-build --no-startup --no-optcheck
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ENGINES, type EngineName } from './engines.js';
import { KERNELS, selectKernels, type Kernel } from './kernels.js';
import { geomean, median } from './stats.js';
import type { CellResult, Job } from './worker.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = fileURLToPath(new URL('.', import.meta.url));

interface Options {
  kernels: Kernel[];
  engines: EngineName[];
  jitless: EngineName[];
  rounds: number;
  warmup: number;
  scale: number;
  /** Work scale of the --jitless rows (V8 is measured again at that scale for their ratios). */
  jitlessScale: number;
  budget: number;
  build: boolean;
  startup: boolean;
  optcheck: boolean;
  profile: boolean;
}

function parseEngines(list: string): EngineName[] {
  if (list === 'none' || list === '') return [];
  return list.split(',').map((e) => {
    if (!(ENGINES as readonly string[]).includes(e)) throw new Error(`unknown engine '${e}' (known: ${ENGINES.join(', ')})`);
    return e as EngineName;
  });
}

function parseOptions(argv: readonly string[]): Options {
  const o: Options = {
    kernels: selectKernels([]), engines: ['v8', 'purewasm', 'polywasm'], jitless: ['purewasm', 'polywasm'],
    rounds: 5, warmup: 2, scale: 1, jitlessScale: NaN, budget: 30, build: true, startup: true, optcheck: true, profile: false,
  };
  let fuel = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (): number => {
      const n = Number(value());
      if (!(n > 0)) throw new Error(`${a} needs a positive number`);
      return n;
    };
    switch (a) {
      case '--kernels': o.kernels = selectKernels(value().split(',')); break;
      case '--engines': o.engines = parseEngines(value()); break;
      case '--jitless': o.jitless = parseEngines(value()); break;
      case '--fuel': fuel = true; break;
      case '--rounds': o.rounds = Math.round(num()); break;
      case '--warmup': o.warmup = Math.round(Number(value())); break;
      case '--scale': o.scale = num(); break;
      case '--jitless-scale': o.jitlessScale = num(); break;
      case '--budget': o.budget = num(); break;
      case '--quick': Object.assign(o, { scale: 0.1, jitlessScale: 0.01, rounds: 3, warmup: 1, budget: 10 }); break;
      case '--profile': o.profile = true; break;
      case '--no-build': o.build = false; break;
      case '--no-startup': o.startup = false; break;
      case '--no-optcheck': o.optcheck = false; break;
      default: throw new Error(`unknown option '${a}' (see the header of bench/run.ts)`);
    }
  }
  // Without a JIT an engine runs 10–1000× slower: a tenth of the work keeps those rows bounded.
  if (Number.isNaN(o.jitlessScale)) o.jitlessScale = o.scale / 10;
  if (fuel && !o.engines.includes('purewasm-fuel')) o.engines.push('purewasm-fuel');
  // V8 gives the checksums and the baseline, so it always runs, and first.
  o.engines = ['v8', ...o.engines.filter((e) => e !== 'v8')];
  o.jitless = o.jitless.filter((e) => e !== 'v8'); // native WebAssembly does not exist under --jitless
  return o;
}

/** A row of the table: one engine under one set of node flags. */
interface Row {
  engine: EngineName;
  jitless: boolean;
  label: string;
  scale: number;
}

function spawnNode(flags: readonly string[], script: string, args: readonly string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

function runCell(row: Row, kernel: Kernel, o: Options): CellResult {
  const arg = Math.max(1, Math.round(kernel.arg * row.scale));
  const job: Job = { engine: row.engine, kernels: [{ name: kernel.name, arg }], warmup: o.warmup, minWarmupMs: 300, rounds: o.rounds, budgetSeconds: o.budget };
  const flags = row.jitless ? ['--jitless'] : [];
  if (o.profile && row.engine.startsWith('purewasm')) {
    flags.push('--cpu-prof', `--cpu-prof-dir=${BENCH}results/prof`, `--cpu-prof-name=${kernel.name}-${row.label.replace(/\W+/g, '_')}.cpuprofile`);
  }
  const r = spawnNode(flags, `${BENCH}worker.ts`, [JSON.stringify(job)]);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as CellResult;
  } catch {
    const why = (r.stderr.trim().split('\n').filter((l) => !l.startsWith('Warning')).pop() ?? `exit ${r.status}`);
    return { kernel: kernel.name, engine: row.engine, jitless: row.jitless, arg, checksum: null, error: `worker failed: ${why}`, loadMs: 0, cpuMs: [], wallMs: [] };
  }
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/**
 * Ratio of a cell's median CPU time to V8's; negated when the checksum is wrong; null (with the
 * reason in `notes`) when the engine could not run the kernel.
 */
function ratioOf(cell: CellResult | undefined, base: CellResult | undefined, notes: Set<string>): number | null {
  if (!cell || !base || base.checksum === null) return null;
  if (cell.error !== undefined) {
    notes.add(`${cell.engine}${cell.jitless ? ' --jitless' : ''} on ${cell.kernel}: ${cell.error}`);
    return null;
  }
  if (cell.checksum !== base.checksum) return -median(cell.cpuMs) / median(base.cpuMs); // wrong answer: negated
  return median(cell.cpuMs) / median(base.cpuMs);
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const out: string[] = [];
  const say = (s = '') => { out.push(s); console.log(s); };

  if (o.build) {
    console.error('building dist/ with tsc (purewasm is measured from its tsc build: const enums inlined) …');
    const b = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) console.error(`tsc reported errors (dist/ was still emitted):\n${(b.stdout ?? '').slice(0, 2000)}`);
  }

  const rows: Row[] = [
    ...o.engines.map((engine) => ({ engine, jitless: false, label: engine, scale: o.scale })),
    ...o.jitless.map((engine) => ({ engine, jitless: true, label: `${engine} --jitless`, scale: o.jitlessScale })),
  ];
  // The baseline at the --jitless rows' scale, when that differs (same checksum argument, same work).
  const baseline = (scale: number): Row => ({ engine: 'v8', jitless: false, label: `v8 @${scale}`, scale });
  if (o.jitless.length && o.jitlessScale !== o.scale) rows.splice(1, 0, baseline(o.jitlessScale));
  const cells = new Map<string, CellResult>();
  const key = (row: Row, kernel: string) => `${row.label}|${kernel}`;
  for (const kernel of o.kernels) {
    for (const row of rows) {
      const cell = runCell(row, kernel, o);
      cells.set(key(row, kernel.name), cell);
      const status = cell.error ? `error: ${cell.error}` : `${fmt(median(cell.cpuMs))} ms (${cell.cpuMs.length} calls) checksum ${cell.checksum}`;
      console.error(`  ${kernel.name.padEnd(9)} ${row.label.padEnd(22)} ${status}`);
    }
  }

  say(`## purewasm benchmarks — ${new Date().toISOString()}`);
  say();
  say(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}; scale ${o.scale}` +
    (o.jitless.length ? ` (--jitless rows: ${o.jitlessScale}, against V8 at that scale)` : '') + ', ' +
    `warm-up (≥ 300 ms, ${o.warmup} calls unless a call takes seconds) + median of ≤ ${o.rounds} calls (CPU time), each engine and kernel in a fresh process; ` +
    `purewasm from its tsc build (dist/).`);
  say();
  say('Ratio of each engine\'s time to V8 native WebAssembly on the same kernel (lower is better).');
  say();
  const notes = new Set<string>();
  const others = rows.filter((r) => r.engine !== 'v8');
  say(`| kernel | V8 ms | ${others.map((r) => r.label).join(' | ')} |`);
  say(`|---|---:|${others.map(() => '---:').join('|')}|`);
  const ratios = new Map<string, number[]>();
  const ratioTable = new Map<string, number | null>();
  for (const kernel of o.kernels) {
    const base = cells.get(key(rows[0]!, kernel.name));
    const parts = others.map((row) => {
      const b = row.scale === o.scale ? base : cells.get(key(baseline(row.scale), kernel.name));
      const r = ratioOf(cells.get(key(row, kernel.name)), b, notes);
      ratioTable.set(key(row, kernel.name), r);
      if (r === null) return 'n/a';
      if (r < 0) {
        notes.add(`${row.label} on ${kernel.name}: WRONG checksum (${cells.get(key(row, kernel.name))?.checksum}, V8 says ${b?.checksum})`);
        ratioTable.set(key(row, kernel.name), null);
        return `**wrong** (${fmt(-r)}×)`;
      }
      const list = ratios.get(row.label) ?? [];
      list.push(r);
      ratios.set(row.label, list);
      return `${fmt(r)}×`;
    });
    const baseText = base?.checksum ? fmt(median(base.cpuMs)) : `failed (${base?.error ?? '?'})`;
    say(`| ${kernel.name} | ${baseText} | ${parts.join(' | ')} |`);
  }
  const gm = new Map(others.map((r) => [r.label, geomean(ratios.get(r.label) ?? [])] as const));
  say(`| **geomean** | | ${others.map((r) => `**${fmt(gm.get(r.label)!)}×** (${(ratios.get(r.label) ?? []).length})`).join(' | ')} |`);
  say();
  say('Kernels: ' + o.kernels.map((k) => `${k.name} (${k.what})`).join('; ') + '.');
  if (notes.size) {
    say();
    say('Not counted:');
    for (const n of notes) say(`- ${n}`);
  }

  // The issue's targets, as far as this run measured them.
  const pw = ratios.get('purewasm');
  const targets: string[] = [];
  if (pw && pw.length) {
    targets.push(`geomean ≤ 20× V8: ${fmt(gm.get('purewasm')!)}× → ${gm.get('purewasm')! <= 20 ? 'met' : 'not met'}`);
    const worst = Math.max(...pw);
    targets.push(`no kernel above 40×: worst ${fmt(worst)}× → ${worst <= 40 ? 'met' : 'not met'}`);
    const i64 = ratioTable.get(`purewasm|i64`);
    const loop = ratioTable.get(`purewasm|loop`);
    if (i64 && loop) targets.push(`i64 within 2× of the i32 loop (relative to V8): ${fmt(i64 / loop, 2)} → ${i64 / loop <= 2 ? 'met' : 'not met'}`);
  }
  // Compared kernel by kernel over those both engines ran correctly: polywasm has no SIMD and gets
  // f32 wrong, so a ratio of the two rows' geomeans would weigh kernels only one of them ran.
  const both = o.kernels.filter((k) => {
    const p = ratioTable.get(`purewasm --jitless|${k.name}`), q = ratioTable.get(`polywasm --jitless|${k.name}`);
    return typeof p === 'number' && typeof q === 'number';
  });
  if (both.length) {
    const gap = geomean(both.map((k) => ratioTable.get(`purewasm --jitless|${k.name}`)! / ratioTable.get(`polywasm --jitless|${k.name}`)!));
    const pj = gm.get('purewasm --jitless')!, qj = gm.get('polywasm --jitless')!;
    targets.push(`--jitless within 8× of polywasm --jitless: ${fmt(gap, 2)}× (geomean of the per-kernel ratios over the ${both.length} kernels both ran correctly; ` +
      `the rows' own geomeans give ${fmt(pj / qj, 2)}×) → ${gap <= 8 ? 'met' : 'not met'}`);
  }
  const fuel = ratios.get('purewasm-fuel');
  if (fuel && pw && fuel.length === pw.length) {
    const overhead = geomean(fuel.map((f, i) => f / pw[i]!)) - 1;
    targets.push(`fuel metering on costs ≤ 10%: ${fmt(overhead * 100)}% → ${overhead <= 0.1 ? 'met' : 'not met'}`);
  }
  if (targets.length) {
    say();
    const partial = o.kernels.length < KERNELS.length ? ` — only ${o.kernels.length} of ${KERNELS.length} kernels ran; the targets are for all of them` : '';
    say(`Targets (issue 5)${partial}:`);
    for (const t of targets) say(`- ${t}`);
  }

  let startup: unknown = null, optcheck: unknown = null;
  const section = (title: string, script: string, flags: string[]): unknown => {
    console.error(`${title} …`);
    const r = spawnNode(flags, `${BENCH}${script}`, []);
    const lines = r.stdout.trim().split('\n');
    let json: unknown = null;
    try { json = JSON.parse(lines.pop() ?? ''); } catch { /* reported below */ }
    say();
    say(`### ${title}`);
    say();
    if (json === null) say(`failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    for (const l of lines) say(l);
    return json;
  };
  if (o.startup) startup = section('Start-up (purewasm, dist/)', 'startup.ts', ['--expose-gc']);
  if (o.optcheck) optcheck = section('Is the dispatch loop optimised by V8?', 'optcheck.ts', ['--allow-natives-syntax']);

  mkdirSync(`${BENCH}results`, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = {
    date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length,
    options: { ...o, kernels: o.kernels.map((k) => k.name) },
    cells: [...cells.values()],
    geomean: Object.fromEntries(gm), targets, startup, optcheck,
  };
  writeFileSync(`${BENCH}results/bench-${stamp}.json`, JSON.stringify(json, null, 1));
  writeFileSync(`${BENCH}results/latest.json`, JSON.stringify(json, null, 1));
  writeFileSync(`${BENCH}results/latest.md`, out.join('\n') + '\n');
  console.error(`raw results: bench/results/bench-${stamp}.json (and latest.json, latest.md)`);
}

await main();
