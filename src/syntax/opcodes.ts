/**
 * THE opcode table: one row per instruction of WebAssembly 3.0 (plus the legacy exception
 * instructions and the threads and wide-arithmetic proposals), giving its text mnemonic, binary code,
 * immediates and — where it is fixed — its operand signature. The decoder, validator, text parser,
 * encoder and disassembler all read this table; none of them keeps its own list of opcodes.
 *
 * Codes: a one-byte opcode is its byte; a prefixed one is `prefix << 16 | subopcode`
 * (e.g. `i32.trunc_sat_f32_s` = 0xFC0000, `v128.load` = 0xFD0000).
 *
 * Signatures (`sig`) use one letter per operand: i=i32 I=i64 f=f32 F=f64 v=v128, and `a` for the
 * address type of the instruction's memory (i32 or i64 with memory64). `params>results`.
 * Instructions whose typing depends on their immediates or context have no `sig`; the validator
 * types them by code.
 */

/** Immediate layouts. Each names exactly what follows the opcode in the binary format. */
export const enum Imm {
  None,
  /** blocktype */
  Block,
  /** label index */
  Label,
  /** vec(label) label */
  BrTable,
  /** function index */
  Func,
  /** type index, table index */
  CallIndirect,
  /** type index */
  Type,
  /** local index */
  Local,
  /** global index */
  Global,
  /** table index */
  Table,
  /** memarg: align (with bit 6 = memory index present), [memidx], offset */
  Memarg,
  /** memory index */
  Memory,
  I32,
  I64,
  F32,
  F64,
  V128,
  /** lane index byte */
  Lane,
  /** memarg then lane index byte */
  MemargLane,
  /** 16 lane index bytes */
  Shuffle,
  /** vec(valtype) */
  SelectT,
  /** heap type */
  HeapType,
  /** type index, field index */
  StructField,
  /** type index, u32 count */
  TypeCount,
  /** type index, type index */
  TypeType,
  /** type index, data index */
  TypeData,
  /** type index, elem index */
  TypeElem,
  /** data index */
  Data,
  /** elem index */
  Elem,
  /** data index, memory index */
  MemoryInit,
  /** memory index, memory index */
  MemoryCopy,
  /** elem index, table index */
  TableInit,
  /** table index, table index */
  TableCopy,
  /** tag index */
  Tag,
  /** blocktype, vec(catch clause) */
  TryTable,
  /** flags byte, label, heap type, heap type */
  BrOnCast,
  /** a single zero byte (atomic.fence) */
  Zero,
}

export interface OpInfo {
  /** Text-format mnemonic. */
  readonly name: string;
  /** Binary code (see the header). */
  readonly code: number;
  readonly imm: Imm;
  /** Fixed operand signature, or null when typing depends on immediates or context. */
  readonly sig: string | null;
  /** For memory accesses: log2 of the natural alignment (the largest alignment allowed). */
  readonly align: number;
}

export const PREFIX_GC = 0xfb;
export const PREFIX_MISC = 0xfc;
export const PREFIX_SIMD = 0xfd;
export const PREFIX_ATOMIC = 0xfe;

const IMM_BY_NAME: Record<string, Imm> = {
  '-': Imm.None, block: Imm.Block, label: Imm.Label, br_table: Imm.BrTable, func: Imm.Func,
  call_indirect: Imm.CallIndirect, type: Imm.Type, local: Imm.Local, global: Imm.Global,
  table: Imm.Table, memarg: Imm.Memarg, memory: Imm.Memory, i32: Imm.I32, i64: Imm.I64,
  f32: Imm.F32, f64: Imm.F64, v128: Imm.V128, lane: Imm.Lane, memarg_lane: Imm.MemargLane,
  shuffle: Imm.Shuffle, select_t: Imm.SelectT, heaptype: Imm.HeapType, struct_field: Imm.StructField,
  type_count: Imm.TypeCount, type_type: Imm.TypeType, type_data: Imm.TypeData, type_elem: Imm.TypeElem,
  data: Imm.Data, elem: Imm.Elem, memory_init: Imm.MemoryInit, memory_copy: Imm.MemoryCopy,
  table_init: Imm.TableInit, table_copy: Imm.TableCopy, tag: Imm.Tag, try_table: Imm.TryTable,
  br_on_cast: Imm.BrOnCast, zero: Imm.Zero,
};

// Each line: `code mnemonic immediate signature [alignment]`; `*` = no fixed signature.
const PLAIN = `
00 unreachable - *
01 nop - >
02 block block *
03 loop block *
04 if block *
05 else - *
06 try block *
07 catch tag *
08 throw tag *
09 rethrow label *
0a throw_ref - *
0b end - *
0c br label *
0d br_if label *
0e br_table br_table *
0f return - *
10 call func *
11 call_indirect call_indirect *
12 return_call func *
13 return_call_indirect call_indirect *
14 call_ref type *
15 return_call_ref type *
18 delegate label *
19 catch_all - *
1a drop - *
1b select - *
1c select select_t *
1f try_table try_table *
20 local.get local *
21 local.set local *
22 local.tee local *
23 global.get global *
24 global.set global *
25 table.get table *
26 table.set table *
28 i32.load memarg a>i 2
29 i64.load memarg a>I 3
2a f32.load memarg a>f 2
2b f64.load memarg a>F 3
2c i32.load8_s memarg a>i 0
2d i32.load8_u memarg a>i 0
2e i32.load16_s memarg a>i 1
2f i32.load16_u memarg a>i 1
30 i64.load8_s memarg a>I 0
31 i64.load8_u memarg a>I 0
32 i64.load16_s memarg a>I 1
33 i64.load16_u memarg a>I 1
34 i64.load32_s memarg a>I 2
35 i64.load32_u memarg a>I 2
36 i32.store memarg ai> 2
37 i64.store memarg aI> 3
38 f32.store memarg af> 2
39 f64.store memarg aF> 3
3a i32.store8 memarg ai> 0
3b i32.store16 memarg ai> 1
3c i64.store8 memarg aI> 0
3d i64.store16 memarg aI> 1
3e i64.store32 memarg aI> 2
3f memory.size memory *
40 memory.grow memory *
41 i32.const i32 >i
42 i64.const i64 >I
43 f32.const f32 >f
44 f64.const f64 >F
45 i32.eqz - i>i
46 i32.eq - ii>i
47 i32.ne - ii>i
48 i32.lt_s - ii>i
49 i32.lt_u - ii>i
4a i32.gt_s - ii>i
4b i32.gt_u - ii>i
4c i32.le_s - ii>i
4d i32.le_u - ii>i
4e i32.ge_s - ii>i
4f i32.ge_u - ii>i
50 i64.eqz - I>i
51 i64.eq - II>i
52 i64.ne - II>i
53 i64.lt_s - II>i
54 i64.lt_u - II>i
55 i64.gt_s - II>i
56 i64.gt_u - II>i
57 i64.le_s - II>i
58 i64.le_u - II>i
59 i64.ge_s - II>i
5a i64.ge_u - II>i
5b f32.eq - ff>i
5c f32.ne - ff>i
5d f32.lt - ff>i
5e f32.gt - ff>i
5f f32.le - ff>i
60 f32.ge - ff>i
61 f64.eq - FF>i
62 f64.ne - FF>i
63 f64.lt - FF>i
64 f64.gt - FF>i
65 f64.le - FF>i
66 f64.ge - FF>i
67 i32.clz - i>i
68 i32.ctz - i>i
69 i32.popcnt - i>i
6a i32.add - ii>i
6b i32.sub - ii>i
6c i32.mul - ii>i
6d i32.div_s - ii>i
6e i32.div_u - ii>i
6f i32.rem_s - ii>i
70 i32.rem_u - ii>i
71 i32.and - ii>i
72 i32.or - ii>i
73 i32.xor - ii>i
74 i32.shl - ii>i
75 i32.shr_s - ii>i
76 i32.shr_u - ii>i
77 i32.rotl - ii>i
78 i32.rotr - ii>i
79 i64.clz - I>I
7a i64.ctz - I>I
7b i64.popcnt - I>I
7c i64.add - II>I
7d i64.sub - II>I
7e i64.mul - II>I
7f i64.div_s - II>I
80 i64.div_u - II>I
81 i64.rem_s - II>I
82 i64.rem_u - II>I
83 i64.and - II>I
84 i64.or - II>I
85 i64.xor - II>I
86 i64.shl - II>I
87 i64.shr_s - II>I
88 i64.shr_u - II>I
89 i64.rotl - II>I
8a i64.rotr - II>I
8b f32.abs - f>f
8c f32.neg - f>f
8d f32.ceil - f>f
8e f32.floor - f>f
8f f32.trunc - f>f
90 f32.nearest - f>f
91 f32.sqrt - f>f
92 f32.add - ff>f
93 f32.sub - ff>f
94 f32.mul - ff>f
95 f32.div - ff>f
96 f32.min - ff>f
97 f32.max - ff>f
98 f32.copysign - ff>f
99 f64.abs - F>F
9a f64.neg - F>F
9b f64.ceil - F>F
9c f64.floor - F>F
9d f64.trunc - F>F
9e f64.nearest - F>F
9f f64.sqrt - F>F
a0 f64.add - FF>F
a1 f64.sub - FF>F
a2 f64.mul - FF>F
a3 f64.div - FF>F
a4 f64.min - FF>F
a5 f64.max - FF>F
a6 f64.copysign - FF>F
a7 i32.wrap_i64 - I>i
a8 i32.trunc_f32_s - f>i
a9 i32.trunc_f32_u - f>i
aa i32.trunc_f64_s - F>i
ab i32.trunc_f64_u - F>i
ac i64.extend_i32_s - i>I
ad i64.extend_i32_u - i>I
ae i64.trunc_f32_s - f>I
af i64.trunc_f32_u - f>I
b0 i64.trunc_f64_s - F>I
b1 i64.trunc_f64_u - F>I
b2 f32.convert_i32_s - i>f
b3 f32.convert_i32_u - i>f
b4 f32.convert_i64_s - I>f
b5 f32.convert_i64_u - I>f
b6 f32.demote_f64 - F>f
b7 f64.convert_i32_s - i>F
b8 f64.convert_i32_u - i>F
b9 f64.convert_i64_s - I>F
ba f64.convert_i64_u - I>F
bb f64.promote_f32 - f>F
bc i32.reinterpret_f32 - f>i
bd i64.reinterpret_f64 - F>I
be f32.reinterpret_i32 - i>f
bf f64.reinterpret_i64 - I>F
c0 i32.extend8_s - i>i
c1 i32.extend16_s - i>i
c2 i64.extend8_s - I>I
c3 i64.extend16_s - I>I
c4 i64.extend32_s - I>I
d0 ref.null heaptype *
d1 ref.is_null - *
d2 ref.func func *
d3 ref.eq - *
d4 ref.as_non_null - *
d5 br_on_null label *
d6 br_on_non_null label *
`;

const GC = `
00 struct.new type *
01 struct.new_default type *
02 struct.get struct_field *
03 struct.get_s struct_field *
04 struct.get_u struct_field *
05 struct.set struct_field *
06 array.new type *
07 array.new_default type *
08 array.new_fixed type_count *
09 array.new_data type_data *
0a array.new_elem type_elem *
0b array.get type *
0c array.get_s type *
0d array.get_u type *
0e array.set type *
0f array.len - *
10 array.fill type *
11 array.copy type_type *
12 array.init_data type_data *
13 array.init_elem type_elem *
14 ref.test heaptype *
15 ref.test_null heaptype *
16 ref.cast heaptype *
17 ref.cast_null heaptype *
18 br_on_cast br_on_cast *
19 br_on_cast_fail br_on_cast *
1a any.convert_extern - *
1b extern.convert_any - *
1c ref.i31 - *
1d i31.get_s - *
1e i31.get_u - *
`;

const MISC = `
00 i32.trunc_sat_f32_s - f>i
01 i32.trunc_sat_f32_u - f>i
02 i32.trunc_sat_f64_s - F>i
03 i32.trunc_sat_f64_u - F>i
04 i64.trunc_sat_f32_s - f>I
05 i64.trunc_sat_f32_u - f>I
06 i64.trunc_sat_f64_s - F>I
07 i64.trunc_sat_f64_u - F>I
08 memory.init memory_init *
09 data.drop data >
0a memory.copy memory_copy *
0b memory.fill memory *
0c table.init table_init *
0d elem.drop elem >
0e table.copy table_copy *
0f table.grow table *
10 table.size table *
11 table.fill table *
13 i64.add128 - IIII>II
14 i64.sub128 - IIII>II
15 i64.mul_wide_s - II>II
16 i64.mul_wide_u - II>II
`;

const SIMD = `
00 v128.load memarg a>v 4
01 v128.load8x8_s memarg a>v 3
02 v128.load8x8_u memarg a>v 3
03 v128.load16x4_s memarg a>v 3
04 v128.load16x4_u memarg a>v 3
05 v128.load32x2_s memarg a>v 3
06 v128.load32x2_u memarg a>v 3
07 v128.load8_splat memarg a>v 0
08 v128.load16_splat memarg a>v 1
09 v128.load32_splat memarg a>v 2
0a v128.load64_splat memarg a>v 3
0b v128.store memarg av> 4
0c v128.const v128 >v
0d i8x16.shuffle shuffle vv>v
0e i8x16.swizzle - vv>v
0f i8x16.splat - i>v
10 i16x8.splat - i>v
11 i32x4.splat - i>v
12 i64x2.splat - I>v
13 f32x4.splat - f>v
14 f64x2.splat - F>v
15 i8x16.extract_lane_s lane v>i 16
16 i8x16.extract_lane_u lane v>i 16
17 i8x16.replace_lane lane vi>v 16
18 i16x8.extract_lane_s lane v>i 8
19 i16x8.extract_lane_u lane v>i 8
1a i16x8.replace_lane lane vi>v 8
1b i32x4.extract_lane lane v>i 4
1c i32x4.replace_lane lane vi>v 4
1d i64x2.extract_lane lane v>I 2
1e i64x2.replace_lane lane vI>v 2
1f f32x4.extract_lane lane v>f 4
20 f32x4.replace_lane lane vf>v 4
21 f64x2.extract_lane lane v>F 2
22 f64x2.replace_lane lane vF>v 2
23 i8x16.eq - vv>v
24 i8x16.ne - vv>v
25 i8x16.lt_s - vv>v
26 i8x16.lt_u - vv>v
27 i8x16.gt_s - vv>v
28 i8x16.gt_u - vv>v
29 i8x16.le_s - vv>v
2a i8x16.le_u - vv>v
2b i8x16.ge_s - vv>v
2c i8x16.ge_u - vv>v
2d i16x8.eq - vv>v
2e i16x8.ne - vv>v
2f i16x8.lt_s - vv>v
30 i16x8.lt_u - vv>v
31 i16x8.gt_s - vv>v
32 i16x8.gt_u - vv>v
33 i16x8.le_s - vv>v
34 i16x8.le_u - vv>v
35 i16x8.ge_s - vv>v
36 i16x8.ge_u - vv>v
37 i32x4.eq - vv>v
38 i32x4.ne - vv>v
39 i32x4.lt_s - vv>v
3a i32x4.lt_u - vv>v
3b i32x4.gt_s - vv>v
3c i32x4.gt_u - vv>v
3d i32x4.le_s - vv>v
3e i32x4.le_u - vv>v
3f i32x4.ge_s - vv>v
40 i32x4.ge_u - vv>v
41 f32x4.eq - vv>v
42 f32x4.ne - vv>v
43 f32x4.lt - vv>v
44 f32x4.gt - vv>v
45 f32x4.le - vv>v
46 f32x4.ge - vv>v
47 f64x2.eq - vv>v
48 f64x2.ne - vv>v
49 f64x2.lt - vv>v
4a f64x2.gt - vv>v
4b f64x2.le - vv>v
4c f64x2.ge - vv>v
4d v128.not - v>v
4e v128.and - vv>v
4f v128.andnot - vv>v
50 v128.or - vv>v
51 v128.xor - vv>v
52 v128.bitselect - vvv>v
53 v128.any_true - v>i
54 v128.load8_lane memarg_lane av>v 0
55 v128.load16_lane memarg_lane av>v 1
56 v128.load32_lane memarg_lane av>v 2
57 v128.load64_lane memarg_lane av>v 3
58 v128.store8_lane memarg_lane av> 0
59 v128.store16_lane memarg_lane av> 1
5a v128.store32_lane memarg_lane av> 2
5b v128.store64_lane memarg_lane av> 3
5c v128.load32_zero memarg a>v 2
5d v128.load64_zero memarg a>v 3
5e f32x4.demote_f64x2_zero - v>v
5f f64x2.promote_low_f32x4 - v>v
60 i8x16.abs - v>v
61 i8x16.neg - v>v
62 i8x16.popcnt - v>v
63 i8x16.all_true - v>i
64 i8x16.bitmask - v>i
65 i8x16.narrow_i16x8_s - vv>v
66 i8x16.narrow_i16x8_u - vv>v
67 f32x4.ceil - v>v
68 f32x4.floor - v>v
69 f32x4.trunc - v>v
6a f32x4.nearest - v>v
6b i8x16.shl - vi>v
6c i8x16.shr_s - vi>v
6d i8x16.shr_u - vi>v
6e i8x16.add - vv>v
6f i8x16.add_sat_s - vv>v
70 i8x16.add_sat_u - vv>v
71 i8x16.sub - vv>v
72 i8x16.sub_sat_s - vv>v
73 i8x16.sub_sat_u - vv>v
74 f64x2.ceil - v>v
75 f64x2.floor - v>v
76 i8x16.min_s - vv>v
77 i8x16.min_u - vv>v
78 i8x16.max_s - vv>v
79 i8x16.max_u - vv>v
7a f64x2.trunc - v>v
7b i8x16.avgr_u - vv>v
7c i16x8.extadd_pairwise_i8x16_s - v>v
7d i16x8.extadd_pairwise_i8x16_u - v>v
7e i32x4.extadd_pairwise_i16x8_s - v>v
7f i32x4.extadd_pairwise_i16x8_u - v>v
80 i16x8.abs - v>v
81 i16x8.neg - v>v
82 i16x8.q15mulr_sat_s - vv>v
83 i16x8.all_true - v>i
84 i16x8.bitmask - v>i
85 i16x8.narrow_i32x4_s - vv>v
86 i16x8.narrow_i32x4_u - vv>v
87 i16x8.extend_low_i8x16_s - v>v
88 i16x8.extend_high_i8x16_s - v>v
89 i16x8.extend_low_i8x16_u - v>v
8a i16x8.extend_high_i8x16_u - v>v
8b i16x8.shl - vi>v
8c i16x8.shr_s - vi>v
8d i16x8.shr_u - vi>v
8e i16x8.add - vv>v
8f i16x8.add_sat_s - vv>v
90 i16x8.add_sat_u - vv>v
91 i16x8.sub - vv>v
92 i16x8.sub_sat_s - vv>v
93 i16x8.sub_sat_u - vv>v
94 f64x2.nearest - v>v
95 i16x8.mul - vv>v
96 i16x8.min_s - vv>v
97 i16x8.min_u - vv>v
98 i16x8.max_s - vv>v
99 i16x8.max_u - vv>v
9b i16x8.avgr_u - vv>v
9c i16x8.extmul_low_i8x16_s - vv>v
9d i16x8.extmul_high_i8x16_s - vv>v
9e i16x8.extmul_low_i8x16_u - vv>v
9f i16x8.extmul_high_i8x16_u - vv>v
a0 i32x4.abs - v>v
a1 i32x4.neg - v>v
a3 i32x4.all_true - v>i
a4 i32x4.bitmask - v>i
a7 i32x4.extend_low_i16x8_s - v>v
a8 i32x4.extend_high_i16x8_s - v>v
a9 i32x4.extend_low_i16x8_u - v>v
aa i32x4.extend_high_i16x8_u - v>v
ab i32x4.shl - vi>v
ac i32x4.shr_s - vi>v
ad i32x4.shr_u - vi>v
ae i32x4.add - vv>v
b1 i32x4.sub - vv>v
b5 i32x4.mul - vv>v
b6 i32x4.min_s - vv>v
b7 i32x4.min_u - vv>v
b8 i32x4.max_s - vv>v
b9 i32x4.max_u - vv>v
ba i32x4.dot_i16x8_s - vv>v
bc i32x4.extmul_low_i16x8_s - vv>v
bd i32x4.extmul_high_i16x8_s - vv>v
be i32x4.extmul_low_i16x8_u - vv>v
bf i32x4.extmul_high_i16x8_u - vv>v
c0 i64x2.abs - v>v
c1 i64x2.neg - v>v
c3 i64x2.all_true - v>i
c4 i64x2.bitmask - v>i
c7 i64x2.extend_low_i32x4_s - v>v
c8 i64x2.extend_high_i32x4_s - v>v
c9 i64x2.extend_low_i32x4_u - v>v
ca i64x2.extend_high_i32x4_u - v>v
cb i64x2.shl - vi>v
cc i64x2.shr_s - vi>v
cd i64x2.shr_u - vi>v
ce i64x2.add - vv>v
d1 i64x2.sub - vv>v
d5 i64x2.mul - vv>v
d6 i64x2.eq - vv>v
d7 i64x2.ne - vv>v
d8 i64x2.lt_s - vv>v
d9 i64x2.gt_s - vv>v
da i64x2.le_s - vv>v
db i64x2.ge_s - vv>v
dc i64x2.extmul_low_i32x4_s - vv>v
dd i64x2.extmul_high_i32x4_s - vv>v
de i64x2.extmul_low_i32x4_u - vv>v
df i64x2.extmul_high_i32x4_u - vv>v
e0 f32x4.abs - v>v
e1 f32x4.neg - v>v
e3 f32x4.sqrt - v>v
e4 f32x4.add - vv>v
e5 f32x4.sub - vv>v
e6 f32x4.mul - vv>v
e7 f32x4.div - vv>v
e8 f32x4.min - vv>v
e9 f32x4.max - vv>v
ea f32x4.pmin - vv>v
eb f32x4.pmax - vv>v
ec f64x2.abs - v>v
ed f64x2.neg - v>v
ef f64x2.sqrt - v>v
f0 f64x2.add - vv>v
f1 f64x2.sub - vv>v
f2 f64x2.mul - vv>v
f3 f64x2.div - vv>v
f4 f64x2.min - vv>v
f5 f64x2.max - vv>v
f6 f64x2.pmin - vv>v
f7 f64x2.pmax - vv>v
f8 i32x4.trunc_sat_f32x4_s - v>v
f9 i32x4.trunc_sat_f32x4_u - v>v
fa f32x4.convert_i32x4_s - v>v
fb f32x4.convert_i32x4_u - v>v
fc i32x4.trunc_sat_f64x2_s_zero - v>v
fd i32x4.trunc_sat_f64x2_u_zero - v>v
fe f64x2.convert_low_i32x4_s - v>v
ff f64x2.convert_low_i32x4_u - v>v
100 i8x16.relaxed_swizzle - vv>v
101 i32x4.relaxed_trunc_f32x4_s - v>v
102 i32x4.relaxed_trunc_f32x4_u - v>v
103 i32x4.relaxed_trunc_f64x2_s_zero - v>v
104 i32x4.relaxed_trunc_f64x2_u_zero - v>v
105 f32x4.relaxed_madd - vvv>v
106 f32x4.relaxed_nmadd - vvv>v
107 f64x2.relaxed_madd - vvv>v
108 f64x2.relaxed_nmadd - vvv>v
109 i8x16.relaxed_laneselect - vvv>v
10a i16x8.relaxed_laneselect - vvv>v
10b i32x4.relaxed_laneselect - vvv>v
10c i64x2.relaxed_laneselect - vvv>v
10d f32x4.relaxed_min - vv>v
10e f32x4.relaxed_max - vv>v
10f f64x2.relaxed_min - vv>v
110 f64x2.relaxed_max - vv>v
111 i16x8.relaxed_q15mulr_s - vv>v
112 i16x8.relaxed_dot_i8x16_i7x16_s - vv>v
113 i32x4.relaxed_dot_i8x16_i7x16_add_s - vvv>v
`;

function atomicRows(): string {
  const rows = [
    '00 memory.atomic.notify memarg ai>i 2',
    '01 memory.atomic.wait32 memarg aiI>i 2',
    '02 memory.atomic.wait64 memarg aII>i 3',
    '03 atomic.fence zero >',
    '10 i32.atomic.load memarg a>i 2',
    '11 i64.atomic.load memarg a>I 3',
    '12 i32.atomic.load8_u memarg a>i 0',
    '13 i32.atomic.load16_u memarg a>i 1',
    '14 i64.atomic.load8_u memarg a>I 0',
    '15 i64.atomic.load16_u memarg a>I 1',
    '16 i64.atomic.load32_u memarg a>I 2',
    '17 i32.atomic.store memarg ai> 2',
    '18 i64.atomic.store memarg aI> 3',
    '19 i32.atomic.store8 memarg ai> 0',
    '1a i32.atomic.store16 memarg ai> 1',
    '1b i64.atomic.store8 memarg aI> 0',
    '1c i64.atomic.store16 memarg aI> 1',
    '1d i64.atomic.store32 memarg aI> 2',
  ];
  // Read-modify-write families: seven widths each, in this order, starting at 0x1e.
  const widths: [string, string, number][] = [
    ['i32.atomic.rmw', 'i', 2], ['i64.atomic.rmw', 'I', 3],
    ['i32.atomic.rmw8', 'i', 0], ['i32.atomic.rmw16', 'i', 1],
    ['i64.atomic.rmw8', 'I', 0], ['i64.atomic.rmw16', 'I', 1], ['i64.atomic.rmw32', 'I', 2],
  ];
  let code = 0x1e;
  for (const op of ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg']) {
    for (const [prefix, t, align] of widths) {
      const suffix = prefix.endsWith('rmw') ? op : `${op}_u`;
      const sig = op === 'cmpxchg' ? `a${t}${t}>${t}` : `a${t}>${t}`;
      rows.push(`${code.toString(16)} ${prefix}.${suffix} memarg ${sig} ${align}`);
      code++;
    }
  }
  return rows.join('\n');
}

function parseRows(prefix: number, text: string, out: OpInfo[]): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [hex, name, immName, sig, align] = line.trim().split(/\s+/);
    const imm = IMM_BY_NAME[immName!];
    if (imm === undefined) throw new Error(`opcode table: unknown immediate ${immName}`);
    const sub = parseInt(hex!, 16);
    out.push({
      name: name!,
      code: prefix ? (prefix << 16) | sub : sub,
      imm,
      sig: sig === '*' ? null : sig!,
      align: align === undefined ? -1 : Number(align),
    });
  }
}

function buildTable(): OpInfo[] {
  const ops: OpInfo[] = [];
  parseRows(0, PLAIN, ops);
  parseRows(PREFIX_GC, GC, ops);
  parseRows(PREFIX_MISC, MISC, ops);
  parseRows(PREFIX_SIMD, SIMD, ops);
  parseRows(PREFIX_ATOMIC, atomicRows(), ops);
  return ops;
}

/** Every instruction, in opcode order within each prefix. */
export const OPCODES: readonly OpInfo[] = buildTable();

const byCode = new Map<number, OpInfo>();
const byName = new Map<string, OpInfo>();
for (const op of OPCODES) {
  byCode.set(op.code, op);
  // The GC cast variants share their text name; the text parser picks by the `null` keyword.
  if (op.name === 'ref.test_null' || op.name === 'ref.cast_null') continue;
  // `select` names both 0x1b and the typed 0x1c; the text parser picks 0x1c when a type follows.
  if (!byName.has(op.name)) byName.set(op.name, op);
}

/** The instruction with binary code `code` (see the header), or undefined. */
export function opByCode(code: number): OpInfo | undefined {
  return byCode.get(code);
}

/** The instruction with text mnemonic `name`, or undefined. */
export function opByName(name: string): OpInfo | undefined {
  return byName.get(name);
}

/** Text mnemonic for a code (the `_null` cast variants print as `ref.test`/`ref.cast` with `null`). */
export function opName(code: number): string {
  const op = byCode.get(code);
  if (!op) return `<unknown 0x${code.toString(16)}>`;
  // Only the cast variants: `ref.is_null` and `ref.as_non_null` keep their names.
  return op.name === 'ref.test_null' || op.name === 'ref.cast_null' ? op.name.slice(0, -5) : op.name;
}
