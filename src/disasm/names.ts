/**
 * Which `$id` each index gets in the disassembly: names from the name section where present and
 * usable, else none (the index is printed as a number). A name is dropped when an earlier index
 * in the same space already used it, since text identifiers must be unique per space (labels
 * excepted: an inner label may shadow an outer one).
 */
import { indexSpaces, type Module, type NameSection } from '../syntax/module.js';
import { idText } from './literals.js';

/** One index space: index → printed `$id` (already quoted if needed). */
export type IdMap = Map<number, string>;

export interface DisasmNames {
  module: string | null;
  types: IdMap;
  funcs: IdMap;
  tables: IdMap;
  memories: IdMap;
  globals: IdMap;
  tags: IdMap;
  elems: IdMap;
  datas: IdMap;
  /** Per type index: field index → id. */
  fields: Map<number, IdMap>;
  /** Per function index: local index → id. */
  locals: Map<number, IdMap>;
  /** Per function index: label index (blocks counted in order) → id. */
  labels: Map<number, IdMap>;
}

function unique(src: Map<number, string> | undefined, limit = Infinity): IdMap {
  const out: IdMap = new Map();
  if (!src) return out;
  const used = new Set<string>();
  for (const [i, name] of [...src].sort((a, b) => a[0] - b[0])) {
    // A name for an index that does not exist would be printed nowhere but could be referenced.
    if (i >= limit) continue;
    const id = idText(name);
    if (used.has(id)) continue;
    used.add(id);
    out.set(i, id);
  }
  return out;
}

function uniqueNested(src: Map<number, Map<number, string>> | undefined): Map<number, IdMap> {
  const out = new Map<number, IdMap>();
  if (src) for (const [i, m] of src) out.set(i, unique(m));
  return out;
}

/** Label names may repeat (an inner label shadows an outer one), so they are kept as given. */
function labelIds(src: Map<number, Map<number, string>> | undefined): Map<number, IdMap> {
  const out = new Map<number, IdMap>();
  if (src) for (const [f, m] of src) out.set(f, new Map([...m].map(([i, s]) => [i, idText(s)])));
  return out;
}

/** The ids to print for `m` (all empty when it has no name section). */
export function disasmNames(m: Module): DisasmNames {
  const n: NameSection | null = m.names;
  const sp = indexSpaces(m);
  return {
    module: n?.module != null ? idText(n.module) : null,
    types: unique(n?.types, m.types.length),
    funcs: unique(n?.funcs, sp.funcs),
    tables: unique(n?.tables, sp.tables),
    memories: unique(n?.memories, sp.memories),
    globals: unique(n?.globals, sp.globals),
    tags: unique(n?.tags, sp.tags),
    elems: unique(n?.elems, m.elems.length),
    datas: unique(n?.datas, m.datas.length),
    fields: uniqueNested(n?.fields),
    locals: uniqueNested(n?.locals),
    labels: labelIds(n?.labels),
  };
}

/** `$id` for index `x` in `map`, or the index as a number. */
export function ref(map: IdMap | undefined, x: number): string {
  return map?.get(x) ?? String(x);
}
