/**
 * The text format: `parseWat` (one module, WAT → Module structure) and `parseWast` (a WAST script).
 * Encode a parsed module to bytes with `encodeModule` from encoder/encode.ts.
 */
import type { Module } from '../syntax/module.js';
import { Cursor } from './cursor.js';
import { lex, Tok } from './lexer.js';
import { moduleFields } from './module.js';

export { parseWast } from './wast.js';
export { decodeSourceBytes } from './lexer.js';
export type * from './wast-script.js';

/**
 * Parses one module in the text format: `(module $id? field*)` or the bare fields.
 * Function bodies and constant expressions come back already encoded as binary `Expr`s.
 * @throws ParseError (with line and column) when the text is malformed.
 */
export function parseWat(text: string): Module {
  const { tokens, customs } = lex(text);
  const cur = new Cursor(tokens);
  let m: Module;
  if (cur.isField('module')) {
    cur.pos += 2;
    cur.optId();
    m = moduleFields(cur, customs);
    cur.rparen();
  } else {
    m = moduleFields(cur, customs);
  }
  if (cur.peek().kind !== Tok.Eof) cur.unexpected();
  return m;
}
