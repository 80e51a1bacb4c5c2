/**
 * Regression tests: one `.wat` per bug found, named for its issue (`issue3-…` came from the
 * differential test against V8). Each file records, in `;; @expect` lines, what V8 gave when the
 * bug was found; this test runs the module through purewasm (our text parser, encoder and engine)
 * and checks purewasm against that data. Nothing expected is computed by purewasm itself.
 *
 *   ;; @expect EXPORT ARG… => RESULT…          (values as TYPE:VALUE, e.g. i32:7 i64:-3 f64:nan)
 *   ;; @expect EXPORT ARG… => trap "MESSAGE"   (V8's RuntimeError message)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, Instance, Module, Store, Trap } from '../../src/index.js';
import { encodeModule } from '../../src/encoder/encode.js';
import { parseWat } from '../../src/text/index.js';
import { ourTrapClass, sameTrap, v8TrapClass } from '../differential/traps.js';

const DIR = join(process.cwd(), 'test/regression');

interface Expectation {
  readonly line: string;
  readonly name: string;
  readonly args: unknown[];
  readonly results?: string[];
  readonly trap?: string;
}

/** A typed literal as the JS API value it stands for. */
function parseArg(text: string): unknown {
  const [type, value] = text.split(':') as [string, string];
  if (type === 'i64') return BigInt(value);
  if (type === 'i32' || type === 'f32' || type === 'f64') return value === 'nan' ? NaN : Number(value);
  throw new Error(`unsupported argument ${text}`);
}

/** A result as `TYPE:VALUE` for comparison with the recorded text (NaN as a class, -0 kept). */
function showResult(type: string, v: unknown): string {
  if (typeof v === 'number' && Number.isNaN(v)) return `${type}:nan`;
  if (typeof v === 'number' && Object.is(v, -0)) return `${type}:-0`;
  return `${type}:${String(v)}`;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const m of text.matchAll(/^;; @expect (\S+)((?: \S+)*?) => (.*)$/gm)) {
    const [line, name, args, outcome] = m as unknown as [string, string, string, string];
    const trap = /^trap "(.*)"$/.exec(outcome);
    out.push({
      line, name,
      args: args.trim() === '' ? [] : args.trim().split(/\s+/).map(parseArg),
      ...(trap !== null ? { trap: trap[1]! } : { results: outcome.trim().split(/\s+/) }),
    });
  }
  return out;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.wat')).sort();

describe('regressions', () => {
  it('has files, each with expectations', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(expectations(readFileSync(join(DIR, f), 'utf8')).length, f).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const engine = new Engine();
      const store = new Store(engine, undefined);
      const module = Module.new(engine, encodeModule(parseWat(text)));
      const instance = Instance.new(store, module, []);
      for (const exp of expectations(text)) {
        const func = instance.getFunc(store, exp.name);
        expect(func, exp.line).toBeDefined();
        const types = func!.ty(store).results;
        let outcome: string;
        try {
          const results = func!.call(store, ...exp.args);
          const typeNames = (exp.results ?? []).map((r) => r.split(':')[0]!);
          outcome = results.map((v, i) => showResult(typeNames[i] ?? `#${types[i]}`, v)).join(' ');
        } catch (e) {
          if (!(e instanceof Trap)) throw e;
          outcome = `trap ${ourTrapClass(e.code, e.message)}`;
        }
        if (exp.trap !== undefined) {
          const ours = outcome.startsWith('trap ') ? outcome.slice(5) : outcome;
          expect(sameTrap(v8TrapClass(exp.trap), ours), `${exp.line}: purewasm gave ${outcome}`).toBe(true);
        } else {
          expect(outcome, exp.line).toBe(exp.results!.join(' '));
        }
      }
    });
  }
});
