/**
 * Cursor: a position in a token array with the small look-ahead and expectation helpers every
 * part of the parser uses, and ParseError construction at the token in hand. It knows nothing of
 * the grammar beyond parentheses.
 */
import { ParseError } from '../util/errors.js';
import { decodeUtf8 } from '../util/utf8.js';
import { Tok, type Token } from './lexer.js';
import { parseNat } from './numbers.js';

/** A read position in a token array. */
export class Cursor {
  pos = 0;
  private readonly eof: Token;

  constructor(readonly toks: readonly Token[]) {
    const last = toks[toks.length - 1];
    this.eof = {
      kind: Tok.Eof, text: '', bytes: null, line: last?.line ?? 1, column: (last?.column ?? 0) + 1,
      offset: (last?.offset ?? 0) + (last?.text.length ?? 0),
    };
  }

  /** The token `k` places ahead (an Eof token past the end). */
  peek(k = 0): Token {
    return this.toks[this.pos + k] ?? this.eof;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length) this.pos++;
    return t;
  }

  /** ParseError at token `t` (default: the current one). */
  error(reason: string, t: Token = this.peek()): ParseError {
    return new ParseError(reason, t.line, t.column);
  }

  /** ParseError at a position that has no token (annotations). */
  errorAt(reason: string, at: { line: number; column: number }): ParseError {
    return new ParseError(reason, at.line, at.column);
  }

  fail(reason: string, t: Token = this.peek()): never {
    throw this.error(reason, t);
  }

  /** The error for an unexpected token: "unknown operator" for a glued (reserved) token. */
  unexpected(t: Token = this.peek()): never {
    if (t.kind === Tok.Reserved) this.fail('unknown operator', t);
    if (t.kind === Tok.Eof) this.fail('unexpected end of script', t);
    this.fail('unexpected token', t);
  }

  isAtom(text?: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === Tok.Atom && (text === undefined || t.text === text);
  }

  isLParen(k = 0): boolean {
    return this.peek(k).kind === Tok.LParen;
  }

  isRParen(k = 0): boolean {
    return this.peek(k).kind === Tok.RParen;
  }

  /** Current tokens are `(` followed by keyword `kw`. */
  isField(kw: string): boolean {
    return this.isLParen() && this.isAtom(kw, 1);
  }

  /** The keyword after the current `(`, or '' when none. */
  fieldKeyword(): string {
    return this.isLParen() && this.isAtom(undefined, 1) ? this.peek(1).text : '';
  }

  lparen(): void {
    if (!this.isLParen()) this.unexpected();
    this.pos++;
  }

  rparen(): void {
    if (!this.isRParen()) this.unexpected();
    this.pos++;
  }

  keyword(kw: string): void {
    if (!this.isAtom(kw)) this.unexpected();
    this.pos++;
  }

  /** Consumes `( kw` if present. */
  takeField(kw: string): boolean {
    if (!this.isField(kw)) return false;
    this.pos += 2;
    return true;
  }

  /** Consumes keyword `kw` if present. */
  takeAtom(kw: string): boolean {
    if (!this.isAtom(kw)) return false;
    this.pos++;
    return true;
  }

  /** An optional `$id`: its name, or null. */
  optId(): string | null {
    const t = this.peek();
    if (t.kind !== Tok.Id) return null;
    this.pos++;
    return t.text;
  }

  isNat(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === Tok.Atom && parseNat(t.text) !== null;
  }

  /** A string literal's bytes. */
  string(): Uint8Array {
    const t = this.peek();
    if (t.kind !== Tok.String) this.unexpected();
    this.pos++;
    return t.bytes!;
  }

  /** A string literal that must be valid UTF-8 (a name). */
  name(): string {
    const t = this.peek();
    const s = decodeUtf8(this.string());
    if (s === null) this.fail('malformed UTF-8 encoding', t);
    return s;
  }

  /** Skips one balanced parenthesised group (explicit depth count, no recursion). */
  skipGroup(): void {
    this.lparen();
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.kind === Tok.LParen) depth++;
      else if (t.kind === Tok.RParen) depth--;
      else if (t.kind === Tok.Eof) this.unexpected(t);
    }
  }
}
