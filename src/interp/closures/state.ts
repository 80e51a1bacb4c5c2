/**
 * What the closures read besides their two arguments: the running thread and the views of its
 * value stack. Set by the runner before ops run and after anything that may replace the stack (a
 * call can grow it). Module variables: one bytecode to read under Ignition, where a field of an
 * object is a property load through an inline cache.
 */
import type { Thread } from '../thread.js';

export let T: Thread = null as unknown as Thread;
export let F32: Float32Array = new Float32Array(0);
export let F64: Float64Array = new Float64Array(0);
export let I64: BigInt64Array = new BigInt64Array(0);
export let U64: BigUint64Array = new BigUint64Array(0);

/** Points the closures at thread `t` and its current stack views. */
export function bindThread(t: Thread): void {
  T = t;
  const s = t.stack;
  F32 = s.f32;
  F64 = s.f64;
  I64 = s.i64;
  U64 = s.u64;
}
