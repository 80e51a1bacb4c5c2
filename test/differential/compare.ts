/**
 * One differential case: make the module of a recipe, run it through the fuzz shell on purewasm and
 * on V8, and compare the two event lists. Agreement is equality of events; the report says how many
 * top-level function calls were compared and, on disagreement, where the lists first part.
 *
 * Engine limits are not behaviour: V8's stack depth differs from purewasm's configured depth, and
 * purewasm's fuel bounds a run. When either run hits a limit, the module is compared only up to
 * the top-level call in which the first limit happened, and counted as limited.
 */
import { exposeMemory } from './expose.js';
import type { TtfGenerator, TtfRecipe } from './generate.js';
import type { FuncType } from '../../src/syntax/types.js';
import { exportSignatures, purewasmBinding, type PurewasmSetup } from './purewasm.js';
import { runShell, type ShellRun } from './shell.js';
import { LIMIT_CLASSES, sameTrap } from './traps.js';
import { v8Binding } from './v8.js';

/** The verdict on one module. */
export interface CaseResult {
  readonly recipe: TtfRecipe;
  /**
   * `refused`: V8 does not compile the module (binaryen emitted an instruction beyond 2.0, such as
   * `ref.as_non_null`): nothing to compare against, and not counted as compared.
   * `nan`: the runs differ only in NaN bits, which the spec leaves open (a NaN result may be any
   * arithmetic NaN, of either sign): a module made with NaNs differs, and the same module after
   * binaryen's `--denan` pass agrees. `difference` shows the original disagreement.
   */
  readonly status: 'agree' | 'mismatch' | 'limited' | 'refused' | 'nan';
  /** When refused: V8's reason. */
  readonly reason?: string;
  /** Top-level calls whose events were compared (identical in both runs unless `mismatch`). */
  readonly functionsCompared: number;
  /** Top-level calls made by the V8 run. */
  readonly functionsTotal: number;
  /** On mismatch: the first differing event index and a few events around it from each side. */
  readonly difference?: { index: number; v8: string[]; purewasm: string[] };
  readonly bytes: Uint8Array;
}

const isLimit = (event: string): boolean => {
  const m = /^(?:instantiate )?trap (.*)$/.exec(event);
  return m !== null && LIMIT_CLASSES.has(m[1]!);
};

/** Index of the top-level call containing event `i` (-1 before the first call). */
function callOf(run: ShellRun, i: number): number {
  let c = -1;
  for (let k = 0; k < run.callStarts.length && run.callStarts[k]! <= i; k++) c = k;
  return c;
}

/** The top-level call (-1: instantiation) in which `run` first hit a limit, or null if it never did. */
function limitCut(run: ShellRun): { cutCall: number } | null {
  const i = run.events.findIndex(isLimit);
  return i < 0 ? null : { cutCall: callOf(run, i) };
}

/** V8's reason for not compiling `bytes`, or null when it compiles them. */
function v8Refuses(bytes: Uint8Array): string | null {
  try {
    new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Events agree when equal, or when both are traps of classes V8 cannot tell apart (traps.ts). */
function sameEvent(v8: string, ours: string): boolean {
  if (v8 === ours) return true;
  const a = /^((?:instantiate )?)trap (.*)$/.exec(v8);
  const b = /^((?:instantiate )?)trap (.*)$/.exec(ours);
  return a !== null && b !== null && a[1] === b[1] && sameTrap(a[2]!, b[2]!);
}

/** Compares two shell runs of the same module (see the file header). */
export function compareRuns(
  recipe: TtfRecipe, bytes: Uint8Array, v8: ShellRun, ours: ShellRun,
): CaseResult {
  const cuts = [limitCut(v8), limitCut(ours)].filter((c) => c !== null);
  // Compare events before the first call that hit a limit on either side.
  const cutCall = cuts.length === 0 ? Infinity : Math.min(...cuts.map((c) => c!.cutCall));
  const endOf = (run: ShellRun): number =>
    cutCall === Infinity ? run.events.length : cutCall < 0 ? 0 : run.callStarts[cutCall] ?? run.events.length;
  const v8End = endOf(v8);
  const ourEnd = endOf(ours);
  let i = 0;
  while (i < v8End && i < ourEnd && sameEvent(v8.events[i]!, ours.events[i]!)) i++;
  const total = v8.callStarts.length;
  const limited = cutCall !== Infinity;
  if (i < v8End || i < ourEnd) {
    const from = Math.max(0, i - 3);
    return {
      recipe, bytes, status: 'mismatch', functionsTotal: total,
      functionsCompared: Math.max(0, callOf(v8, i)),
      difference: { index: i, v8: v8.events.slice(from, i + 3), purewasm: ours.events.slice(from, i + 3) },
    };
  }
  const compared = limited ? Math.max(0, cutCall) : total;
  return { recipe, bytes, status: limited ? 'limited' : 'agree', functionsCompared: compared, functionsTotal: total };
}

/** Generates the module of `recipe` and compares purewasm with V8 on it. */
export async function runCase(gen: TtfGenerator, recipe: TtfRecipe, setup?: PurewasmSetup): Promise<CaseResult> {
  const made = await gen.generate(recipe);
  const result = runBytes(recipe, exposeMemory(made), setup);
  // NaNs are compared as a class: where NaN bits reached integers (reinterpret, lanes, memory), ask
  // whether the same module without NaNs agrees before calling it a mismatch.
  if (result.status !== 'mismatch' || recipe.denan) return result;
  const retry = runBytes(recipe, exposeMemory(await gen.denan(made)), setup);
  return retry.status === 'agree' || retry.status === 'limited' ? { ...result, status: 'nan' } : result;
}

/** Compares purewasm with V8 on a module already made. */
export function runBytes(recipe: TtfRecipe, bytes: Uint8Array, setup?: PurewasmSetup): CaseResult {
  const reason = v8Refuses(bytes);
  if (reason !== null) return { recipe, bytes, status: 'refused', reason, functionsCompared: 0, functionsTotal: 0 };
  let signatures: Map<string, FuncType>;
  try {
    signatures = exportSignatures(bytes);
  } catch {
    signatures = new Map(); // purewasm refuses the module: the instantiate events will differ
  }
  const resultCounts = new Map([...signatures].map(([n, t]) => [n, t.results.length]));
  const oracle = runShell(v8Binding(resultCounts), bytes, signatures);
  const ours = runShell(purewasmBinding(setup), bytes, signatures);
  return compareRuns(recipe, bytes, oracle, ours);
}
