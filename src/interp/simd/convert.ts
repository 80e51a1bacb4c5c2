/**
 * Conversions between integer and float lanes and between float widths: trunc_sat (and the
 * deterministic relaxed_trunc, which the deterministic profile defines as trunc_sat), convert,
 * convert_low, demote_zero and promote_low. "_zero" forms fill the upper two result lanes with 0.
 */
import { Op } from '../../syntax/op.js';
import { aF32, aF64, aI32, aU32, rF32, rF64, rI32 } from './lanes.js';
import { canonF32, canonF64 } from './float.js';

/** Computes R = op A for the conversions; false if `code` is not one. */
export function convertUnary(code: number): boolean {
  switch (code) {
    case Op.i32x4_trunc_sat_f32x4_s: case Op.i32x4_relaxed_trunc_f32x4_s:
      for (let i = 0; i < 4; i++) rI32[i] = truncSatS(aF32[i]);
      break;
    case Op.i32x4_trunc_sat_f32x4_u: case Op.i32x4_relaxed_trunc_f32x4_u:
      for (let i = 0; i < 4; i++) rI32[i] = truncSatU(aF32[i]);
      break;
    case Op.i32x4_trunc_sat_f64x2_s_zero: case Op.i32x4_relaxed_trunc_f64x2_s_zero:
      rI32[0] = truncSatS(aF64[0]); rI32[1] = truncSatS(aF64[1]); rI32[2] = 0; rI32[3] = 0;
      break;
    case Op.i32x4_trunc_sat_f64x2_u_zero: case Op.i32x4_relaxed_trunc_f64x2_u_zero:
      rI32[0] = truncSatU(aF64[0]); rI32[1] = truncSatU(aF64[1]); rI32[2] = 0; rI32[3] = 0;
      break;
    // An i32 converts to f32 with one rounding (Float32Array stores round to nearest even).
    case Op.f32x4_convert_i32x4_s: for (let i = 0; i < 4; i++) rF32[i] = aI32[i]; break;
    case Op.f32x4_convert_i32x4_u: for (let i = 0; i < 4; i++) rF32[i] = aU32[i]; break;
    case Op.f64x2_convert_low_i32x4_s: rF64[0] = aI32[0]; rF64[1] = aI32[1]; break;
    case Op.f64x2_convert_low_i32x4_u: rF64[0] = aU32[0]; rF64[1] = aU32[1]; break;
    case Op.f32x4_demote_f64x2_zero: rF32[0] = aF64[0]; rF32[1] = aF64[1]; rI32[2] = 0; rI32[3] = 0; canonF32(); break;
    case Op.f64x2_promote_low_f32x4: rF64[0] = aF32[0]; rF64[1] = aF32[1]; canonF64(); break;
    default: return false;
  }
  return true;
}

/** trunc_sat_s to i32: NaN → 0, out-of-range → the nearest bound. */
function truncSatS(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

/** trunc_sat_u to i32 (as a bit pattern): NaN and negatives → 0, too large → 2^32−1. */
function truncSatU(x: number): number {
  if (x !== x || x <= -1) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}
