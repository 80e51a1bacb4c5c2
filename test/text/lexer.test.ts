/**
 * The lexer: tokens and their positions, strings and escapes, identifiers (plain and quoted),
 * comments, annotations (dropped, except @custom which is kept aside), glued tokens, and the
 * reference interpreter's lexical errors.
 */
import { describe, expect, it } from 'vitest';
import { decodeSourceBytes, lex, Tok } from '../../src/text/lexer.js';
import { ParseError } from '../../src/util/errors.js';

const kinds = (src: string): Tok[] => lex(src).tokens.map((t) => t.kind);
function lexError(src: string): ParseError {
  try {
    lex(src);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no error for ${src}`);
}

describe('lexer', () => {
  it('splits tokens at parens, white space and comments, with positions', () => {
    const { tokens } = lex('(func $f;;c\n  (nop)(; block (; nested ;) ;)i32.add)');
    expect(tokens.map((t) => [t.kind, t.text, t.line, t.column])).toEqual([
      [Tok.LParen, '(', 1, 1], [Tok.Atom, 'func', 1, 2], [Tok.Id, 'f', 1, 7],
      [Tok.LParen, '(', 2, 3], [Tok.Atom, 'nop', 2, 4], [Tok.RParen, ')', 2, 7],
      [Tok.Atom, 'i32.add', 2, 32], [Tok.RParen, ')', 2, 39],
    ]);
  });
  it('ends line comments at a carriage return too', () => {
    expect(lex(';; c\r(nop)').tokens.map((t) => t.text)).toEqual(['(', 'nop', ')']);
  });
  it('decodes string escapes to bytes', () => {
    const t = lex('"a\\t\\n\\r\\"\\\'\\\\\\00\\ff\\u{1F600}é"').tokens[0]!;
    expect(t.kind).toBe(Tok.String);
    expect([...t.bytes!]).toEqual([0x61, 9, 10, 13, 0x22, 0x27, 0x5c, 0, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9]);
  });
  it('reads quoted identifiers as the same names as plain ones', () => {
    const [a, b] = lex('$"abc" $abc').tokens;
    expect([a!.kind, a!.text, b!.kind, b!.text]).toEqual([Tok.Id, 'abc', Tok.Id, 'abc']);
    expect(lex('$"a b"').tokens[0]!.text).toBe('a b');
  });
  it('marks glued tokens as reserved', () => {
    expect(kinds('0$l')).toEqual([Tok.Atom]); // one run of idchars: a keyword no instruction has
    expect(kinds('"a""b"')).toEqual([Tok.Reserved]);
    expect(kinds('$"l"0')).toEqual([Tok.Reserved]);
    expect(kinds('a,b')).toEqual([Tok.Reserved]);
  });
  it('drops annotations but keeps @custom aside at its position', () => {
    const { tokens, customs } = lex('(module (@a x (y) "z") (@custom "n" "d") (func))');
    expect(tokens.map((t) => t.text)).toEqual(['(', 'module', '(', 'func', ')', ')']);
    expect(customs.length).toBe(1);
    expect(customs[0]!.at).toBe(2);
    expect(customs[0]!.tokens.map((t) => t.kind)).toEqual([Tok.String, Tok.String]);
  });
  it('reports lexical errors with the reference wording', () => {
    expect(lexError('"abc').reason).toBe('unclosed string');
    expect(lexError('(@a').reason).toBe('unclosed annotation');
    expect(lexError('(@ x)').reason).toBe('empty annotation id');
    expect(lexError('$ x').reason).toBe('empty identifier');
    expect(lexError('(func \u0001)').reason).toBe('illegal character');
    expect(lexError('"\\q"').reason).toBe('illegal escape');
    expect(lexError('"\\u{d800}"').reason).toBe('illegal escape');
    const e = lexError('(a)\n  (b \u0000)');
    expect([e.line, e.column]).toEqual([2, 6]);
  });
  it('maps bytes that are not UTF-8 to lone surrogates and refuses them', () => {
    const text = decodeSourceBytes(new Uint8Array([0x28, 0x61, 0x20, 0x80, 0x29]));
    expect(text.charCodeAt(3)).toBe(0xdc80);
    expect(lexError(text).reason).toBe('malformed UTF-8 encoding');
    expect(decodeSourceBytes(new TextEncoder().encode('(é)'))).toBe('(é)');
  });
});
