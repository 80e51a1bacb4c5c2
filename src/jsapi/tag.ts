/**
 * `WebAssembly.Tag`, `WebAssembly.Exception` and `WebAssembly.JSTag`. A Tag is a JS object for an
 * exception tag of the agent's store (identity matters: two tags with the same parameters never
 * match); an Exception carries a tag and a payload converted with ToWebAssemblyValue. What it does
 * not do yet: carry exceptions across wasm frames (the interpreter does not execute throw/catch
 * yet), so a wasm `throw` cannot be caught by JS as an Exception.
 */
import type { TagInst } from '../core/instance.js';
import type { RawVal } from '../core/values.js';
import { Tag as RuntimeTag } from '../runtime/tag.js';
import { AbsHeap, EXTERNREF, heapOf, isRef, V128, type ValType } from '../syntax/types.js';
import { store } from './agent.js';
import { valueTypeArg } from './global.js';
import { toJSValue, toWebAssemblyValue } from './values.js';
import { dictionary, enforceRange, required, sequence } from './webidl.js';

const objects = new WeakMap<TagInst, Tag>();
const instOf = new WeakMap<object, TagInst>();
let adopting: TagInst | null = null;

/** The JS object for tag instance `inst` (one per instance). */
export function tagObject(inst: TagInst): Tag {
  let t = objects.get(inst);
  if (t === undefined) {
    adopting = inst;
    try {
      t = new Tag(undefined as never);
    } finally {
      adopting = null;
    }
  }
  return t;
}

/** The tag instance of a `WebAssembly.Tag`, or undefined for any other value. */
export function tagInstOf(v: unknown): TagInst | undefined {
  return typeof v === 'object' && v !== null ? instOf.get(v) : undefined;
}

function requireTag(v: unknown, what: string): TagInst {
  const t = tagInstOf(v);
  if (t === undefined) throw new TypeError(`${what} must be a WebAssembly.Tag`);
  return t;
}

function notPassable(t: ValType): boolean {
  return t === V128 || (isRef(t) && heapOf(t) === AbsHeap.Exn);
}

/** WebAssembly.Tag. */
export class Tag {
  #inst: TagInst;

  /** `new WebAssembly.Tag({parameters})`. */
  constructor(type: { parameters: string[] }) {
    if (adopting !== null) {
      this.#inst = adopting;
    } else {
      const d = dictionary(type, 'WebAssembly.Tag(): type');
      const list = sequence(required(d, 'parameters', 'WebAssembly.Tag()'), 'WebAssembly.Tag(): parameters');
      const params = list.map((p) => valueTypeArg(p, 'WebAssembly.Tag(): parameters'));
      this.#inst = RuntimeTag.new(store, { params, results: [] }).inst;
    }
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }
}

/** The tag of JavaScript exceptions caught in wasm (one externref parameter). */
export const JSTag: Tag = tagObject(RuntimeTag.new(store, { params: [EXTERNREF], results: [] }).inst);
const jsTagInst = tagInstOf(JSTag)!;

/** WebAssembly.Exception. */
export class Exception {
  #tag: TagInst;
  #payload: RawVal[];

  /** `new WebAssembly.Exception(tag, payload, {traceStack?})`. */
  constructor(exceptionTag: Tag, payload: unknown[], options?: { traceStack?: boolean }) {
    const tag = requireTag(exceptionTag, 'WebAssembly.Exception(): tag');
    const values = sequence(payload, 'WebAssembly.Exception(): payload');
    const traceStack = Boolean(dictionary(options, 'WebAssembly.Exception(): options').traceStack);
    if (tag === jsTagInst) throw new TypeError('WebAssembly.Exception(): the JSTag cannot be used to make an Exception');
    const params = tag.params;
    if (values.length !== params.length) {
      throw new TypeError(`WebAssembly.Exception(): the tag takes ${params.length} values, got ${values.length}`);
    }
    this.#payload = values.map((v, i) => {
      if (notPassable(params[i]!)) throw new TypeError('WebAssembly.Exception(): a v128 or exnref value cannot come from JavaScript');
      return toWebAssemblyValue(v, params[i]!);
    });
    this.#tag = tag;
    if (traceStack) {
      const stack = new Error().stack ?? '';
      Object.defineProperty(this, 'stack', { value: stack.replace(/^Error\n/, ''), writable: true, enumerable: false, configurable: true });
    }
  }

  /** Payload value `index`; TypeError unless `exceptionTag` is this exception's tag. */
  getArg(exceptionTag: Tag, index: number): unknown {
    const tag = requireTag(exceptionTag, 'WebAssembly.Exception.getArg(): tag');
    const i = enforceRange(index, 'WebAssembly.Exception.getArg(): index');
    if (tag !== this.#tag) throw new TypeError('WebAssembly.Exception.getArg(): the tag does not match');
    if (i >= this.#payload.length) throw new RangeError(`WebAssembly.Exception.getArg(): index ${i} is out of bounds`);
    const t = tag.params[i]!;
    if (notPassable(t)) throw new TypeError('WebAssembly.Exception.getArg(): a v128 or exnref value cannot go to JavaScript');
    return toJSValue(this.#payload[i]!, t);
  }

  /** Whether this exception has tag `exceptionTag`. */
  is(exceptionTag: Tag): boolean {
    return requireTag(exceptionTag, 'WebAssembly.Exception.is(): tag') === this.#tag;
  }
}
