/**
 * Human-readable traps: the message and the wasm backtrace (innermost frame first), in
 * wasmtime's layout so that people who know it recognise it:
 *
 *     wasm trap: integer divide by zero
 *     wasm backtrace:
 *         0:   0x2a - fac!div
 *         1:   0x31 - <wasm function 3>
 */
import type { FrameInfo, Trap } from '../util/errors.js';

/** One backtrace line for `frame` at position `i`. */
export function formatFrame(frame: FrameInfo, i: number): string {
  const offset = frame.codeOffset >= 0 ? `0x${frame.codeOffset.toString(16)}` : '<unknown>';
  const fn = frame.funcName ?? `<wasm function ${frame.funcIndex}>`;
  const where = frame.moduleName ? `${frame.moduleName}!${fn}` : fn;
  return `${String(i).padStart(4)}: ${offset.padStart(8)} - ${where}`;
}

/** The trap's message followed by its backtrace (when it has frames). */
export function formatTrap(trap: Trap): string {
  const lines = [`wasm trap: ${trap.message}`];
  if (trap.backtrace.length > 0) {
    lines.push('wasm backtrace:');
    trap.backtrace.forEach((f, i) => lines.push(formatFrame(f, i)));
  }
  return lines.join('\n');
}
