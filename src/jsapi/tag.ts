/**
 * `WebAssembly.Tag`, `WebAssembly.Exception` and `WebAssembly.JSTag`. A Tag is a JS object for an
 * exception tag of the agent's store (identity matters: two tags with the same parameters never
 * match); an Exception is the JS object for one exception instance (a tag and a payload), the
 * same object every time that instance reaches JS. How exceptions cross between JS and wasm is
 * exceptions.ts.
 */
import { ExnInst } from '../core/exn.js';
import type { TagInst } from '../core/instance.js';
import { Tag as RuntimeTag } from '../runtime/tag.js';
import { AbsHeap, EXTERNREF, heapOf, isRef, V128, type ValType } from '../syntax/types.js';
import { store } from './agent.js';
import { valueTypeArg } from './global.js';
import { toJSValue, toWebAssemblyValue } from './values.js';
import { dictionary, enforceRange, NS, required, sequence } from './webidl.js';

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
  if (t === undefined) throw new TypeError(`${what} must be a ${NS}.Tag`);
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
      const d = dictionary(type, `${NS}.Tag(): type`);
      const list = sequence(required(d, 'parameters', `${NS}.Tag()`), `${NS}.Tag(): parameters`);
      const params = list.map((p) => valueTypeArg(p, `${NS}.Tag(): parameters`));
      this.#inst = RuntimeTag.new(store, { params, results: [] }).inst;
    }
    objects.set(this.#inst, this);
    instOf.set(this, this.#inst);
  }
}

/** The tag of JavaScript exceptions caught in wasm (one externref parameter). */
export const JSTag: Tag = tagObject(RuntimeTag.new(store, { params: [EXTERNREF], results: [] }).inst);
/** The tag instance of JSTag. */
export const jsTagInst: TagInst = tagInstOf(JSTag)!;

const exceptions = new WeakMap<ExnInst, Exception>();
const exnOf = new WeakMap<object, ExnInst>();
let adoptingExn: ExnInst | null = null;

/** The Exception object for exception instance `exn` (one per instance). */
export function exceptionObject(exn: ExnInst): Exception {
  let e = exceptions.get(exn);
  if (e === undefined) {
    adoptingExn = exn;
    try {
      e = new Exception(undefined as never, undefined as never);
    } finally {
      adoptingExn = null;
    }
  }
  return e;
}

/** The exception instance of a `WebAssembly.Exception`, or undefined for any other value. */
export function exnInstOf(v: unknown): ExnInst | undefined {
  return typeof v === 'object' && v !== null ? exnOf.get(v) : undefined;
}

/** WebAssembly.Exception. */
export class Exception {
  #exn: ExnInst;

  /** `new WebAssembly.Exception(tag, payload, {traceStack?})`. */
  constructor(exceptionTag: Tag, payload: unknown[], options?: { traceStack?: boolean }) {
    if (adoptingExn !== null) {
      this.#exn = adoptingExn;
      exceptions.set(adoptingExn, this);
      exnOf.set(this, adoptingExn);
      return;
    }
    const tag = requireTag(exceptionTag, `${NS}.Exception(): tag`);
    const values = sequence(payload, `${NS}.Exception(): payload`);
    const traceStack = Boolean(dictionary(options, `${NS}.Exception(): options`).traceStack);
    if (tag === jsTagInst) throw new TypeError(`${NS}.Exception(): the JSTag cannot be used to make an Exception`);
    const params = tag.params;
    if (values.length !== params.length) {
      throw new TypeError(`${NS}.Exception(): the tag takes ${params.length} values, got ${values.length}`);
    }
    const raw = values.map((v, i) => {
      if (notPassable(params[i]!)) throw new TypeError(`${NS}.Exception(): a v128 or exnref value cannot come from JavaScript`);
      return toWebAssemblyValue(v, params[i]!);
    });
    this.#exn = new ExnInst(tag, raw);
    exceptions.set(this.#exn, this);
    exnOf.set(this, this.#exn);
    if (traceStack) {
      const stack = new Error().stack ?? '';
      Object.defineProperty(this, 'stack', { value: stack.replace(/^Error\n/, ''), writable: true, enumerable: false, configurable: true });
    }
  }

  /** Payload value `index`; TypeError unless `exceptionTag` is this exception's tag. */
  getArg(exceptionTag: Tag, index: number): unknown {
    const tag = requireTag(exceptionTag, `${NS}.Exception.getArg(): tag`);
    const i = enforceRange(index, `${NS}.Exception.getArg(): index`);
    const exn = this.#exn;
    if (tag !== exn.tag) throw new TypeError(`${NS}.Exception.getArg(): the tag does not match`);
    if (i >= exn.payload.length) throw new RangeError(`${NS}.Exception.getArg(): index ${i} is out of bounds`);
    const t = tag.params[i]!;
    if (notPassable(t)) throw new TypeError(`${NS}.Exception.getArg(): a v128 or exnref value cannot go to JavaScript`);
    return toJSValue(exn.payload[i]!, t);
  }

  /** Whether this exception has tag `exceptionTag`. */
  is(exceptionTag: Tag): boolean {
    return requireTag(exceptionTag, `${NS}.Exception.is(): tag`) === this.#exn.tag;
  }
}
