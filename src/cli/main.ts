/**
 * The `purewasm` command line: inspect, wat2wasm, wasm2wat, run and wast. `main(argv, io)` does
 * the work and returns the exit code, so tests can call it in-process or spawn it; the bottom of
 * the file runs it when this module is the entry point (bin/purewasm.mjs or `tsx src/cli/main.ts`).
 *
 * Exit codes: 0 success, 1 usage/compile/link error or a failing script, 134 a trap (wasmtime's
 * code for traps, SIGABRT's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decodeModule } from '../decoder/index.js';
import { wasm2wat } from '../disasm/wasm2wat.js';
import type { Feature } from '../runtime/features.js';
import { formatTrap } from '../runtime/trap.js';
import { CompileError, LinkError, ParseError, Trap } from '../util/errors.js';
import { inspect } from './inspect.js';
import { loadModuleBytes, watToWasm } from './load.js';
import { runModule, type Io } from './run.js';
import { runWastFile } from './wast.js';

/** Exit code for a trap. */
export const EXIT_TRAP = 134;

const USAGE = `usage: purewasm <command> [options]

commands:
  inspect FILE.wasm|FILE.wat              sections, types, imports, exports and sizes
  wat2wasm FILE.wat [-o FILE.wasm]        text to binary
  wasm2wat FILE.wasm                      binary to text (stdout)
  run FILE.wasm|FILE.wat [--invoke NAME] [--fuel N] [--enable FEATURES] [ARGS...]
                                          run an export (default _start or main), print results
  wast FILE.wast [-v] [--enable FEATURES] run a WAST script and report

  --enable takes comma-separated proposals beyond WebAssembly 3.0 (e.g. custom-page-sizes).
`;

/** The process's stdout/stderr as an Io. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Runs the CLI with arguments `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'inspect': {
        const file = onlyFile(rest, 'inspect');
        io.out(inspect(loadModuleBytes(file)) + '\n');
        return 0;
      }
      case 'wat2wasm': {
        const o = rest.indexOf('-o');
        const output = o >= 0 ? rest[o + 1] : undefined;
        const inputs = rest.filter((_, i) => i !== o && i !== o + 1);
        if (inputs.length !== 1 || (o >= 0 && output === undefined)) throw new UsageError('wat2wasm FILE.wat [-o FILE.wasm]');
        const input = inputs[0]!;
        const bytes = watToWasm(readFileSync(input, 'utf8'));
        writeFileSync(output ?? input.replace(/\.wat$/, '') + '.wasm', bytes);
        return 0;
      }
      case 'wasm2wat': {
        const file = onlyFile(rest, 'wasm2wat');
        io.out(wasm2wat(decodeModule(loadModuleBytes(file))));
        return 0;
      }
      case 'run': return runCommand(rest, io);
      case 'wast': {
        const { features, rest: others } = takeEnable(rest);
        const verbose = others.includes('-v');
        const files = others.filter((a) => a !== '-v');
        if (files.length === 0) throw new UsageError('wast FILE.wast [-v] [--enable FEATURES]');
        let failed = 0;
        for (const f of files) failed += runWastFile(f, io, verbose, features).failed;
        return failed === 0 ? 0 : 1;
      }
      case undefined: case '-h': case '--help': case 'help':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (e) {
    return report(e, io);
  }
}

class UsageError extends Error {}

function onlyFile(rest: readonly string[], command: string): string {
  if (rest.length !== 1) throw new UsageError(`${command} FILE`);
  return rest[0]!;
}

/** Removes `--enable a,b` from the arguments; returns the features it names (checked by the Engine). */
function takeEnable(args: readonly string[]): { features: Partial<Record<Feature, boolean>>; rest: string[] } {
  const features: Partial<Record<Feature, boolean>> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--enable') {
      rest.push(args[i]!);
      continue;
    }
    const list = args[++i];
    if (list === undefined) throw new UsageError('--enable FEATURE[,FEATURE...]');
    for (const f of list.split(',')) if (f !== '') features[f as Feature] = true;
  }
  return { features, rest };
}

function runCommand(all: readonly string[], io: Io): number {
  const { features, rest } = takeEnable(all);
  let invoke: string | null = null;
  let fuel: number | null = null;
  let file: string | null = null;
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    // Options may come anywhere; everything else after the file is an argument (`-5` included).
    if (a === '--invoke') invoke = rest[++i] ?? null;
    else if (a === '--fuel') fuel = Number(rest[++i]);
    else if (file === null) file = a;
    else args.push(a);
  }
  if (file === null || (invoke === null && rest.includes('--invoke')) || (fuel !== null && !Number.isSafeInteger(fuel))) {
    throw new UsageError('run FILE.wasm|FILE.wat [--invoke NAME] [--fuel N] [ARGS...]');
  }
  return runModule(loadModuleBytes(file), { invoke, args, fuel, features }, io);
}

/** Prints an error the way users expect for its kind; returns the exit code. */
function report(e: unknown, io: Io): number {
  if (e instanceof RangeError && /^unknown feature/.test(e.message)) {
    io.err(`error: ${e.message}\n`);
    return 1;
  }
  if (e instanceof UsageError) {
    io.err(`usage: purewasm ${e.message}\n\n${USAGE}`);
    return 1;
  }
  if (e instanceof Trap) {
    io.err(`error: ${formatTrap(e)}\n`);
    return EXIT_TRAP;
  }
  if (e instanceof CompileError) {
    io.err(`error: ${e.kind === 'malformed' ? 'malformed module' : 'invalid module'}: ${e.message}\n`);
    return 1;
  }
  if (e instanceof ParseError || e instanceof LinkError) {
    io.err(`error: ${e.message}\n`);
    return 1;
  }
  if (e instanceof Error && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string') {
    io.err(`error: ${e.message}\n`);
    return 1;
  }
  throw e;
}

/** True when this file is the program's entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (isEntryPoint()) process.exitCode = main(process.argv.slice(2));
