/**
 * The WAST script format (the spec interpreter's `script` grammar): modules (text, binary, quote,
 * definition, instance), register, actions and every assertion, with constants and result
 * patterns. Text modules are parsed and encoded here (one that does not parse is kept as its source
 * text, like a quote module); quote modules keep their text, to be parsed only when the command
 * runs (they may be malformed on purpose). Commands are read in a loop; the
 * only nesting followed is `thread`, whose commands are collected with an explicit stack.
 */
import { ParseError } from '../util/errors.js';
import { encodeModule } from '../encoder/encode.js';
import { Cursor } from './cursor.js';
import { decodeSourceBytes, lex, Tok, type CustomAnnotation, type Lexed, type Token } from './lexer.js';
import { moduleFields } from './module.js';
import { parseNat } from './numbers.js';
import { f32Lit, f64Lit, intLit, v128Literal } from './literals.js';
import type {
  FloatPattern, Loc, WastAction, WastCommand, WastConst, WastExpected, WastModule, WastScript,
} from './wast-script.js';

const MODULE_FIELDS = new Set(['type', 'rec', 'func', 'table', 'memory', 'global', 'tag', 'import', 'export', 'start', 'elem', 'data']);

function loc(t: Token): Loc {
  return { line: t.line, column: t.column };
}

/**
 * Parses a WAST script. Throws ParseError where the script itself is not well-formed; a text module
 * that is not comes back as a `quote` module holding its source, to fail when its command runs.
 */
export function parseWast(text: string): WastScript {
  const lexed = lex(text);
  const cur = new Cursor(lexed.tokens);
  const p = new ScriptParser(cur, lexed, text);
  return { commands: p.commands() };
}

class ScriptParser {
  constructor(private readonly cur: Cursor, private readonly lexed: Lexed, private readonly text: string) {}

  commands(): WastCommand[] {
    const cur = this.cur;
    const top: WastCommand[] = [];
    if (MODULE_FIELDS.has(cur.fieldKeyword())) {
      // A script that is just module fields: one anonymous module.
      const at = cur.peek();
      const m = moduleFields(cur, this.lexed.customs);
      if (cur.peek().kind !== Tok.Eof) cur.unexpected();
      const module: WastModule = { name: null, definition: false, source: 'text', bytes: encodeModule(m), quote: null, loc: loc(at) };
      return [{ kind: 'module', module }];
    }
    // Threads nest command lists; an explicit stack keeps the parser flat.
    const stack: { list: WastCommand[]; cmd: Extract<WastCommand, { kind: 'thread' }> | null }[] = [{ list: top, cmd: null }];
    for (;;) {
      const frame = stack[stack.length - 1]!;
      if (cur.peek().kind === Tok.Eof) {
        if (stack.length > 1) cur.unexpected();
        return top;
      }
      if (cur.isRParen() && frame.cmd !== null) {
        cur.pos++;
        stack.pop();
        continue;
      }
      if (cur.isField('thread')) {
        const at = cur.peek();
        cur.pos += 2;
        const name = cur.optId() ?? '';
        const shared: string[] = [];
        while (cur.takeField('shared')) {
          cur.lparen();
          cur.keyword('module');
          shared.push(cur.optId() ?? '');
          cur.rparen();
          cur.rparen();
        }
        const cmd = { kind: 'thread' as const, name, shared, commands: [], loc: loc(at) };
        frame.list.push(cmd);
        stack.push({ list: cmd.commands, cmd });
        continue;
      }
      frame.list.push(this.command());
    }
  }

  private command(): WastCommand {
    const cur = this.cur;
    const at = cur.peek();
    const kw = cur.fieldKeyword();
    switch (kw) {
      case 'module': {
        if (cur.isAtom('instance', 2)) {
          cur.pos += 3;
          const instance = cur.optId();
          const module = cur.optId();
          cur.rparen();
          return { kind: 'module_instance', instance, module, loc: loc(at) };
        }
        return { kind: 'module', module: this.module() };
      }
      case 'register': {
        cur.pos += 2;
        const as = cur.name();
        const module = cur.optId();
        cur.rparen();
        return { kind: 'register', as, module, loc: loc(at) };
      }
      case 'invoke': case 'get':
        return { kind: 'action', action: this.action(), loc: loc(at) };
      case 'wait': {
        cur.pos += 2;
        const thread = cur.optId() ?? '';
        cur.rparen();
        return { kind: 'wait', thread, loc: loc(at) };
      }
      case 'assert_return': {
        cur.pos += 2;
        const action = this.action();
        const expected: WastExpected[] = [];
        while (cur.isLParen()) expected.push(this.expected());
        cur.rparen();
        return { kind: 'assert_return', action, expected, loc: loc(at) };
      }
      case 'assert_trap': {
        cur.pos += 2;
        if (cur.isField('module')) {
          const module = this.module();
          const message = this.message();
          return { kind: 'assert_trap', action: null, module, message, loc: loc(at) };
        }
        const action = this.action();
        const message = this.message();
        return { kind: 'assert_trap', action, module: null, message, loc: loc(at) };
      }
      case 'assert_exhaustion': {
        cur.pos += 2;
        const action = this.action();
        return { kind: 'assert_exhaustion', action, message: this.message(), loc: loc(at) };
      }
      case 'assert_exception': {
        cur.pos += 2;
        const action = this.action();
        cur.rparen();
        return { kind: 'assert_exception', action, loc: loc(at) };
      }
      case 'assert_invalid': case 'assert_malformed': case 'assert_unlinkable': case 'assert_uninstantiable':
      case 'assert_malformed_custom': case 'assert_invalid_custom': {
        cur.pos += 2;
        const module = this.module();
        const message = this.message();
        return { kind: kw, module, message, loc: loc(at) } as WastCommand;
      }
    }
    return cur.unexpected(kw === '' ? cur.peek() : cur.peek(1));
  }

  /** The failure message string, then the closing paren of the assertion. */
  private message(): string {
    const cur = this.cur;
    const t = cur.peek();
    if (t.kind !== Tok.String) cur.unexpected(t);
    cur.pos++;
    cur.rparen();
    return decodeSourceBytes(t.bytes!);
  }

  /**
   * `(module …)`. A text module that does not parse is kept as a quote module of its own source
   * text: the error then belongs to the one command that uses it (a malformed-module assertion
   * passes, anything else fails) instead of to the whole script.
   */
  private module(): WastModule {
    const cur = this.cur;
    const at = cur.peek();
    cur.lparen();
    cur.keyword('module');
    const definition = cur.takeAtom('definition');
    const name = cur.optId();
    const base = { name, definition, loc: loc(at) };
    if (cur.takeAtom('binary')) {
      const bytes = this.strings();
      cur.rparen();
      return { ...base, source: 'binary', bytes, quote: null };
    }
    if (cur.takeAtom('quote')) {
      const bytes = this.strings();
      cur.rparen();
      return { ...base, source: 'quote', bytes: null, quote: decodeSourceBytes(bytes) };
    }
    const start = cur.pos;
    try {
      const m = moduleFields(cur, this.customsFor());
      cur.rparen();
      return { ...base, source: 'text', bytes: encodeModule(m), quote: null };
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      // Keep the source of the fields (annotations included) to be parsed again when the command runs.
      cur.pos = start - 2 - (definition ? 1 : 0) - (name !== null ? 1 : 0);
      cur.skipGroup();
      const quote = this.text.slice(cur.toks[start]!.offset, cur.toks[cur.pos - 1]!.offset);
      return { ...base, source: 'quote', bytes: null, quote };
    }
  }

  private customsFor(): readonly CustomAnnotation[] {
    return this.lexed.customs;
  }

  private strings(): Uint8Array {
    const cur = this.cur;
    const parts: Uint8Array[] = [];
    let n = 0;
    while (cur.peek().kind === Tok.String) {
      const b = cur.string();
      parts.push(b);
      n += b.length;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  private action(): WastAction {
    const cur = this.cur;
    const at = cur.peek();
    cur.lparen();
    if (cur.takeAtom('invoke')) {
      const module = cur.optId();
      const name = cur.name();
      const args: WastConst[] = [];
      while (cur.isLParen()) args.push(this.constant());
      cur.rparen();
      return { kind: 'invoke', module, name, args, loc: loc(at) };
    }
    if (cur.takeAtom('get')) {
      const module = cur.optId();
      const name = cur.name();
      cur.rparen();
      return { kind: 'get', module, name, loc: loc(at) };
    }
    return cur.unexpected();
  }

  private constant(): WastConst {
    const cur = this.cur;
    cur.lparen();
    const t = cur.next();
    let c: WastConst;
    switch (t.text) {
      case 'i32.const': c = { type: 'i32', value: Number(BigInt.asIntN(32, intLit(cur, 32))) }; break;
      case 'i64.const': c = { type: 'i64', value: BigInt.asIntN(64, intLit(cur, 64)) }; break;
      case 'f32.const': c = { type: 'f32', bits: this.f32() }; break;
      case 'f64.const': c = { type: 'f64', bits: this.f64() }; break;
      case 'v128.const': c = { type: 'v128', bytes: v128Literal(cur) }; break;
      case 'ref.null': c = { type: 'ref.null', heap: this.heapText() }; break;
      case 'ref.extern': c = { type: 'ref.extern', value: this.nat() }; break;
      case 'ref.host': c = { type: 'ref.host', value: this.nat() }; break;
      default: return cur.unexpected(t);
    }
    cur.rparen();
    return c;
  }

  private heapText(): string {
    const t = this.cur.next();
    if (t.kind === Tok.Atom) return t.text;
    if (t.kind === Tok.Id) return '$' + t.text;
    return this.cur.unexpected(t);
  }

  /** A host reference number (`ref.extern N`). */
  private nat(): number {
    const t = this.cur.next();
    const v = t.kind === Tok.Atom ? parseNat(t.text) : null;
    if (v === null || v > BigInt(Number.MAX_SAFE_INTEGER)) return this.cur.unexpected(t);
    return Number(v);
  }

  private f32(): number {
    return f32Lit(this.cur);
  }

  private f64(): bigint {
    return f64Lit(this.cur);
  }

  private floatPattern(width: 32 | 64, t: Token): FloatPattern {
    if (t.text === 'nan:canonical' || t.text === 'nan:arithmetic') {
      this.cur.pos++;
      return { kind: t.text };
    }
    return { kind: 'bits', bits: width === 32 ? this.f32() : this.f64() };
  }

  private expected(nested = false): WastExpected {
    const cur = this.cur;
    cur.lparen();
    const t = cur.next();
    let r: WastExpected;
    switch (t.text) {
      case 'i32.const': r = { type: 'i32', value: Number(BigInt.asIntN(32, intLit(cur, 32))) }; break;
      case 'i64.const': r = { type: 'i64', value: BigInt.asIntN(64, intLit(cur, 64)) }; break;
      case 'f32.const': r = { type: 'f32', pattern: this.floatPattern(32, cur.peek()) }; break;
      case 'f64.const': r = { type: 'f64', pattern: this.floatPattern(64, cur.peek()) }; break;
      case 'v128.const': r = this.v128Pattern(); break;
      case 'ref.null': r = { type: 'ref.null', heap: cur.isRParen() ? null : this.heapText() }; break;
      case 'ref.extern': r = { type: 'ref.extern', value: cur.isRParen() ? null : this.nat() }; break;
      case 'ref.host': r = { type: 'ref.host', value: this.nat() }; break;
      case 'ref.func': case 'ref.struct': case 'ref.array': case 'ref.i31': case 'ref.eq': case 'ref.any': case 'ref.exn': {
        r = { type: t.text };
        if (!cur.isRParen()) {
          if (cur.peek().kind === Tok.Id) cur.pos++;
          else r.value = this.nat();
        }
        break;
      }
      case 'either': {
        // Alternatives are plain results: a nested `either` is refused, which also keeps this
        // from recursing once per nesting level.
        if (nested) cur.unexpected(t);
        const options: WastExpected[] = [];
        while (cur.isLParen()) options.push(this.expected(true));
        r = { type: 'either', options };
        break;
      }
      default: return cur.unexpected(t);
    }
    cur.rparen();
    return r;
  }

  private v128Pattern(): WastExpected {
    const cur = this.cur;
    const st = cur.peek();
    const shape = st.text;
    if (shape === 'f32x4' || shape === 'f64x2') {
      cur.pos++;
      const n = shape === 'f32x4' ? 4 : 2;
      const lanes: FloatPattern[] = [];
      for (let i = 0; i < n; i++) {
        if (cur.peek().kind !== Tok.Atom) cur.fail('wrong number of lane literals');
        lanes.push(this.floatPattern(shape === 'f32x4' ? 32 : 64, cur.peek()));
      }
      return { type: 'v128', shape, lanes };
    }
    const bits = shape === 'i8x16' ? 8 : shape === 'i16x8' ? 16 : shape === 'i32x4' ? 32 : shape === 'i64x2' ? 64 : 0;
    if (bits === 0) return cur.unexpected(st);
    cur.pos++;
    const lanes: bigint[] = [];
    for (let i = 0; i < 128 / bits; i++) {
      if (cur.peek().kind !== Tok.Atom) cur.fail('wrong number of lane literals');
      lanes.push(intLit(cur, bits));
    }
    return { type: 'v128', shape: shape as 'i8x16', lanes };
  }
}
