// examples/linker/errors.ts — what goes wrong, in wasmtime's words.
import { Engine, Global, I32, I64, Module, Store } from '../../src/index.js';
import { formatErrorChain, Linker } from '../../src/linker/index.js';
import { wat } from './wat.js';

export function main(): string[] {
  const engine = new Engine();
  const store = new Store(engine, undefined);
  const linker = new Linker(engine);
  const module = Module.new(engine, wat(`(module (import "env" "limit" (global i64)))`));
  const out: string[] = [];
  const attempt = (what: () => unknown): void => {
    try {
      what();
    } catch (e) {
      out.push(formatErrorChain(e));
    }
  };

  attempt(() => linker.instantiate(store, module));

  linker.define(store, 'env', 'limit', Global.new(store, { type: I32, mutable: false }, 10));
  attempt(() => linker.instantiate(store, module));

  attempt(() => linker.define(store, 'env', 'limit', Global.new(store, { type: I64, mutable: false }, 10n)));

  // With shadowing allowed, the newer definition replaces the old one.
  linker.allowShadowing(true).define(store, 'env', 'limit', Global.new(store, { type: I64, mutable: false }, 10n));
  linker.instantiate(store, module);
  out.push('linked');
  return out;
}
