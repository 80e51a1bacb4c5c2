/**
 * The annotations the text format gives meaning to (the custom-annotations and branch-hinting
 * proposals): `(@custom "name" (before|after section)? "bytes"*)` becomes a custom section placed
 * where it asks; `(@name …)` and `(@metadata.code.branch_hint …)` are checked for their place but
 * not encoded (purewasm builds no name or hint sections from text). Every other annotation was
 * dropped by the lexer.
 */
import { SectionId, type CustomSection } from '../syntax/module.js';
import { ByteWriter } from '../encoder/writer.js';
import { decodeUtf8 } from '../util/utf8.js';
import { Cursor } from './cursor.js';
import { Tok, type CustomAnnotation } from './lexer.js';

/** Keywords after which a `(@name …)` annotation may stand. */
const NAMEABLE = new Set(['module', 'func', 'param', 'local', 'global', 'table', 'memory', 'tag', 'type', 'field',
  'elem', 'data', 'block', 'loop', 'if', 'try', 'try_table']);

/** The annotations standing at token positions `from`..`to` (the list is in position order). */
function inRange(annotations: readonly CustomAnnotation[], from: number, to: number): readonly CustomAnnotation[] {
  let lo = 0, hi = annotations.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (annotations[mid]!.at < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < annotations.length && annotations[end]!.at <= to) end++;
  return annotations.slice(lo, end);
}

/**
 * The custom sections of the module whose fields span tokens [first, end), after checking that
 * every @custom stands between fields and every @name right after a keyword and id.
 */
export function placeCustoms(
  cur: Cursor, annotations: readonly CustomAnnotation[], first: number, end: number, fieldStarts: readonly number[],
): CustomSection[] {
  const boundaries = new Set(fieldStarts);
  boundaries.add(end);
  const moduleNameAt = new Map<number, number>();
  const out: CustomSection[] = [];
  // `(module $id (@name …)` stands up to three tokens before the first field.
  for (const a of inRange(annotations, first - 3, end)) {
    if (a.id === 'name') {
      checkName(cur, a, first, moduleNameAt);
      continue;
    }
    if (a.id !== 'custom' || a.at < first || a.at > end) continue;
    if (!boundaries.has(a.at)) throw cur.errorAt('misplaced @custom annotation', a);
    out.push(parseCustom(cur, a));
  }
  return out;
}

/** `(@name "…")` may stand only right after the keyword (and id) of a module or a definition. */
function checkName(cur: Cursor, a: CustomAnnotation, first: number, moduleNameAt: Map<number, number>): void {
  const toks = cur.toks;
  let k = a.at - 1;
  if (toks[k]?.kind === Tok.Id) k--;
  const kw = toks[k];
  const ok = kw !== undefined && kw.kind === Tok.Atom && NAMEABLE.has(kw.text) && toks[k - 1]?.kind === Tok.LParen;
  if (!ok) throw cur.errorAt('misplaced @name annotation', a);
  if (kw.text === 'module' && a.at <= first) {
    const n = (moduleNameAt.get(a.at) ?? 0) + 1;
    moduleNameAt.set(a.at, n);
    if (n > 1) throw cur.errorAt('@name annotation: multiple module', a);
  }
}

/**
 * `(@metadata.code.branch_hint "…")` must stand in a function body (token ranges `bodies`), right
 * before an `if` or `br_if`, plain or folded, and only once there.
 */
export function checkBranchHints(
  cur: Cursor, annotations: readonly CustomAnnotation[], first: number, end: number, bodies: readonly [number, number][],
): void {
  const toks = cur.toks;
  const seen = new Set<number>();
  let body = 0; // bodies and annotations are both in position order
  for (const a of inRange(annotations, first, end)) {
    if (a.id !== 'metadata.code.branch_hint') continue;
    const fail = (why: string): never => {
      throw cur.errorAt(`@metadata.code.branch_hint annotation: ${why}`, a);
    };
    while (body < bodies.length && bodies[body]![1] < a.at) body++;
    if (body === bodies.length || a.at < bodies[body]![0]) fail('not in a function');
    if (seen.has(a.at)) fail('duplicate annotation');
    seen.add(a.at);
    let t = toks[a.at];
    if (t?.kind === Tok.LParen) t = toks[a.at + 1];
    if (t?.kind !== Tok.Atom || (t.text !== 'if' && t.text !== 'br_if')) fail('invalid target');
  }
}

/** For each section name: the section a custom section follows when placed before it, and after it. */
const PLACEMENT: Record<string, [number, number]> = {
  type: [0, SectionId.Type], import: [SectionId.Type, SectionId.Import],
  func: [SectionId.Import, SectionId.Function], table: [SectionId.Function, SectionId.Table],
  memory: [SectionId.Table, SectionId.Memory], tag: [SectionId.Memory, SectionId.Tag],
  global: [SectionId.Tag, SectionId.Global], export: [SectionId.Global, SectionId.Export],
  start: [SectionId.Export, SectionId.Start], elem: [SectionId.Start, SectionId.Element],
  datacount: [SectionId.Element, SectionId.DataCount], code: [SectionId.DataCount, SectionId.Code],
  data: [SectionId.Code, SectionId.Data], first: [0, 0], last: [SectionId.Data, SectionId.Data],
};

/** `"name" (before|after section)? "data"*` (placement defaults to after the last section). */
function parseCustom(outer: Cursor, a: CustomAnnotation): CustomSection {
  const cur = new Cursor(a.tokens);
  const t = cur.peek();
  if (t.kind !== Tok.String) throw outer.errorAt('@custom annotation: missing section name', a);
  cur.pos++;
  const name = decodeUtf8(t.bytes!);
  if (name === null) throw outer.errorAt('@custom annotation: malformed UTF-8 encoding', a);
  let after: number = SectionId.Data;
  if (cur.isLParen()) {
    cur.pos++;
    const p = cur.next();
    if (p.kind !== Tok.Atom || (p.text !== 'before' && p.text !== 'after')) {
      throw outer.errorAt('@custom annotation: malformed placement', a);
    }
    const s = cur.next();
    const pl = s.kind === Tok.Atom ? PLACEMENT[s.text] : undefined;
    if (pl === undefined || !cur.isRParen()) throw outer.errorAt('@custom annotation: malformed section kind', a);
    cur.pos++;
    after = p.text === 'before' ? pl[0] : pl[1];
  }
  const w = new ByteWriter();
  while (cur.peek().kind === Tok.String) w.bytes(cur.string());
  if (cur.peek().kind !== Tok.Eof) throw outer.errorAt('@custom annotation: unexpected token', a);
  return { name, bytes: w.finish(), after };
}
