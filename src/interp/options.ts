/**
 * Per-instance settings of the interpreter, kept beside the ModuleInst (a WeakMap, so core/ needs
 * no field for them): whether code is translated with fuel accounting, and the type registry that
 * `call_indirect` and `call_ref` use for subtype checks.
 */
import type { ModuleInst } from '../core/instance.js';

/** The subtyping oracle the interpreter needs (validate/canonical.ts's TypeRegistry provides it). */
export interface SubtypeOracle {
  isSubtype(sub: number, sup: number): boolean;
}

/** Settings of one instance. */
export interface InstanceOptions {
  /** Translate with fuel accounting ops. */
  fuel?: boolean;
  registry?: SubtypeOracle;
}

const settings = new WeakMap<ModuleInst, InstanceOptions>();

/** The settings of `inst` (empty when none were recorded). */
export function instanceOptions(inst: ModuleInst): InstanceOptions {
  return settings.get(inst) ?? {};
}

/** Records the settings of `inst`. */
export function setInstanceOptions(inst: ModuleInst, o: InstanceOptions): void {
  settings.set(inst, o);
}
