/**
 * The lexer of the text format (Text › Lexical Format): turns source text into a flat token array
 * with line/column positions, skipping white space and comments (nested block comments are
 * counted, not recursed into). Annotations `(@id …)` are cut out of the token stream here: all are
 * dropped except `(@custom …)` and `(@name …)`, which are kept aside with the token position where
 * they stood so the module parser can place the custom section (and refuse either in the wrong place).
 *
 * Source text may carry bytes that are not UTF-8 (quoted modules built from `\hh` escapes): those
 * arrive as lone surrogates U+DC80–U+DCFF (see `decodeSourceBytes`), and are refused here with the
 * reference interpreter's "malformed UTF-8 encoding"; inside string literals they stand for the byte.
 */
import { ParseError } from '../util/errors.js';
import { decodeUtf8 } from '../util/utf8.js';

/** Token kinds. */
export const enum Tok {
  LParen,
  RParen,
  /** A keyword, number, or other run of idchars not starting with `$`. */
  Atom,
  /** `$name` or `$"name"`; `text` holds the name without `$`. */
  Id,
  String,
  /** idchars and strings run together (e.g. `0$l`, `"a"b`): never valid. */
  Reserved,
  Eof,
}

/** One token with its position (1-based line and column, 0-based offset). */
export interface Token {
  kind: Tok;
  /** Atom/Reserved text; Id name (without `$`). */
  text: string;
  /** String literal contents (String tokens and quoted ids). */
  bytes: Uint8Array | null;
  line: number;
  column: number;
  /** Offset of the token's first character in the source text. */
  offset: number;
}

/** An `(@custom …)`, `(@name …)` or branch hint annotation, kept apart from the token stream. */
export interface CustomAnnotation {
  /** The annotation's id. */
  id: 'custom' | 'name' | 'metadata.code.branch_hint';
  /** Index in the token array of the token that followed the annotation. */
  at: number;
  /** Tokens inside the annotation (after `@custom`), without the closing paren. */
  tokens: Token[];
  line: number;
  column: number;
}

/** What the lexer produces: the tokens, and the kept annotations beside them. */
export interface Lexed {
  tokens: Token[];
  customs: CustomAnnotation[];
}

const IDCHAR = new Uint8Array(128);
for (const c of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~") {
  IDCHAR[c.charCodeAt(0)] = 1;
}
/** Characters the grammar reserves: they glue into a Reserved token. */
const RESERVED_CHAR = new Set([0x2c, 0x3b, 0x5b, 0x5d, 0x7b, 0x7d]); // , ; [ ] { }

/**
 * Decodes UTF-8 bytes into source text, turning each byte that is not part of a valid UTF-8 sequence
 * into the lone surrogate U+DC00+byte, so the lexer can report it where it stands.
 */
export function decodeSourceBytes(bytes: Uint8Array): string {
  const valid = decodeUtf8(bytes);
  if (valid !== null) return valid;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n > 0 && i + n <= bytes.length) {
      const s = decodeUtf8(bytes.subarray(i, i + n));
      if (s !== null) {
        out += s;
        i += n;
        continue;
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** Tokenizes `src`. Throws ParseError on text that is not lexically valid. */
export function lex(src: string): Lexed {
  return new Lexer(src).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private readonly customs: CustomAnnotation[] = [];
  /** Open annotations: token index where each started, and whether it is @custom. */
  private readonly annots: { start: number; id: string; depth: number; line: number; column: number }[] = [];
  private depth = 0;

  constructor(private readonly src: string) {}

  private fail(reason: string, at: number = this.pos): never {
    // Column counts UTF-16 code units from the line start, 1-based.
    throw new ParseError(reason, this.line, at - this.lineStart + 1);
  }

  run(): Lexed {
    const s = this.src;
    for (;;) {
      this.skipSpace();
      if (this.pos >= s.length) break;
      const c = s.charCodeAt(this.pos);
      const line = this.line, column = this.pos - this.lineStart + 1;
      if (c === 0x28) { // (
        if (s.charCodeAt(this.pos + 1) === 0x40) { // (@
          this.pos += 2;
          this.startAnnotation(line, column);
          continue;
        }
        this.pos++;
        this.depth++;
        this.push(Tok.LParen, '(', null, line, column);
      } else if (c === 0x29) { // )
        this.pos++;
        const a = this.annots[this.annots.length - 1];
        if (a !== undefined && a.depth === this.depth) {
          this.endAnnotation();
        } else {
          this.depth--;
          this.push(Tok.RParen, ')', null, line, column);
        }
      } else {
        this.word(line, column);
      }
    }
    if (this.annots.length > 0) this.fail('unclosed annotation');
    return { tokens: this.tokens, customs: this.customs };
  }

  private push(kind: Tok, text: string, bytes: Uint8Array | null, line: number, column: number): void {
    this.tokens.push({ kind, text, bytes, line, column, offset: this.lineStart + column - 1 });
  }

  private startAnnotation(line: number, column: number): void {
    const s = this.src;
    const start = this.pos;
    if (s.charCodeAt(start) === 0x22) {
      const bytes = this.string();
      if (bytes.length === 0 && this.annots.length === 0) this.fail('empty annotation id', start);
      if (decodeUtf8(bytes) === null) this.fail('malformed UTF-8 encoding', start);
    } else {
      while (this.pos < s.length && IDCHAR[s.charCodeAt(this.pos)] === 1) this.pos++;
      if (this.pos === start && this.annots.length === 0) this.fail('empty annotation id', start);
    }
    const name = s.slice(start, this.pos);
    this.depth++;
    this.annots.push({ start: this.tokens.length, id: name, depth: this.depth, line, column });
  }

  private endAnnotation(): void {
    const a = this.annots.pop()!;
    this.depth--;
    const inner = this.tokens.splice(a.start);
    // An annotation nested in another one is part of it: dropped with it.
    if ((a.id === 'custom' || a.id === 'name' || a.id === 'metadata.code.branch_hint') && this.annots.length === 0) {
      this.customs.push({ id: a.id, at: this.tokens.length, tokens: inner, line: a.line, column: a.column });
    }
  }

  private skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.pos++;
      } else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 0x3b && s.charCodeAt(this.pos + 1) === 0x3b) { // ;;
        // A line comment ends at a line feed or a carriage return.
        while (this.pos < s.length && s.charCodeAt(this.pos) !== 0x0a && s.charCodeAt(this.pos) !== 0x0d) this.checkChar(this.pos++);
      } else if (c === 0x28 && s.charCodeAt(this.pos + 1) === 0x3b) { // (;
        this.blockComment();
      } else {
        return;
      }
    }
  }

  /** Comments may hold any character but must be valid UTF-8. */
  private checkChar(at: number): void {
    const c = this.src.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c < 0xdc00 && at + 1 < this.src.length) {
        const d = this.src.charCodeAt(at + 1);
        if (d >= 0xdc00 && d <= 0xdfff) return;
      } else if (c >= 0xdc00 && at > 0) {
        const p = this.src.charCodeAt(at - 1);
        if (p >= 0xd800 && p < 0xdc00) return;
      }
      this.fail('malformed UTF-8 encoding', at);
    }
  }

  private blockComment(): void {
    const s = this.src;
    const startLine = this.line, startCol = this.pos - this.lineStart + 1;
    this.pos += 2;
    let nest = 1;
    while (nest > 0) {
      if (this.pos >= s.length) throw new ParseError('unclosed comment', startLine, startCol);
      const c = s.charCodeAt(this.pos);
      if (c === 0x28 && s.charCodeAt(this.pos + 1) === 0x3b) {
        nest++;
        this.pos += 2;
      } else if (c === 0x3b && s.charCodeAt(this.pos + 1) === 0x29) {
        nest--;
        this.pos += 2;
      } else {
        if (c === 0x0a) {
          this.line++;
          this.lineStart = this.pos + 1;
        }
        this.checkChar(this.pos);
        this.pos++;
      }
    }
  }

  /** A token made of idchars and strings glued together. */
  private word(line: number, column: number): void {
    const s = this.src;
    const start = this.pos;
    let pieces = 0;
    let strings = 0;
    let lastBytes: Uint8Array | null = null;
    let firstStringAt = -1;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (this.pos >= s.length) break;
      if (c === 0x22) {
        if (firstStringAt < 0) firstStringAt = this.pos;
        lastBytes = this.string();
        strings++;
        pieces++;
      } else if (c < 128 && (IDCHAR[c] === 1 || RESERVED_CHAR.has(c))) {
        if (c === 0x3b && s.charCodeAt(this.pos + 1) === 0x3b) break; // ;; starts a comment
        const st = this.pos;
        while (this.pos < s.length) {
          const d = s.charCodeAt(this.pos);
          if (d >= 128 || !(IDCHAR[d] === 1 || RESERVED_CHAR.has(d))) break;
          if (d === 0x3b && s.charCodeAt(this.pos + 1) === 0x3b) break;
          this.pos++;
        }
        if (this.pos === st) break;
        pieces++;
      } else {
        break;
      }
    }
    if (this.pos === start) {
      const c = s.charCodeAt(start);
      if (c >= 0xd800 && c <= 0xdfff) this.checkChar(start);
      this.fail('illegal character', start);
    }
    const text = s.slice(start, this.pos);
    if (pieces === 1 && strings === 1) {
      this.push(Tok.String, text, lastBytes, line, column);
      return;
    }
    if (pieces === 1) {
      if (hasReservedChar(text)) {
        this.push(Tok.Reserved, text, null, line, column);
      } else if (text.charCodeAt(0) === 0x24) { // $
        if (text.length === 1) this.fail('empty identifier', start);
        this.push(Tok.Id, text.slice(1), null, line, column);
      } else {
        this.push(Tok.Atom, text, null, line, column);
      }
      return;
    }
    // `$"…"`: a quoted identifier.
    if (pieces === 2 && strings === 1 && text.charCodeAt(0) === 0x24 && firstStringAt === start + 1) {
      const name = decodeUtf8(lastBytes!);
      if (name === null) this.fail('malformed UTF-8 encoding', start);
      if (name.length === 0) this.fail('empty identifier', start);
      this.push(Tok.Id, name, lastBytes, line, column);
      return;
    }
    this.push(Tok.Reserved, text, null, line, column);
  }

  /** A string literal starting at the current `"`; returns its bytes. */
  private string(): Uint8Array {
    const s = this.src;
    const open = this.pos;
    this.pos++;
    const out: number[] = [];
    for (;;) {
      if (this.pos >= s.length) this.fail('unclosed string', open);
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return new Uint8Array(out);
      }
      if (c === 0x0a) this.fail('unclosed string', open);
      if (c < 0x20 || c === 0x7f) this.fail('illegal character');
      if (c === 0x5c) {
        this.escape(out);
        continue;
      }
      if (c < 0x80) {
        out.push(c);
        this.pos++;
      } else if (c >= 0xdc00 && c <= 0xdcff && !(this.pos > open && isHighSurrogate(s.charCodeAt(this.pos - 1)))) {
        this.fail('malformed UTF-8 encoding');
      } else {
        const cp = s.codePointAt(this.pos)!;
        if (cp >= 0xd800 && cp <= 0xdfff) this.fail('malformed UTF-8 encoding');
        pushUtf8(out, cp);
        this.pos += cp > 0xffff ? 2 : 1;
      }
    }
  }

  private escape(out: number[]): void {
    const s = this.src;
    const at = this.pos;
    const e = s.charCodeAt(this.pos + 1);
    this.pos += 2;
    switch (e) {
      case 0x74: out.push(0x09); return; // t
      case 0x6e: out.push(0x0a); return; // n
      case 0x72: out.push(0x0d); return; // r
      case 0x22: out.push(0x22); return;
      case 0x27: out.push(0x27); return;
      case 0x5c: out.push(0x5c); return;
      case 0x75: { // u{…}
        if (s.charCodeAt(this.pos) !== 0x7b) this.fail('illegal escape', at);
        const close = s.indexOf('}', this.pos);
        const hex = close < 0 ? '' : s.slice(this.pos + 1, close);
        if (!/^[0-9a-fA-F](_?[0-9a-fA-F])*$/.test(hex)) this.fail('illegal escape', at);
        const digits = hex.replace(/_/g, '');
        const cp = digits.length > 8 ? Infinity : parseInt(digits, 16);
        if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) this.fail('illegal escape', at);
        pushUtf8(out, cp);
        this.pos = close + 1;
        return;
      }
      default: {
        const h = hexVal(e), l = hexVal(s.charCodeAt(this.pos));
        if (h < 0 || l < 0) this.fail('illegal escape', at);
        out.push(h * 16 + l);
        this.pos++;
      }
    }
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c < 0xdc00;
}

function hasReservedChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (RESERVED_CHAR.has(text.charCodeAt(i))) return true;
  return false;
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function pushUtf8(out: number[], cp: number): void {
  if (cp >= 0xdc80 && cp <= 0xdcff) {
    // A lone surrogate standing for a raw byte (see decodeSourceBytes) — cannot reach here from
    // codePointAt on valid text; kept for clarity of the mapping.
    out.push(cp - 0xdc00);
  } else if (cp < 0x80) {
    out.push(cp);
  } else if (cp < 0x800) {
    out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  } else {
    out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
}
