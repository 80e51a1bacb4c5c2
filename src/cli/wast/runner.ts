/**
 * Executes a parsed WAST script against one `SpecEngine` and tallies each command as passed,
 * failed or skipped, with the spec's rules for every assertion. Failures and soft mismatches
 * (a compile/link error with different wording than the script expects) are collected with
 * their line numbers rather than thrown, so one bad command never hides the rest of a file.
 * It does not parse text itself: the caller supplies `quoteToBinary` for `module quote`. Used by
 * the spec suite (spec-tests/) and by `purewasm wast`.
 */
import type { Loc, WastAction, WastCommand, WastModule, WastScript } from '../../text/wast-script.js';
import type { Failure, FailureKind, SpecEngine, SpecValue } from './engine.js';
import { expectedToString, matches, messageMatches, valueToString } from './expect.js';
import { summarizeBinary, type Feature } from '../../runtime/features.js';

/** Why a command was skipped: the feature it needs, and a short explanation. */
export interface SkipReason {
  feature: string;
  why: string;
}

/** Which commands to skip; the spec suite's policy lives in spec-tests/skips.ts. */
export interface SkipPolicy {
  /** A skip decided by the command and the engine alone, or null. */
  command(cmd: WastCommand, engine: SpecEngine<any, any, any>): SkipReason | null;
  /** A skip for running a module that uses `features`, or null. */
  features(features: ReadonlySet<Feature>): SkipReason | null;
}

/** A command that did not do what the script asserts. */
export interface CommandFailure {
  line: number;
  command: string;
  message: string;
}

/** A compile/link/instantiation error of the right kind whose message differs from the script's. */
export interface SoftMismatch {
  line: number;
  command: string;
  expected: string;
  actual: string;
}

export interface SkippedCommand {
  line: number;
  command: string;
  reason: SkipReason;
}

/** The outcome of one script file. */
export interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: CommandFailure[];
  soft: SoftMismatch[];
  skips: SkippedCommand[];
}

export interface RunOptions {
  /** The file's path relative to the suite root (used for reports and file-level skips). */
  file: string;
  /** Parses a `module quote` text to a binary; throws ParseError (or CompileError) when it is malformed. */
  quoteToBinary: (text: string) => Uint8Array;
  /** What to skip; nothing is skipped without one. */
  skips?: SkipPolicy;
  /** Record at most this many failures (all are counted; a broken engine should not print thousands of lines). */
  maxFailures?: number;
}

/** Thrown internally to record a failed command. */
class CommandFailed extends Error {}

/** Runs `script` on `engine`. */
export function runScript<M, I, X>(script: WastScript, engine: SpecEngine<M, I, X>, options: RunOptions): FileResult {
  return new ScriptRun(engine, options).run(script.commands);
}

class ScriptRun<M, I, X> {
  readonly result: FileResult;
  /** Instances by `$name`. */
  private readonly instances = new Map<string, I>();
  /** Compiled `module definition`s by `$name`. */
  private readonly definitions = new Map<string, M>();
  /** Instances registered under a module name for imports (`register`), spectest included. */
  private readonly registered = new Map<string, I>();
  private current: I | null = null;
  /** Skip reasons of modules that were not run, so commands on them are skipped too. */
  private currentSkip: SkipReason | null = null;
  private readonly skippedNames = new Map<string, SkipReason | null>();
  private readonly skippedDefinitions = new Map<string, SkipReason | null>();
  private readonly skippedRegistered = new Map<string, SkipReason | null>();
  /** Instances whose state a skipped module may have changed (see taintImported). */
  private readonly tainted = new Map<I, SkipReason>();
  /** Line of the command being executed, for soft-mismatch records. */
  private currentLine = 0;
  private readonly resolve = (module: string, name: string): X | undefined => {
    const inst = this.registered.get(module);
    return inst === undefined ? undefined : this.engine.exportOf(inst, name);
  };

  constructor(private readonly engine: SpecEngine<M, I, X>, private readonly options: RunOptions) {
    this.result = { file: options.file, passed: 0, failed: 0, skipped: 0, failures: [], soft: [], skips: [] };
    const spectest = engine.spectest();
    this.registered.set('spectest', spectest);
    engine.register?.('spectest', spectest);
  }

  run(commands: readonly WastCommand[]): FileResult {
    const max = this.options.maxFailures ?? 200;
    for (const cmd of commands) {
      const line = lineOf(cmd);
      this.currentLine = line;
      let skip: SkipReason | null;
      try {
        skip = this.options.skips === undefined ? null : (this.options.skips.command(cmd, this.engine) ?? this.dependencySkip(cmd));
      } catch {
        skip = null;
      }
      if (skip !== null) {
        this.result.skipped++;
        this.result.skips.push({ line, command: cmd.kind, reason: skip });
        continue;
      }
      try {
        this.execute(cmd);
        this.result.passed++;
      } catch (e) {
        this.result.failed++;
        if (this.result.failures.length < max) {
          const message = e instanceof CommandFailed ? e.message : `runner error: ${describe(e)}`;
          this.result.failures.push({ line, command: cmd.kind, message });
        }
      }
    }
    return this.result;
  }

  /**
   * A skip because the command runs a module that needs a feature not executed yet, or acts on
   * (or imports from) such a module. Records skipped modules so later commands follow them.
   */
  private dependencySkip(cmd: WastCommand): SkipReason | null {
    switch (cmd.kind) {
      case 'module': {
        const skip = this.moduleSkip(cmd.module);
        if (skip !== null) this.taintImported(cmd.module, skip);
        if (!cmd.module.definition) {
          // Later actions on the current module (or on it by name) are skipped for the same reason.
          this.currentSkip = skip;
          if (cmd.module.name !== null) this.skippedNames.set(cmd.module.name, skip);
        } else if (cmd.module.name !== null) {
          this.skippedDefinitions.set(cmd.module.name, skip);
        }
        return skip;
      }
      case 'module_instance': {
        const skip = (cmd.module !== null ? this.skippedDefinitions.get(cmd.module) : null) ?? null;
        this.currentSkip = skip;
        if (cmd.instance !== null) this.skippedNames.set(cmd.instance, skip);
        return skip;
      }
      case 'register': {
        const skip = this.instanceSkip(cmd.module);
        this.skippedRegistered.set(cmd.as, skip);
        return skip;
      }
      case 'action': return this.instanceSkip(cmd.action.module);
      case 'assert_return': case 'assert_exhaustion': case 'assert_exception':
        return this.instanceSkip(cmd.action.module);
      case 'assert_trap':
        if (cmd.action !== null) return this.instanceSkip(cmd.action.module);
        if (cmd.module !== null) {
          const skip = this.moduleSkip(cmd.module);
          if (skip !== null) this.taintImported(cmd.module, skip);
          return skip;
        }
        return null;
      case 'assert_unlinkable': case 'assert_uninstantiable': {
        const skip = this.moduleSkip(cmd.module);
        if (skip !== null && cmd.kind === 'assert_uninstantiable') this.taintImported(cmd.module, skip);
        return skip;
      }
      default:
        return null;
    }
  }

  private instanceSkip(name: string | null): SkipReason | null {
    const own = (name === null ? this.currentSkip : this.skippedNames.get(name)) ?? null;
    if (own !== null) return own;
    const inst = name === null ? this.current : this.instances.get(name);
    return (inst !== null && inst !== undefined ? this.tainted.get(inst) : undefined) ?? null;
  }

  /**
   * A skipped module may have changed the memories, tables and globals it imports (data and
   * element segments, start function): later commands on the instances it imports from would
   * see a state the script does not expect, so they are skipped for the same reason.
   */
  private taintImported(wm: WastModule, skip: SkipReason): void {
    const bytes = wm.source === 'quote' ? null : wm.bytes;
    if (bytes === null) return;
    for (const name of summarizeBinary(bytes).importModules) {
      const inst = this.registered.get(name);
      // spectest's state is never asserted on, so it need not be tainted.
      if (inst === undefined || name === 'spectest') continue;
      if (!this.tainted.has(inst)) this.tainted.set(inst, skip);
      this.skippedRegistered.set(name, this.skippedRegistered.get(name) ?? skip);
    }
  }

  /** Whether running module `wm` needs an unexecuted feature, itself or through its imports. */
  private moduleSkip(wm: WastModule): SkipReason | null {
    let bytes: Uint8Array | null = wm.bytes;
    if (wm.source === 'quote') {
      try {
        bytes = this.options.quoteToBinary(wm.quote ?? '');
      } catch {
        return null; // a malformed quote module: let the command report it
      }
    }
    if (bytes === null) return null;
    const summary = summarizeBinary(bytes);
    const own = this.options.skips?.features(summary.features) ?? null;
    if (own !== null) return own;
    for (const name of summary.importModules) {
      const s = this.skippedRegistered.get(name);
      if (s) return s;
    }
    return null;
  }

  private execute(cmd: WastCommand): void {
    switch (cmd.kind) {
      case 'module': return this.moduleCommand(cmd.module);
      case 'module_instance': {
        const def = cmd.module === null ? undefined : this.definitions.get(cmd.module);
        if (def === undefined) throw new CommandFailed(`unknown module definition ${cmd.module}`);
        const inst = this.attempt(() => this.engine.instantiate(def, this.resolve), 'instantiate');
        this.current = inst;
        if (cmd.instance !== null) this.instances.set(cmd.instance, inst);
        return;
      }
      case 'register': {
        const inst = this.instanceOf(cmd.module);
        this.registered.set(cmd.as, inst);
        this.engine.register?.(cmd.as, inst);
        return;
      }
      case 'action': {
        this.attempt(() => this.perform(cmd.action), cmd.action.name);
        return;
      }
      case 'assert_return': {
        const results = this.attempt(() => this.perform(cmd.action), cmd.action.name);
        if (results.length !== cmd.expected.length) {
          throw new CommandFailed(`${cmd.action.name}: expected ${cmd.expected.length} results, got ${results.length} (${results.map(valueToString).join(', ')})`);
        }
        for (let i = 0; i < results.length; i++) {
          if (!matches(results[i]!, cmd.expected[i]!)) {
            throw new CommandFailed(`${cmd.action.name}: result ${i} is ${valueToString(results[i]!)}, expected ${expectedToString(cmd.expected[i]!)}`);
          }
        }
        return;
      }
      case 'assert_trap': {
        if (cmd.action !== null) {
          const action = cmd.action;
          this.expectFailure(() => this.perform(action), ['trap'], cmd.message, action.name, false);
        } else if (cmd.module !== null) {
          const wm = cmd.module;
          const m = this.attempt(() => this.compileModule(wm), 'compile');
          this.expectFailure(() => this.engine.instantiate(m, this.resolve), ['trap'], cmd.message, 'instantiate', false);
        }
        return;
      }
      case 'assert_exhaustion':
        this.expectFailure(() => this.perform(cmd.action), ['exhaustion'], cmd.message, cmd.action.name, false);
        return;
      case 'assert_exception':
        this.expectFailure(() => this.perform(cmd.action), ['exception'], null, cmd.action.name, false);
        return;
      case 'assert_invalid':
        this.expectFailure(() => this.compileModule(cmd.module), ['invalid', 'malformed', 'compile'], cmd.message, 'module', true, 'invalid');
        return;
      case 'assert_malformed':
        this.expectFailure(() => this.compileModule(cmd.module), ['malformed', 'invalid', 'compile'], cmd.message, 'module', true, 'malformed');
        return;
      case 'assert_unlinkable': {
        const m = this.attempt(() => this.compileModule(cmd.module), 'compile');
        this.expectFailure(() => this.engine.instantiate(m, this.resolve), ['link'], cmd.message, 'instantiate', true);
        return;
      }
      case 'assert_uninstantiable': {
        const m = this.attempt(() => this.compileModule(cmd.module), 'compile');
        this.expectFailure(() => this.engine.instantiate(m, this.resolve), ['trap'], cmd.message, 'instantiate', true);
        return;
      }
      case 'assert_malformed_custom':
      case 'assert_invalid_custom':
        // A malformed or invalid custom annotation (custom-annotations proposal): the module must be
        // rejected; the wording is compared softly, as for the other compile errors.
        this.expectFailure(() => this.compileModule(cmd.module), ['malformed', 'invalid', 'compile'], cmd.message, 'module', true);
        return;
      case 'thread':
      case 'wait':
        throw new CommandFailed(`${cmd.kind} is not supported by the runner`);
    }
  }

  private moduleCommand(wm: WastModule): void {
    // Until this module is instantiated, commands on "the current module" must not reach the
    // previous one (they would fail in misleading ways).
    if (!wm.definition) this.current = null;
    const m = this.attempt(() => this.compileModule(wm), 'compile');
    if (wm.definition) {
      if (wm.name !== null) this.definitions.set(wm.name, m);
      return;
    }
    const inst = this.attempt(() => this.engine.instantiate(m, this.resolve), 'instantiate');
    this.current = inst;
    if (wm.name !== null) this.instances.set(wm.name, inst);
  }

  /** Compiles a script module (parsing `module quote` text first); failures propagate as thrown. */
  private compileModule(wm: WastModule): M {
    const bytes = wm.source === 'quote' ? this.options.quoteToBinary(wm.quote ?? '') : wm.bytes;
    if (bytes === null) throw new CommandFailed('module has no binary');
    return this.engine.compile(bytes);
  }

  private instanceOf(name: string | null): I {
    const inst = name === null ? this.current : this.instances.get(name);
    if (inst === null || inst === undefined) {
      throw new CommandFailed(name === null ? 'no current module instance' : `unknown module ${name}`);
    }
    return inst;
  }

  private perform(a: WastAction): SpecValue[] {
    const inst = this.instanceOf(a.module);
    if (a.kind === 'invoke') return this.engine.invoke(inst, a.name, a.args);
    return [this.engine.get(inst, a.name)];
  }

  /** Runs `f`; turns any exception into a failure that names what failed and how. */
  private attempt<T>(f: () => T, what: string): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof CommandFailed) throw e;
      const failure = this.engine.classify(e);
      throw new CommandFailed(`${what}: unexpected ${failure.kind}: ${failure.message}`);
    }
  }

  /**
   * Runs `f`, which must fail with one of `kinds`. A message that does not start with `expected`
   * fails the command, or (`soft`) is recorded as a soft mismatch; so is a compile error of the
   * other kind than `preferred` when the engine can tell them apart.
   */
  private expectFailure(
    f: () => unknown, kinds: FailureKind[], expected: string | null, what: string, soft: boolean, preferred?: FailureKind,
  ): void {
    let failure: Failure;
    try {
      f();
    } catch (e) {
      if (e instanceof CommandFailed) throw e;
      failure = this.engine.classify(e);
      if (!kinds.includes(failure.kind)) {
        throw new CommandFailed(`${what}: expected ${kinds[0]} "${expected ?? ''}", got ${failure.kind}: ${failure.message}`);
      }
      const kindDiffers = preferred !== undefined && this.engine.distinguishesCompileErrors && failure.kind !== preferred;
      const wordingDiffers = expected !== null && !messageMatches(failure.message, expected);
      if (kindDiffers || wordingDiffers) {
        if (!soft && wordingDiffers && this.engine.specMessages) {
          throw new CommandFailed(`${what}: expected ${kinds[0]} "${expected}", got "${failure.message}"`);
        }
        this.result.soft.push({
          line: this.currentLine, command: what, expected: `${preferred ?? kinds[0]}: ${expected ?? ''}`,
          actual: `${failure.kind}: ${failure.message}`,
        });
      }
      return;
    }
    throw new CommandFailed(`${what}: expected ${kinds[0]} "${expected ?? ''}", but it succeeded`);
  }

}

function lineOf(cmd: WastCommand): number {
  const loc: Loc = cmd.kind === 'module' ? cmd.module.loc : cmd.loc;
  return loc.line;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
