/**
 * The closure executor's op type and the signals an op returns instead of a next pc.
 */

/** One compiled op: runs with the stack's i32 view and the frame base, returns the next pc or a signal. */
export type Op = (I32: Int32Array, fw: number) => number;

/** The running frame changed (call or return): the runner takes ops, pc and frame base from `next`. */
export const FRAME = -1;
/** Like FRAME, and the value stack may have been replaced (grown): reload its views too. */
export const RELOAD = -5;
/** The outermost function returned. */
export const DONE = -2;
/** This op is not compiled: the switch loop runs on from here (the runner saves the state). */
export const BAIL = -3;
/** A `Fuel` op found too little fuel: pause here. */
export const OUT_OF_FUEL = -4;
