/**
 * Type definitions in the text format: `(type $t? subtype)` and `(rec (type …)*)`, with `sub`,
 * `final`, function, struct (with field names) and array types. Runs after every type name has been
 * bound, so definitions may refer to each other in any order.
 */
import type { CompType, FieldType, SubType } from '../syntax/types.js';
import { Tok } from './lexer.js';
import type { ModuleContext } from './context.js';
import { fieldType, signature } from './valtypes.js';

/** Parses one `(type …)` or `(rec …)` field (the cursor at its `(`), appending to the context's types. */
export function typeField(c: ModuleContext): void {
  const cur = c.cur;
  if (cur.takeField('rec')) {
    const start = c.types.length;
    while (cur.isField('type')) typeDef(c);
    cur.rparen();
    c.recGroups.push({ start, count: c.types.length - start });
    return;
  }
  const start = c.types.length;
  typeDef(c);
  c.recGroups.push({ start, count: 1 });
}

function typeDef(c: ModuleContext): void {
  const cur = c.cur;
  cur.lparen();
  cur.keyword('type');
  cur.optId();
  const x = c.types.length;
  let st: SubType;
  if (cur.takeField('sub')) {
    const final = cur.takeAtom('final');
    const supers: number[] = [];
    while (cur.peek().kind === Tok.Id || cur.isNat()) supers.push(c.index('type'));
    const comp = compType(c, x);
    cur.rparen();
    st = { final, supers, comp };
  } else {
    st = { final: true, supers: [], comp: compType(c, x) };
  }
  cur.rparen();
  c.types.push(st);
}

function compType(c: ModuleContext, x: number): CompType {
  const cur = c.cur;
  if (cur.takeField('func')) {
    const sig = signature(c, true);
    cur.rparen();
    return { kind: 'func', params: sig.params, results: sig.results };
  }
  if (cur.takeField('struct')) {
    const fields: FieldType[] = [];
    const names = new Map<string, number>();
    while (cur.takeField('field')) {
      const id = cur.peek();
      if (id.kind === Tok.Id) {
        cur.pos++;
        if (names.has(id.text)) cur.fail('duplicate field', id);
        names.set(id.text, fields.length);
        fields.push(fieldType(c));
      } else {
        while (!cur.isRParen()) fields.push(fieldType(c));
      }
      cur.rparen();
    }
    cur.rparen();
    c.fieldNames.set(x, names);
    return { kind: 'struct', fields };
  }
  if (cur.takeField('array')) {
    const field = fieldType(c);
    cur.rparen();
    return { kind: 'array', field };
  }
  return cur.unexpected(cur.peek(1));
}
