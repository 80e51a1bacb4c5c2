/**
 * Test helper: builds module binaries by hand (LEB128, names, vectors, sections) so section
 * tests state exactly the bytes they feed the decoder. Not an encoder: no knowledge of modules.
 */
export type Bytes = number[];

export function u32(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function s32(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function name(s: string): Bytes {
  const b = [...Buffer.from(s, 'utf8')];
  return [...u32(b.length), ...b];
}

export function vec(items: Bytes[]): Bytes {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, content: Bytes): Bytes {
  return [id, ...u32(content.length), ...content];
}

export const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function wasm(...sections: Bytes[]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

/** A code section entry: locals as [count, type] pairs, then body bytes (which should end with 0x0b). */
export function func(locals: [number, number][], body: Bytes): Bytes {
  const content = [...vec(locals.map(([n, t]) => [...u32(n), t])), ...body];
  return [...u32(content.length), ...content];
}
