/**
 * Test-only oracle: V8's native WebAssembly (host `WebAssembly`, never used in src/) running one
 * module that exports a function per SIMD instruction. Operands and results go through memory,
 * since v128 cannot cross the JS boundary:
 *   A at byte 0, B at 16, C at 32, scalar operand at 48, result at 64, data for loads from 128.
 *
 * Relaxed instructions are exported as the non-relaxed expression the deterministic profile
 * prescribes (e.g. relaxed_madd as mul-then-add), so the oracle does not depend on V8's hardware
 * choices and checks our choice, not just our consistency.
 */
import wabtInit from 'wabt';
import { OPCODES, PREFIX_SIMD, Imm, type OpInfo } from '../../../src/syntax/opcodes.js';

export const A = 0, B = 16, C = 32, S = 48, R = 64, DATA = 128;

/** Lane count for each lane-indexed shape. */
export function laneCount(name: string): number {
  return ({ i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 } as Record<string, number>)[name.slice(0, 5)] ?? 0;
}

/**
 * For an instruction whose v128 result has float lanes with unconstrained NaN bits (the spec's
 * `nans` sets), the lane width in bits; 0 when every result bit is determined (integer results,
 * comparisons, abs/neg, pmin/pmax and lane moves).
 */
export function nanLaneBits(name: string): 0 | 32 | 64 {
  if (/\.(eq|ne|lt|gt|le|ge|abs|neg|pmin|pmax|splat|replace_lane|extract_lane)$/.test(name)) return 0;
  if (name.startsWith('f32x4.')) return 32;
  if (name.startsWith('f64x2.')) return 64;
  return 0;
}

/** Every SIMD row of the opcode table. */
export const SIMD_OPS: OpInfo[] = OPCODES.filter((o) => o.code >>> 16 === PREFIX_SIMD);

const V = (at: number): string => `(v128.load (i32.const ${at}))`;
const SCALAR_LOAD: Record<string, string> = { i: 'i32.load', I: 'i64.load', f: 'f32.load', F: 'f64.load' };
const SCALAR_STORE: Record<string, string> = { i: 'i32.store', I: 'i64.store', f: 'f32.store', F: 'f64.store' };

const DOT16 = (a: string, b: string): string => {
  const even = 'i8x16.shuffle 0 2 4 6 8 10 12 14 0 0 0 0 0 0 0 0';
  const odd = 'i8x16.shuffle 1 3 5 7 9 11 13 15 0 0 0 0 0 0 0 0';
  return `(i16x8.add_sat_s (i16x8.extmul_low_i8x16_s (${even} ${a} ${a}) (${even} ${b} ${b}))` +
    ` (i16x8.extmul_low_i8x16_s (${odd} ${a} ${a}) (${odd} ${b} ${b})))`;
};

/** The deterministic-profile meaning of each relaxed instruction, in non-relaxed instructions. */
export const RELAXED: Record<string, (a: string, b: string, c: string) => string> = {
  'i8x16.relaxed_swizzle': (a, b) => `(i8x16.swizzle ${a} ${b})`,
  'i32x4.relaxed_trunc_f32x4_s': (a) => `(i32x4.trunc_sat_f32x4_s ${a})`,
  'i32x4.relaxed_trunc_f32x4_u': (a) => `(i32x4.trunc_sat_f32x4_u ${a})`,
  'i32x4.relaxed_trunc_f64x2_s_zero': (a) => `(i32x4.trunc_sat_f64x2_s_zero ${a})`,
  'i32x4.relaxed_trunc_f64x2_u_zero': (a) => `(i32x4.trunc_sat_f64x2_u_zero ${a})`,
  'f32x4.relaxed_madd': (a, b, c) => `(f32x4.add (f32x4.mul ${a} ${b}) ${c})`,
  'f32x4.relaxed_nmadd': (a, b, c) => `(f32x4.add (f32x4.mul (f32x4.neg ${a}) ${b}) ${c})`,
  'f64x2.relaxed_madd': (a, b, c) => `(f64x2.add (f64x2.mul ${a} ${b}) ${c})`,
  'f64x2.relaxed_nmadd': (a, b, c) => `(f64x2.add (f64x2.mul (f64x2.neg ${a}) ${b}) ${c})`,
  'i8x16.relaxed_laneselect': (a, b, c) => `(v128.bitselect ${a} ${b} ${c})`,
  'i16x8.relaxed_laneselect': (a, b, c) => `(v128.bitselect ${a} ${b} ${c})`,
  'i32x4.relaxed_laneselect': (a, b, c) => `(v128.bitselect ${a} ${b} ${c})`,
  'i64x2.relaxed_laneselect': (a, b, c) => `(v128.bitselect ${a} ${b} ${c})`,
  'f32x4.relaxed_min': (a, b) => `(f32x4.min ${a} ${b})`,
  'f32x4.relaxed_max': (a, b) => `(f32x4.max ${a} ${b})`,
  'f64x2.relaxed_min': (a, b) => `(f64x2.min ${a} ${b})`,
  'f64x2.relaxed_max': (a, b) => `(f64x2.max ${a} ${b})`,
  'i16x8.relaxed_q15mulr_s': (a, b) => `(i16x8.q15mulr_sat_s ${a} ${b})`,
  'i16x8.relaxed_dot_i8x16_i7x16_s': (a, b) => DOT16(a, b),
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': (a, b, c) => `(i32x4.add (i32x4.extadd_pairwise_i16x8_s ${DOT16(a, b)}) ${c})`,
};

/** Export name of the function computing `op` (with its lane immediate, if it has one). */
export function exportName(op: OpInfo, lane = -1): string {
  return lane >= 0 ? `${op.name}/${lane}` : op.name;
}

/** The body of the oracle function for a non-memory SIMD instruction, or null if it has none here. */
function body(op: OpInfo, lane: number, shuffle: number[] | null): string | null {
  const relaxed = RELAXED[op.name];
  if (relaxed) return `(v128.store (i32.const ${R}) ${relaxed(V(A), V(B), V(C))})`;
  if (op.imm === Imm.Memarg || op.imm === Imm.MemargLane || op.name === 'v128.const') return null;
  const laneImm = op.imm === Imm.Lane ? ` ${lane}` : '';
  const shufImm = op.imm === Imm.Shuffle ? ` ${shuffle!.join(' ')}` : '';
  const [params, result] = op.sig!.split('>') as [string, string];
  const args = [...params].map((t, i) => (t === 'v' ? V([A, B, C][i]!) : `(${SCALAR_LOAD[t]} (i32.const ${S}))`));
  const expr = `(${op.name}${laneImm}${shufImm} ${args.join(' ')})`;
  return result === 'v' ? `(v128.store (i32.const ${R}) ${expr})` : `(${SCALAR_STORE[result]} (i32.const ${R}) ${expr})`;
}

/** Memory instructions: (param $addr i32) for loads/stores; results and lane operands as above. */
function memoryBody(op: OpInfo, lane: number): string | null {
  if (op.imm === Imm.Memarg) {
    return op.name === 'v128.store'
      ? `(v128.store (local.get 0) ${V(A)})`
      : `(v128.store (i32.const ${R}) (${op.name} (local.get 0)))`;
  }
  if (op.imm === Imm.MemargLane) {
    return op.name.includes('store')
      ? `(${op.name} ${lane} (local.get 0) ${V(A)})`
      : `(v128.store (i32.const ${R}) (${op.name} ${lane} (local.get 0) ${V(A)}))`;
  }
  return null;
}

/** Shuffle patterns exported as `i8x16.shuffle/k`. */
export const SHUFFLES: number[][] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16],
  [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23],
  [5, 5, 5, 5, 31, 0, 9, 26, 13, 2, 17, 30, 8, 8, 15, 16],
];

export interface Oracle {
  exports: Record<string, (addr?: number) => void>;
  memory: WebAssembly.Memory;
}

/** Builds and instantiates the oracle module (one function per instruction × lane immediate). */
export async function buildOracle(): Promise<Oracle> {
  const funcs: string[] = [];
  const add = (name: string, b: string | null, param = ''): void => {
    if (b) funcs.push(`(func (export "${name}") ${param} ${b})`);
  };
  for (const op of SIMD_OPS) {
    const lanes = op.imm === Imm.Lane || op.imm === Imm.MemargLane ? laneCountFor(op) : 0;
    if (op.imm === Imm.Shuffle) SHUFFLES.forEach((s, k) => add(`${op.name}/${k}`, body(op, -1, s)));
    else if (op.imm === Imm.Memarg) add(op.name, memoryBody(op, -1), '(param i32)');
    else if (op.imm === Imm.MemargLane) for (let l = 0; l < lanes; l++) add(exportName(op, l), memoryBody(op, l), '(param i32)');
    else if (op.imm === Imm.Lane) for (let l = 0; l < lanes; l++) add(exportName(op, l), body(op, l, null));
    else add(op.name, body(op, -1, null));
  }
  const text = `(module (memory (export "memory") 1) ${funcs.join('\n')})`;
  const wabt = await wabtInit();
  const mod = wabt.parseWat('oracle.wat', text, { simd: true, relaxed_simd: true } as never);
  const { buffer } = mod.toBinary({});
  mod.destroy();
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(buffer as Uint8Array<ArrayBuffer>));
  return { exports: instance.exports as never, memory: instance.exports.memory as WebAssembly.Memory };
}

/** Lane count of the lane immediate of a lane-indexed instruction. */
export function laneCountFor(op: OpInfo): number {
  if (op.imm === Imm.MemargLane) return 16 / (1 << op.align);
  return laneCount(op.name);
}
