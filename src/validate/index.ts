/**
 * The validator's public entry: `validateModule` checks a decoded module against WebAssembly 3.0's
 * validation rules; `TypeRegistry` canonicalises types across modules for the runtime.
 */
import type { Module } from '../syntax/module.js';
import type { TypeRegistry } from './canonical.js';
import { validateModuleWith, type ValidateOptions } from './module.js';

export { TypeRegistry, canonValType } from './canonical.js';
export { validateModuleWith, type ValidateOptions } from './module.js';
export type { ModuleContext } from './context.js';

/**
 * Validates `m` (Validation › Modules). Throws CompileError('invalid', reason, offset) with the
 * reference interpreter's wording; a few binary-format conditions only visible while streaming code
 * (a missing data count section) throw CompileError('malformed', …).
 * @param registry the engine's type registry, to canonicalise into it; a private one if omitted.
 * @param options rules of earlier spec versions (default: WebAssembly 3.0).
 */
export function validateModule(m: Module, registry?: TypeRegistry, options?: ValidateOptions): void {
  validateModuleWith(m, registry, options);
}
