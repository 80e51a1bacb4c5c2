/** Test helper: run the validator and return the error reason (or null when the module is valid). */
import { CompileError } from '../../src/util/errors.js';
import { validateModule } from '../../src/validate/index.js';
import type { Module } from '../../src/syntax/module.js';

export function reason(m: Module): string | null {
  try {
    validateModule(m);
    return null;
  } catch (e) {
    if (e instanceof CompileError) return e.reason;
    throw e;
  }
}
