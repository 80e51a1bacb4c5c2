/**
 * Which WebAssembly proposals a module uses, found from its declarations and by streaming its
 * bodies. The Engine uses it to refuse modules that need a feature its Config disables, and the
 * spec runner to skip modules that need a feature the interpreter does not execute yet
 * (spec-tests/skips.ts). It does not validate: it reads what is there.
 */
import { decodeModule } from '../decoder/index.js';
import { InstrReader } from '../decoder/instr.js';
import type { Expr, Module } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import {
  AbsHeap, heapOf, isNullable, isRef, type SubType, type ValType,
} from '../syntax/types.js';

/** Proposal names, as the suite's `proposals/` directories and the 3.0 spec call them. */
export type Feature =
  | 'gc' | 'exceptions' | 'tail-call' | 'function-references' | 'threads' | 'memory64'
  | 'multi-memory' | 'relaxed-simd' | 'wide-arithmetic' | 'custom-page-sizes' | 'simd';

/** Every feature name, for configuration checks. */
export const FEATURES: readonly Feature[] = [
  'gc', 'exceptions', 'tail-call', 'function-references', 'threads', 'memory64', 'multi-memory',
  'relaxed-simd', 'wide-arithmetic', 'custom-page-sizes', 'simd',
];

const GC_HEAPS = new Set<number>([AbsHeap.Any, AbsHeap.Eq, AbsHeap.I31, AbsHeap.Struct, AbsHeap.Array, AbsHeap.None]);
const EXN_HEAPS = new Set<number>([AbsHeap.Exn, AbsHeap.NoExn]);

function valTypeFeatures(t: ValType, out: Set<Feature>, nonNullIsNew = true): void {
  if (!isRef(t)) return;
  const ht = heapOf(t);
  if (ht >= 0 || (nonNullIsNew && !isNullable(t))) out.add('function-references');
  if (GC_HEAPS.has(ht)) out.add('gc');
  if (EXN_HEAPS.has(ht)) out.add('exceptions');
}

function subTypeFeatures(st: SubType, out: Set<Feature>): void {
  const c = st.comp;
  if (c.kind !== 'func' || !st.final || st.supers.length > 0) out.add('gc');
  if (c.kind === 'func') {
    for (const t of c.params) valTypeFeatures(t, out);
    for (const t of c.results) valTypeFeatures(t, out);
  }
}

/** The feature an operator belongs to, by its text-format mnemonic (null for 1.0/2.0 operators). */
export function operatorFeature(name: string): Feature | null {
  if (name.includes('relaxed')) return 'relaxed-simd';
  if (name.includes('atomic')) return 'threads';
  if (/^(struct|array|i31)\.|^ref\.(i31|test|cast|eq)$|^br_on_cast|convert_(extern|any)$/.test(name)) return 'gc';
  if (/^(try_table|throw|throw_ref|try|catch|catch_all|delegate|rethrow)$/.test(name)) return 'exceptions';
  if (name.startsWith('return_call')) return 'tail-call';
  if (/^(call_ref|ref\.as_non_null|br_on_null|br_on_non_null)$/.test(name)) return 'function-references';
  if (/^i64\.(add128|sub128|mul_wide_[su])$/.test(name)) return 'wide-arithmetic';
  if (/^(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\./.test(name)) return 'simd';
  return null;
}

/**
 * Feature of each operator by binary code, computed once: matching the mnemonic's regexps for every
 * streamed operator cost more than validating the module.
 */
const OP_FEATURE = new Map<number, Feature | null>(OPCODES.map((op) => [op.code, operatorFeature(op.name)]));

/** The features some operator belongs to; a module can only show these by its code. */
export const OPERATOR_FEATURES: ReadonlySet<Feature> = new Set(
  [...OP_FEATURE.values()].filter((f): f is Feature => f !== null),
);

function exprFeatures(e: Expr, out: Set<Feature>): void {
  const r = new InstrReader(e.bytes, 0, e.bytes.length, e.offset);
  while (!r.atEnd()) {
    const f = OP_FEATURE.get(r.next());
    if (f != null) out.add(f);
  }
}

/**
 * The features module `m` uses (types, declarations and every operator). With `scanCode` false,
 * function bodies are not streamed (their locals still count): enough when the caller only asks
 * about features outside OPERATOR_FEATURES, and it spares a pass over all the code.
 */
export function moduleFeatures(m: Module, scanCode = true): Set<Feature> {
  const out = new Set<Feature>();
  for (const g of m.recGroups) if (g.count > 1) out.add('gc');
  for (const st of m.types) subTypeFeatures(st, out);
  let memories = m.memories.length;
  for (const im of m.imports) {
    const d = im.desc;
    if (d.kind === 'memory') {
      memories++;
      if (d.type.addrType === 'i64') out.add('memory64');
      if (d.type.shared) out.add('threads');
      if (d.type.pageSizeLog2 !== 16) out.add('custom-page-sizes');
    } else if (d.kind === 'table') {
      if (d.type.addrType === 'i64') out.add('memory64');
      valTypeFeatures(d.type.elemType, out);
    } else if (d.kind === 'global') {
      valTypeFeatures(d.type.type, out);
    } else if (d.kind === 'tag') {
      out.add('exceptions');
    }
  }
  if (memories > 1) out.add('multi-memory');
  for (const mt of m.memories) {
    if (mt.addrType === 'i64') out.add('memory64');
    if (mt.shared) out.add('threads');
    if (mt.pageSizeLog2 !== 16) out.add('custom-page-sizes');
  }
  for (const t of m.tables) {
    if (t.type.addrType === 'i64') out.add('memory64');
    valTypeFeatures(t.type.elemType, out);
    if (t.init !== null) exprFeatures(t.init, out);
  }
  for (const g of m.globals) {
    valTypeFeatures(g.type.type, out);
    exprFeatures(g.init, out);
  }
  if (m.tags.length > 0) out.add('exceptions');
  for (const el of m.elems) {
    // Segments of function indices have type (ref func) in 3.0 even in 2.0 modules.
    valTypeFeatures(el.type, out, false);
    if (el.exprs !== null) for (const e of el.exprs) exprFeatures(e, out);
  }
  for (const c of m.codes) {
    for (const l of c.locals) valTypeFeatures(l.type, out);
    if (scanCode) exprFeatures(c.body, out);
  }
  return out;
}

/** What the runner needs to know about a module before running it. */
export interface ModuleSummary {
  features: Set<Feature>;
  /** Module names its imports come from. */
  importModules: Set<string>;
}

/** The features and import module names of a binary module; empty when it does not decode. */
export function summarizeBinary(bytes: Uint8Array): ModuleSummary {
  try {
    const m = decodeModule(bytes);
    return { features: moduleFeatures(m), importModules: new Set(m.imports.map((im) => im.module)) };
  } catch {
    return { features: new Set(), importModules: new Set() };
  }
}
