/**
 * The engine interface the spec-suite runner drives. It lives in src/cli/wast/engine.ts because
 * `purewasm wast` runs scripts with the same runner and only src/ is built for the CLI; this file
 * names it where the suite's tests and adapters look for it.
 */
export type { SpecEngine, SpecValue, Failure, FailureKind, RefKind } from '../src/cli/wast/engine.js';
