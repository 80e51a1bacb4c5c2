/**
 * What each instruction costs in fuel: 1, except `nop`, `drop`, `block`, `loop`, `unreachable`,
 * `return`, `else` and `end`, which cost 0 — the same table as wasmtime's (its Cranelift
 * translation charges nothing for the instructions that generate no code or only mark control
 * flow), so a program given the same fuel in wasmtime and in purewasm runs out at the same count.
 * Costing structure markers nothing also means a block's `end` no longer needs a segment of its own.
 *
 * What it does not do: place the charges (translate.ts groups them per straight-line segment).
 */

/** Fuel charged for executing the instruction with (prefixed) opcode `code`. */
export function fuelCost(code: number): number {
  switch (code) {
    case 0x00: // unreachable
    case 0x01: // nop
    case 0x02: // block
    case 0x03: // loop
    case 0x05: // else
    case 0x0b: // end
    case 0x0f: // return
    case 0x1a: // drop
      return 0;
    default:
      return 1;
  }
}
