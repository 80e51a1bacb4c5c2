/**
 * The Linker's errors, worded as wasmtime words them so that people who know wasmtime (and tests
 * written against it) recognise them. A failed import match is a LinkError whose message is the
 * outer line (``incompatible import type for `m::n` ``) and whose `cause` is the precise reason;
 * `formatErrorChain` prints both the way wasmtime's `{:?}` does ("Caused by:").
 *
 * What it does not do: decide when an error happens (linker.ts and typecheck.ts do).
 */
import type { ExternType } from '../syntax/types.js';
import { LinkError } from '../util/errors.js';

/** `m::n` as wasmtime prints an import's two-level name. */
export function importName(module: string, name: string): string {
  return `\`${module}::${name}\``;
}

/**
 * An import that no definition satisfies. Thrown by `instantiate` and friends, and by the trap
 * stubs of `defineUnknownImportsAsTraps` when wasm calls one.
 */
export class UnknownImportError extends LinkError {
  override name = 'UnknownImportError';
  constructor(
    /** The import's module name. */
    readonly module: string,
    /** The import's field name. */
    readonly field: string,
    /** The type the module expects. */
    readonly type: ExternType,
  ) {
    super(`unknown import: ${importName(module, field)} has not been defined`);
  }
}

/** The import `m::n` exists but its definition does not match; `cause` says exactly why. */
export function incompatibleImport(module: string, name: string, cause: string): LinkError {
  return new LinkError(`incompatible import type for ${importName(module, name)}`, { cause: new LinkError(cause) });
}

/** A definition under a name already taken, while shadowing is off. */
export function definedTwice(module: string, name: string | null): Error {
  return new Error(`import of ${name === null ? `\`${module}\`` : importName(module, name)} defined twice`);
}

/**
 * The message of `e` followed by its chain of causes, as wasmtime's debug form prints an error:
 * `outer\n\nCaused by:\n    cause` (several causes are numbered).
 */
export function formatErrorChain(e: unknown): string {
  const first = e instanceof Error ? e.message : String(e);
  const causes: string[] = [];
  let c = e instanceof Error ? e.cause : undefined;
  // A cycle of causes would loop forever; no real chain is longer than a handful.
  for (let i = 0; c !== undefined && i < 64; i++) {
    causes.push(c instanceof Error ? c.message : String(c));
    c = c instanceof Error ? c.cause : undefined;
  }
  if (causes.length === 0) return first;
  if (causes.length === 1) return `${first}\n\nCaused by:\n    ${causes[0]}`;
  return `${first}\n\nCaused by:\n${causes.map((m, i) => `    ${i}: ${m}`).join('\n')}`;
}
