/**
 * Test helper: pulls the `(module binary "…")` modules out of the spec suite's .wast files, with
 * the command around them (plain module, assert_malformed, assert_invalid, …) and its expected
 * message. A deliberately tiny s-expression scanner — it understands strings, comments and
 * parentheses, nothing else — so decoder tests do not depend on the WAT parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SUITE_DIR = process.env.WASM_TESTSUITE ?? '/work/shared/wasm-testsuite';

export interface SuiteBinary {
  /** Path relative to the suite root. */
  file: string;
  line: number;
  /** `module` for a plain module command, else the assertion's name. */
  command: string;
  bytes: Uint8Array;
  /** The assertion's expected message, if any. */
  expected: string | null;
}

/** Every .wast file of the suite, relative paths, sorted. */
export function suiteFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.wast')) out.push(relative(SUITE_DIR, p));
    }
  };
  walk(SUITE_DIR);
  return out;
}

type Tok = { t: '(' | ')' | 'atom' | 'str'; v: string; bytes?: Uint8Array; line: number; at: number };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === ';' && src[i + 1] === ';') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '(' && src[i + 1] === ';') {
      let depth = 0;
      while (i < n) {
        if (src[i] === '(' && src[i + 1] === ';') { depth++; i += 2; continue; }
        if (src[i] === ';' && src[i + 1] === ')') { depth--; i += 2; if (depth === 0) break; continue; }
        if (src[i] === '\n') line++;
        i++;
      }
      continue;
    }
    if (c === '(' || c === ')') { toks.push({ t: c, v: c, line, at: i }); i++; continue; }
    if (c === '"') {
      const strAt = i;
      const bytes: number[] = [];
      i++;
      while (i < n && src[i] !== '"') {
        const ch = src[i]!;
        if (ch === '\\') {
          const e = src[i + 1]!;
          if (/[0-9a-fA-F]/.test(e)) { bytes.push(parseInt(src.slice(i + 1, i + 3), 16)); i += 3; continue; }
          if (e === 'u') {
            const close = src.indexOf('}', i);
            const cp = parseInt(src.slice(i + 3, close), 16);
            bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
            i = close + 1;
            continue;
          }
          const map: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
          bytes.push(map[e]!);
          i += 2;
          continue;
        }
        const cp = src.codePointAt(i)!;
        const s = String.fromCodePoint(cp);
        bytes.push(...Buffer.from(s, 'utf8'));
        i += s.length;
      }
      i++;
      toks.push({ t: 'str', v: Buffer.from(bytes).toString('latin1'), bytes: Uint8Array.from(bytes), line, at: strAt });
      continue;
    }
    const start = i;
    while (i < n && !/[\s()";]/.test(src[i]!)) i++;
    if (i === start) i++; // a lone character the scanner does not know (e.g. ';' not starting a comment)
    toks.push({ t: 'atom', v: src.slice(start, i), line, at: start });
  }
  return toks;
}

/** Index just past the form that opens at `i` (a '(' token). */
function skipForm(toks: Tok[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    if (toks[i]!.t === '(') depth++;
    else if (toks[i]!.t === ')' && --depth === 0) return i + 1;
  }
  return i;
}

/** If a `(module [$id] binary "…"*)` form opens at `i`, its bytes. */
function binaryModuleAt(toks: Tok[], i: number): Uint8Array | null {
  if (toks[i]?.t !== '(' || toks[i + 1]?.v !== 'module') return null;
  let j = i + 2;
  if (toks[j]?.t === 'atom' && toks[j]!.v.startsWith('$')) j++;
  if (toks[j]?.v !== 'binary') return null;
  j++;
  const parts: Uint8Array[] = [];
  while (toks[j]?.t === 'str') parts.push(toks[j++]!.bytes!);
  return Buffer.concat(parts);
}

/** All binary modules in one .wast file, top-level and inside assertions. */
export function binariesIn(file: string): SuiteBinary[] {
  const toks = tokenize(readFileSync(join(SUITE_DIR, file), 'utf8'));
  const out: SuiteBinary[] = [];
  let i = 0;
  while (i < toks.length) {
    if (toks[i]!.t !== '(') { i++; continue; }
    const end = skipForm(toks, i);
    const head = toks[i + 1]?.v ?? '';
    if (head === 'module') {
      const bytes = binaryModuleAt(toks, i);
      if (bytes) out.push({ file, line: toks[i]!.line, command: 'module', bytes, expected: null });
    } else if (head.startsWith('assert_')) {
      const inner = i + 2;
      const bytes = binaryModuleAt(toks, inner);
      if (bytes) {
        const after = skipForm(toks, inner);
        const msg = toks[after]?.t === 'str' ? toks[after]!.v : null;
        out.push({ file, line: toks[i]!.line, command: head, bytes, expected: msg });
      }
    }
    i = end;
  }
  return out;
}

/** Every binary module of the whole suite. */
export function allSuiteBinaries(): SuiteBinary[] {
  return suiteFiles().flatMap(binariesIn);
}

/** The source text of every top-level `(module …)` written in the text format (not binary, not quote). */
export function textModulesIn(file: string): { line: number; text: string }[] {
  const src = readFileSync(join(SUITE_DIR, file), 'utf8');
  const toks = tokenize(src);
  const out: { line: number; text: string }[] = [];
  let i = 0;
  while (i < toks.length) {
    if (toks[i]!.t !== '(') { i++; continue; }
    const end = skipForm(toks, i);
    if (toks[i + 1]?.v === 'module') {
      let j = i + 2;
      if (toks[j]?.t === 'atom' && toks[j]!.v.startsWith('$')) j++;
      const kind = toks[j]?.v;
      if (kind !== 'binary' && kind !== 'quote' && kind !== 'definition' && kind !== 'instance') {
        out.push({ line: toks[i]!.line, text: src.slice(toks[i]!.at, toks[end - 1]!.at + 1) });
      }
    }
    i = end;
  }
  return out;
}
