/**
 * The identifier context of one text module (Text › Modules › Identifier Context): the symbolic
 * names bound in each index space, struct field names per type, and the type list, including the
 * function types that type uses add implicitly (appended after the explicit ones, in the order the
 * uses occur, and shared with any identical singleton type already present).
 */
import type { FuncType, RecGroup, SubType, ValType } from '../syntax/types.js';
import type { Cursor } from './cursor.js';
import { Tok, type Token } from './lexer.js';
import { parseNat } from './numbers.js';

/** The index spaces the text format names, with the word used in "unknown …"/"duplicate …" errors. */
export type Space = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';

/** Every index space, in the order the binary format numbers them. */
export const SPACES: readonly Space[] = ['type', 'func', 'table', 'memory', 'global', 'tag', 'elem', 'data'];

/** One index space: how many entries, and the names bound to some of them. */
export class NameSpace {
  count = 0;
  readonly names = new Map<string, number>();

  constructor(readonly space: string) {}

  /** Allocates the next index, binding `name` to it when given. */
  bind(cur: Cursor, name: string | null, at: Token): number {
    const x = this.count++;
    if (name !== null) {
      if (this.names.has(name)) cur.fail(`duplicate ${this.space}`, at);
      this.names.set(name, x);
    }
    return x;
  }
}

/** Names, field names and types of the module being parsed, shared by every part of the parser. */
export class ModuleContext {
  readonly spaces = new Map<Space, NameSpace>();
  /** Field names of struct types, by type index. */
  readonly fieldNames = new Map<number, Map<string, number>>();
  readonly types: SubType[] = [];
  readonly recGroups: RecGroup[] = [];
  /** Set when an instruction refers to a data segment, which requires the data count section. */
  usesDataCount = false;
  /** Number of types defined explicitly (set once the type fields are parsed). */
  explicitTypes = 0;

  constructor(readonly cur: Cursor) {
    for (const s of SPACES) this.spaces.set(s, new NameSpace(s));
  }

  space(s: Space): NameSpace {
    return this.spaces.get(s)!;
  }

  /**
   * An index (`$name` or a u32 literal) in space `s`. Unknown names are parse errors; numeric
   * indices are taken as they are (the validator checks their range).
   */
  index(s: Space): number {
    return resolveIndex(this.cur, this.space(s).names, s === 'func' ? 'function' : s);
  }

  /** True when the current token can start an index. */
  atIndex(): boolean {
    const t = this.cur.peek();
    return t.kind === Tok.Id || (t.kind === Tok.Atom && parseNat(t.text) !== null);
  }

  /** The function type at `x`, if `x` is a defined function type. */
  funcTypeAt(x: number): FuncType | null {
    const st = this.types[x];
    return st !== undefined && st.comp.kind === 'func' ? st.comp : null;
  }

  /** Singleton final function types by signature key, for implicit type uses (built on first use). */
  private funcTypeIndex: Map<string, number> | null = null;

  /** The index of a singleton final function type equal to `ft`, appending one when there is none. */
  implicitType(ft: FuncType): number {
    if (this.funcTypeIndex === null) {
      this.funcTypeIndex = new Map();
      for (const g of this.recGroups) {
        if (g.count !== 1) continue;
        const st = this.types[g.start]!;
        if (st.final && st.supers.length === 0 && st.comp.kind === 'func') {
          const key = sigKey(st.comp);
          if (!this.funcTypeIndex.has(key)) this.funcTypeIndex.set(key, g.start);
        }
      }
    }
    const key = sigKey(ft);
    const found = this.funcTypeIndex.get(key);
    if (found !== undefined) return found;
    const x = this.types.length;
    this.types.push({ final: true, supers: [], comp: ft });
    this.recGroups.push({ start: x, count: 1 });
    this.space('type').count = this.types.length;
    this.funcTypeIndex.set(key, x);
    return x;
  }
}

/** A key equal for equal signatures (value types are small integers). */
function sigKey(ft: FuncType): string {
  return `${ft.params.join(',')}>${ft.results.join(',')}`;
}

/** Resolves an index against `names`; `what` words the "unknown …" error. */
export function resolveIndex(cur: Cursor, names: ReadonlyMap<string, number>, what: string): number {
  const t = cur.peek();
  if (t.kind === Tok.Id) {
    const x = names.get(t.text);
    if (x === undefined) cur.fail(`unknown ${what} $${t.text}`, t);
    cur.pos++;
    return x;
  }
  if (t.kind === Tok.Atom) {
    const n = parseNat(t.text);
    if (n !== null) {
      if (n > 0xffffffffn) cur.fail('constant out of range', t);
      cur.pos++;
      return Number(n);
    }
    // Not a number: the reference lexer reads words like `0drop` as (unknown) operators.
    cur.fail(`unknown operator ${t.text}`, t);
  }
  return cur.unexpected(t);
}

function sameList(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Structural equality of two function types (same module, so type indices compare directly). */
export function sameFunc(a: FuncType, b: FuncType): boolean {
  return sameList(a.params, b.params) && sameList(a.results, b.results);
}
