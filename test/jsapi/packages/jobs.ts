/**
 * Real jobs for real npm packages that ship wasm, each built by a different toolchain: sql.js
 * (SQLite, Emscripten), brotli-wasm (Rust, wasm-bindgen), hash-wasm (C, clang) and
 * @wasm-fmt/gofmt (Go's gofmt, TinyGo). Each job uses
 * whatever `globalThis.WebAssembly` is installed and returns a JSON-able result, so the same job
 * can run on V8's own WebAssembly and on purewasm's polyfill and the results can be compared.
 * The packages are used unmodified, through their normal entry points.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** SQLite (Emscripten): create a table, insert rows, aggregate with SQL. */
async function sqljs(): Promise<unknown> {
  const initSqlJs = require('sql.js') as (config?: object) => Promise<any>;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)');
  const stmt = db.prepare('INSERT INTO t (name, score) VALUES (?, ?)');
  for (let i = 0; i < 50; i++) stmt.run([`name${i % 7}`, (i * 37) % 101 / 3]);
  stmt.free();
  const rows = db.exec('SELECT name, COUNT(*), ROUND(SUM(score), 6), MAX(id) FROM t GROUP BY name ORDER BY name')[0].values;
  const version = db.exec('SELECT sqlite_version()')[0].values[0][0];
  db.close();
  return { rows, version };
}

/** Brotli (Rust via wasm-bindgen): compress text and decompress it again. */
async function brotli(): Promise<unknown> {
  const b = require('brotli-wasm') as { compress(d: Uint8Array, o?: object): Uint8Array; decompress(d: Uint8Array): Uint8Array };
  const text = Array.from({ length: 400 }, (_, i) => `line ${i}: the quick brown fox ${i % 13} jumps over the lazy dog\n`).join('');
  const input = new TextEncoder().encode(text);
  const compressed = b.compress(input, { quality: 5 });
  const back = new TextDecoder().decode(b.decompress(compressed));
  return { inputLength: input.length, compressed: Buffer.from(compressed).toString('base64'), roundTrip: back === text };
}

/** Hashes (C via clang): SHA-256, BLAKE3, xxhash64 and CRC32 of the same data. */
async function hashwasm(): Promise<unknown> {
  const h = require('hash-wasm') as Record<string, (d: Uint8Array | string) => Promise<string>>;
  const data = new Uint8Array(100_000).map((_, i) => (i * 7919) & 0xff);
  return {
    sha256: await h.sha256!(data),
    blake3: await h.blake3!(data),
    xxhash64: await (h.xxhash64 as unknown as (d: Uint8Array) => Promise<string>)(data),
    crc32: await h.crc32!(data),
    md5: await h.md5!('purewasm'),
  };
}

/** gofmt (Go, compiled by TinyGo): format a messy Go program. */
async function gofmt(): Promise<unknown> {
  const { format } = (await import('@wasm-fmt/gofmt')) as { format(source: string): string };
  const source = [
    'package main', 'import "fmt"', 'type point struct{x,y int}',
    'func (p point)add(q point)point{return point{p.x+q.x,p.y+q.y}}',
    'func main(){ps:=[]point{{1,2},{3,4}}', 'var s point', 'for _,p:=range ps{s=s.add(p)}', 'fmt.Println("Hello, 世界",s)}',
  ].join('\n');
  return { formatted: format(source) };
}

/** The jobs by package name. */
export const JOBS: Readonly<Record<string, () => Promise<unknown>>> = {
  'sql.js': sqljs, 'brotli-wasm': brotli, 'hash-wasm': hashwasm, '@wasm-fmt/gofmt': gofmt,
};
