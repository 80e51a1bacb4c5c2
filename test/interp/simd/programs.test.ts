/**
 * Whole-engine differential test for SIMD: seeded random functions that compute with v128 values
 * through locals, a global, blocks (with parameters), br_if, loops, calls, if/else, select, memory,
 * lane moves and nested operators — run by
 * purewasm (decoder, validator, translator, interpreter and interp/simd together) and by V8, then
 * compared byte for byte over the memory they write.
 *
 * V8 runs a twin of each function in which every float result whose NaN bits the spec leaves open
 * is canonicalised, and every relaxed instruction is replaced by its deterministic-profile meaning
 * — which is exactly what purewasm promises — so any difference is a bug, not an allowed choice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { Engine, Instance, Module, Store } from '../../../src/index.js';
import { Imm, type OpInfo } from '../../../src/syntax/opcodes.js';
import { nanLaneBits, RELAXED, SIMD_OPS } from './v8-oracle.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt;
beforeAll(async () => {
  wabt = await wabtInit();
});

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const byKind = (params: string, imm: Imm = Imm.None): OpInfo[] =>
  SIMD_OPS.filter((o) => o.imm === imm && o.sig !== null && o.sig.split('>')[0] === params && o.sig.endsWith('>v'));
const UNARY = byKind('v'), BINARY = byKind('vv'), TERNARY = byKind('vvv'), SHIFT = byKind('vi');
const TESTS = SIMD_OPS.filter((o) => o.sig === 'v>i' && o.imm === Imm.None);
const LOADS = SIMD_OPS.filter((o) => o.imm === Imm.Memarg && o.sig === 'a>v');
const LOAD_LANES = SIMD_OPS.filter((o) => o.imm === Imm.MemargLane && o.sig === 'av>v');
const LANE_COUNT: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 };

/** One expression, rendered twice: as purewasm runs it, and as the V8 twin computes it. */
interface Twin { ours: string; theirs: string }

class Generator {
  constructor(private next: () => number) {}
  private pick<T>(xs: readonly T[]): T { return xs[this.next() % xs.length]!; }
  private both(s: string): Twin { return { ours: s, theirs: s }; }

  /** V8 side: canonicalise NaN lanes of `e` through the scratch local $t. */
  private canon(name: string, e: string): string {
    const bits = nanLaneBits(name);
    if (bits === 0) return e;
    const nan = bits === 32 ? 'i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000' : 'i32x4 0 0x7ff80000 0 0x7ff80000';
    const eq = bits === 32 ? 'f32x4.eq' : 'f64x2.eq';
    return `(v128.bitselect (local.tee $t ${e}) (v128.const ${nan}) (${eq} (local.get $t) (local.get $t)))`;
  }

  private op(o: OpInfo, args: Twin[], imm = ''): Twin {
    const ours = `(${o.name}${imm} ${args.map((a) => a.ours).join(' ')})`;
    const relaxed = RELAXED[o.name];
    const [a, b, c] = args.map((x) => x.theirs);
    const theirs = relaxed ? relaxed(a!, b ?? '', c ?? '') : `(${o.name}${imm} ${args.map((x) => x.theirs).join(' ')})`;
    return { ours, theirs: this.canon(o.name, theirs) };
  }

  v128(depth: number): Twin {
    const r = depth <= 0 ? this.next() % 3 : this.next() % 16;
    switch (r) {
      case 0: return this.both(`(local.get $v${this.next() % 3})`);
      case 1: return this.both(`(v128.const i32x4 ${[0, 1, 2, 3].map(() => this.constWord()).join(' ')})`);
      case 2: return this.both(`(v128.load offset=${this.next() % 48} (i32.const ${this.next() % 16}))`);
      case 3: case 4: return this.op(this.pick(UNARY), [this.v128(depth - 1)]);
      case 5: case 6: case 7: return this.op(this.pick(BINARY.filter((o) => o.name !== 'i16x8.relaxed_dot_i8x16_i7x16_s')), [this.v128(depth - 1), this.v128(depth - 1)]);
      case 8: return this.op(this.pick(TERNARY.filter((o) => !o.name.includes('dot'))), [this.v128(depth - 1), this.v128(depth - 1), this.v128(depth - 1)]);
      case 9: return this.op(this.pick(SHIFT), [this.v128(depth - 1), this.i32(depth - 1)]);
      case 10: {
        const shape = this.pick(['i8x16', 'i16x8', 'i32x4', 'i64x2']);
        const scalar = shape === 'i64x2' ? this.map(this.i32(depth - 1), (s) => `(i64.extend_i32_s ${s})`) : this.i32(depth - 1);
        return this.map(scalar, (s) => `(${shape}.splat ${s})`);
      }
      case 11: {
        const shape = this.pick(['i8x16', 'i16x8', 'i32x4', 'f32x4']);
        const lane = this.next() % LANE_COUNT[shape]!;
        const v = this.v128(depth - 1), s = this.i32(depth - 1);
        const value = (x: string): string => (shape === 'f32x4' ? `(f32.reinterpret_i32 ${x})` : x);
        return { ours: `(${shape}.replace_lane ${lane} ${v.ours} ${value(s.ours)})`, theirs: `(${shape}.replace_lane ${lane} ${v.theirs} ${value(s.theirs)})` };
      }
      case 12: {
        const lanes = Array.from({ length: 16 }, () => this.next() % 32).join(' ');
        const a = this.v128(depth - 1), b = this.v128(depth - 1);
        return { ours: `(i8x16.shuffle ${lanes} ${a.ours} ${b.ours})`, theirs: `(i8x16.shuffle ${lanes} ${a.theirs} ${b.theirs})` };
      }
      case 13: return this.both(`(${this.pick(LOADS).name} offset=${this.next() % 40} (i32.const ${this.next() % 40}))`);
      case 14: {
        const o = this.pick(LOAD_LANES);
        const lane = this.next() % (16 >> o.align);
        return this.map(this.v128(depth - 1), (v) => `(${o.name} offset=${this.next() % 40} ${lane} (i32.const ${this.next() % 40}) ${v})`);
      }
      default: {
        const a = this.v128(depth - 1), b = this.v128(depth - 1), c = this.i32(depth - 1);
        const pair = (f: (a: string, b: string, c: string) => string): Twin => ({ ours: f(a.ours, b.ours, c.ours), theirs: f(a.theirs, b.theirs, c.theirs) });
        switch (this.next() % 6) {
          case 0: return pair((x, y, z) => `(select ${x} ${y} ${z})`);
          case 1: return pair((x) => `(block (result v128) ${x})`);
          // A value carried out of a block by br_if, or falling through when the branch is not taken.
          case 2: return pair((x, y, z) => `(block $b (result v128) (drop (br_if $b ${x} ${z})) ${y})`);
          // Block parameters and a call: v128 values crossing frames.
          case 3: return pair((x, y) => `(call $mix ${x} ${y})`);
          case 4: return pair((x, y) => `(block (result v128) ${x} ${y} (block (param v128 v128) (result v128) (i8x16.sub)))`);
          default: return pair((x) => `(block (result v128) (global.set $g ${x}) (global.get $g))`);
        }
      }
    }
  }

  i32(depth: number): Twin {
    const r = depth <= 0 ? this.next() % 2 : this.next() % 6;
    switch (r) {
      case 0: return this.both(`(i32.const ${this.constWord()})`);
      case 1: return this.both('(local.get $x)');
      case 2: return this.map(this.v128(depth - 1), (v) => `(${this.pick(TESTS).name} ${v})`);
      case 3: {
        const [shape, suffix] = this.pick([['i8x16', '_s'], ['i8x16', '_u'], ['i16x8', '_s'], ['i16x8', '_u'], ['i32x4', ''], ['f32x4', '']] as const);
        const lane = this.next() % LANE_COUNT[shape]!;
        const e = (v: string): string => `(${shape}.extract_lane${suffix} ${lane} ${v})`;
        return this.map(this.v128(depth - 1), (v) => (shape === 'f32x4' ? `(i32.reinterpret_f32 ${e(v)})` : e(v)));
      }
      case 4: return this.map(this.v128(depth - 1), (v) => `(i32.wrap_i64 (i64x2.extract_lane ${this.next() % 2} ${v}))`);
      default: {
        const a = this.i32(depth - 1), b = this.i32(depth - 1);
        return { ours: `(i32.add ${a.ours} ${b.ours})`, theirs: `(i32.add ${a.theirs} ${b.theirs})` };
      }
    }
  }

  /** Applies the same wrapper to both renderings (random choices inside `f` must not differ: callers pass pure text). */
  private map(t: Twin, f: (s: string) => string): Twin {
    // Evaluate f once per side with identical random draws: capture the draws by rendering ours first, then
    // re-render theirs by substituting — f only embeds its argument, so replace the placeholder.
    const marker = '\u0000';
    const shell = f(marker);
    return { ours: shell.replace(marker, t.ours), theirs: shell.replace(marker, t.theirs) };
  }

  private constWord(): number {
    return this.pick([0, 1, -1, 0x7fc00000, 0x7f800000, 0x80000000 | 0, 0x3f800000, 0x4f000000, 0x7fa00001, this.next() | 0, this.next() | 0]);
  }

  /** A function body: statements over three v128 locals, then stores of results. */
  body(): Twin {
    const out: Twin[] = [];
    const stmts = 2 + (this.next() % 5);
    for (let i = 0; i < stmts; i++) {
      const k = this.next() % 3;
      const v = this.v128(3);
      if (this.next() % 6 === 0) {
        const step = this.v128(2);
        const n = 1 + (this.next() % 4);
        const loop = (st: string): string =>
          `(local.set $i (i32.const ${n})) (loop $l (local.set $v${k} (i32x4.add (local.get $v${k}) ${st})) ` +
          `(br_if $l (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))`;
        out.push({ ours: loop(step.ours), theirs: loop(step.theirs) });
      } else if (this.next() % 4 === 0) {
        const c = this.i32(1), w = this.v128(2);
        out.push({
          ours: `(if (i32.and ${c.ours} (i32.const 1)) (then (local.set $v${k} ${v.ours})) (else (local.set $v${k} ${w.ours})))`,
          theirs: `(if (i32.and ${c.theirs} (i32.const 1)) (then (local.set $v${k} ${v.theirs})) (else (local.set $v${k} ${w.theirs})))`,
        });
      } else {
        out.push({ ours: `(local.set $v${k} ${v.ours})`, theirs: `(local.set $v${k} ${v.theirs})` });
      }
    }
    const r = this.v128(4), s = this.i32(3);
    out.push({ ours: `(v128.store (i32.const 128) ${r.ours})`, theirs: `(v128.store (i32.const 128) ${r.theirs})` });
    out.push({ ours: `(i32.store (i32.const 144) ${s.ours})`, theirs: `(i32.store (i32.const 144) ${s.theirs})` });
    for (let k = 0; k < 3; k++) out.push(this.both(`(v128.store (i32.const ${160 + 16 * k}) (local.get $v${k}))`));
    return { ours: out.map((t) => t.ours).join('\n'), theirs: out.map((t) => t.theirs).join('\n') };
  }
}

function moduleText(body: string): string {
  return `(module (memory (export "memory") 1)
    (global $g (mut v128) (v128.const i32x4 1 2 3 4))
    (func $mix (param $a v128) (param $b v128) (result v128)
      (i32x4.add (i8x16.shuffle 16 1 18 3 20 5 22 7 24 9 26 11 28 13 30 15 (local.get $a) (local.get $b)) (global.get $g)))
    (func (export "run") (param $x i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $t v128) (local $i i32)
      (local.set $v0 (v128.load (i32.const 0))) (local.set $v1 (v128.load (i32.const 16))) (local.set $v2 (v128.load (i32.const 32)))
      ${body}))`;
}

function toBinary(text: string): Uint8Array {
  const m = wabt.parseWat('fuzz.wat', text, { simd: true, relaxed_simd: true } as never);
  try {
    return m.toBinary({}).buffer as Uint8Array;
  } finally {
    m.destroy();
  }
}

const F32_SPECIAL = [0x7fc00000, 0xffc00001, 0x7fa00000, 0x7f800000, 0xff800000, 0x80000000, 0x3f800000, 0x3fc00000, 0x4f000000, 0xcf000000, 1];

describe('random SIMD programs: purewasm agrees with V8', () => {
  it.each(Array.from({ length: Number(process.env.SIMD_FUZZ_PROGRAMS ?? 150) }, (_, i) => i))('program %i', (seed) => {
    const next = rng(0x51d0 + seed);
    const twin = new Generator(next).body();
    const oursBytes = toBinary(moduleText(twin.ours));
    const theirBytes = toBinary(moduleText(twin.theirs));
    const v8 = new WebAssembly.Instance(new WebAssembly.Module(theirBytes as Uint8Array<ArrayBuffer>));
    const v8mem = new Uint8Array((v8.exports.memory as WebAssembly.Memory).buffer);
    const store = new Store(new Engine(), undefined);
    const inst = Instance.new(store, Module.new(store.engine, oursBytes), []);
    const mem = inst.getMemory(store, 'memory')!;
    const run = inst.getFunc(store, 'run')!;
    for (let round = 0; round < 4; round++) {
      const input = new Uint8Array(256);
      const words = new Int32Array(input.buffer);
      for (let i = 0; i < words.length; i++) words[i] = next() % 3 === 0 ? F32_SPECIAL[next() % F32_SPECIAL.length]! : next();
      v8mem.set(input);
      mem.write(store, 0, input);
      const x = next() | 0;
      (v8.exports.run as (x: number) => void)(x);
      run.call(store, x);
      const got = mem.read(store, 0, 256), want = v8mem.slice(0, 256);
      if (Buffer.compare(got, want) !== 0) {
        expect.fail(`program ${seed} round ${round} x=${x} differs at bytes ${[...got.keys()].filter((i) => got[i] !== want[i]).join(',')}\n${twin.ours}`);
      }
    }
  });
});
