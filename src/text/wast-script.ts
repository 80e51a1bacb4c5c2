/**
 * The WAST script structure (the spec's `script` grammar): what `parseWast` produces and what the
 * spec-suite runner and `purewasm wast` execute. Modules arrive already encoded to binary (text
 * modules are encoded by the parser), except `module quote`, whose text is parsed only when the
 * command runs, because a quoted module may be malformed on purpose.
 */

/** Where a command stood in the script (1-based). */
export interface Loc {
  line: number;
  column: number;
}

/** A module as a script writes it. */
export interface WastModule {
  /** `$name` after `module`, if any. */
  name: string | null;
  /** `(module definition …)`: compiled but not instantiated. */
  definition: boolean;
  /**
   * `text` (encoded by the parser), `binary` (given as bytes) or `quote` (text parsed on use). A text
   * module that does not parse also arrives as `quote`, holding its source, so that its error belongs
   * to its own command.
   */
  source: 'text' | 'binary' | 'quote';
  /** The binary for `text` and `binary` modules. */
  bytes: Uint8Array | null;
  /** The module text for `quote` modules (the quoted strings concatenated). */
  quote: string | null;
  loc: Loc;
}

/** A constant argument or an exact expected result. f32/f64 are bit patterns, so NaN payloads survive. */
export type WastConst =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32'; bits: number }
  | { type: 'f64'; bits: bigint }
  | { type: 'v128'; bytes: Uint8Array }
  /** `ref.null ht` (ht as written: func, extern, any, exn, …, or a type index/name) */
  | { type: 'ref.null'; heap: string }
  /** `ref.extern N`: a host reference identified by N */
  | { type: 'ref.extern'; value: number }
  /** `ref.host N` (older scripts), same as ref.extern in meaning */
  | { type: 'ref.host'; value: number };

/** A lane or scalar float pattern: an exact value or a NaN class. */
export type FloatPattern =
  | { kind: 'bits'; bits: number | bigint }
  | { kind: 'nan:canonical' }
  | { kind: 'nan:arithmetic' };

/** An expected result. */
export type WastExpected =
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'f32'; pattern: FloatPattern }
  | { type: 'f64'; pattern: FloatPattern }
  /** v128 with a lane shape; integer lanes as bigint, float lanes as patterns. */
  | { type: 'v128'; shape: 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2'; lanes: (bigint | FloatPattern)[] }
  | { type: 'ref.null'; heap: string | null }
  | { type: 'ref.extern'; value: number | null }
  | { type: 'ref.host'; value: number }
  /** ref.func, ref.struct, ref.array, ref.i31, ref.eq, ref.any, ref.exn, ref.extern (no value): any non-null ref of that kind */
  | { type: 'ref.func' | 'ref.struct' | 'ref.array' | 'ref.i31' | 'ref.eq' | 'ref.any' | 'ref.exn'; value?: number }
  /** `(either r1 r2 …)`: any one of the alternatives */
  | { type: 'either'; options: WastExpected[] };

export type WastAction =
  | { kind: 'invoke'; module: string | null; name: string; args: WastConst[]; loc: Loc }
  | { kind: 'get'; module: string | null; name: string; loc: Loc };

export type WastCommand =
  | { kind: 'module'; module: WastModule }
  /** `(module instance $I $M)`: instantiate the definition $M as $I */
  | { kind: 'module_instance'; instance: string | null; module: string | null; loc: Loc }
  | { kind: 'register'; as: string; module: string | null; loc: Loc }
  | { kind: 'action'; action: WastAction; loc: Loc }
  | { kind: 'assert_return'; action: WastAction; expected: WastExpected[]; loc: Loc }
  | { kind: 'assert_trap'; action: WastAction | null; module: WastModule | null; message: string; loc: Loc }
  | { kind: 'assert_exhaustion'; action: WastAction; message: string; loc: Loc }
  | { kind: 'assert_exception'; action: WastAction; loc: Loc }
  | { kind: 'assert_invalid'; module: WastModule; message: string; loc: Loc }
  | { kind: 'assert_malformed'; module: WastModule; message: string; loc: Loc }
  | { kind: 'assert_unlinkable'; module: WastModule; message: string; loc: Loc }
  | { kind: 'assert_uninstantiable'; module: WastModule; message: string; loc: Loc }
  /** assert_invalid_custom / assert_malformed_custom: custom-section (annotation) errors; the module must still load. */
  | { kind: 'assert_malformed_custom' | 'assert_invalid_custom'; module: WastModule; message: string; loc: Loc }
  /** `(thread $T (shared (module $M))* cmd*)` from the threads proposal */
  | { kind: 'thread'; name: string; shared: string[]; commands: WastCommand[]; loc: Loc }
  | { kind: 'wait'; thread: string; loc: Loc };

export interface WastScript {
  commands: WastCommand[];
}
