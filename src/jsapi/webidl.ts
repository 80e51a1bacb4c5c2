/**
 * The few WebIDL conversions the JS API's signatures need: `[EnforceRange] unsigned long`,
 * dictionaries (read member by member, in the order the spec's algorithms read them), enums,
 * sequences and BufferSource. Every failure is a TypeError, as WebIDL says; range checks that the
 * JS API itself defines (RangeError) stay with the interfaces.
 */

/** ECMAScript ToNumber (TypeError for BigInt and Symbol, like `+v`). */
export function toNumber(v: unknown): number {
  return +(v as number);
}

/** ECMAScript ToString (TypeError for Symbol). */
export function toString(v: unknown): string {
  return `${v as string}`;
}

/**
 * `[EnforceRange] unsigned long` (or `unsigned long long` up to 2^53-1 with `max`): ToNumber,
 * then a TypeError for NaN, ±Infinity or a value outside [0, max] after truncation.
 */
export function enforceRange(v: unknown, what: string, max = 0xffff_ffff): number {
  const x = toNumber(v);
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be a finite number, got ${x}`);
  const t = Math.trunc(x);
  if (t < 0 || t > max) throw new TypeError(`${what} must be in the range 0 to ${max}, got ${t}`);
  return t + 0; // -0 becomes 0
}

/**
 * A dictionary argument: undefined and null stand for an empty dictionary; anything else that is
 * not an object is a TypeError. Members are then read with `Get`, one by one, by the caller.
 */
export function dictionary(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' && typeof v !== 'function') throw new TypeError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/** A required dictionary member: TypeError when it is undefined. */
export function required(dict: Record<string, unknown>, member: string, what: string): unknown {
  const v = dict[member];
  if (v === undefined) throw new TypeError(`${what}: the member '${member}' is required`);
  return v;
}

/** An enum value: ToString, then a TypeError unless it is one of `values`. */
export function enumValue<T extends string>(v: unknown, values: readonly T[], what: string): T {
  const s = toString(v);
  if (!(values as readonly string[]).includes(s)) throw new TypeError(`${what}: '${s}' is not one of ${values.map((x) => `'${x}'`).join(', ')}`);
  return s as T;
}

/** `sequence<T>`: an object with a Symbol.iterator method, read to a list. */
export function sequence(v: unknown, what: string): unknown[] {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) throw new TypeError(`${what} must be an iterable object`);
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what} must be an iterable object`);
  const out: unknown[] = [];
  const it = (method as () => Iterator<unknown>).call(v);
  for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

/**
 * A copy of the bytes of a BufferSource (ArrayBuffer, SharedArrayBuffer, typed array or DataView);
 * TypeError for anything else. The copy is taken at once, so later writes by the caller do not
 * change what is compiled (the spec's "get a copy of the buffer source").
 */
export function bufferSourceBytes(v: unknown, what = 'argument'): Uint8Array {
  if (isArrayBuffer(v)) return new Uint8Array(v.slice(0));
  if (isSharedArrayBuffer(v)) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) {
    return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  }
  throw new TypeError(`${what} must be a BufferSource (an ArrayBuffer or a view of one)`);
}

const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const sabByteLength = typeof SharedArrayBuffer === 'undefined'
  ? null
  : Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')!.get!;

/** Whether `v` is an ArrayBuffer of any realm (a brand check, not `instanceof`). */
export function isArrayBuffer(v: unknown): v is ArrayBuffer {
  try {
    abByteLength.call(v);
    return true;
  } catch {
    return false;
  }
}

function isSharedArrayBuffer(v: unknown): v is SharedArrayBuffer {
  if (sabByteLength === null) return false;
  try {
    sabByteLength.call(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * An address value of a 64-bit memory or table (`[EnforceRange] unsigned long long` read with
 * ToBigInt, as the memory64 JS API does): TypeError for a Number or for a value outside
 * [0, 2^64). Returned as a Number; values past 2^53 stay larger than every limit they meet.
 */
export function enforceRangeU64(v: unknown, what: string): number {
  // asIntN with the largest width is ToBigInt without wrapping (TypeError for Numbers, parses strings).
  const b = BigInt.asIntN(2 ** 53 - 1, v as bigint);
  if (b < 0n || b >= 2n ** 64n) throw new TypeError(`${what} must be in the range 0 to 2^64-1, got ${b}`);
  return Number(b);
}

/** An address value of a 32-bit (`[EnforceRange] unsigned long`) or 64-bit memory or table. */
export function addressValue(v: unknown, what: string, i64: boolean): number {
  return i64 ? enforceRangeU64(v, what) : enforceRange(v, what);
}

/** The namespace's name, the prefix of interface names and error messages. */
export const NS = 'WebAssembly';
